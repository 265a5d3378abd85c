package dev.latchkey.adapter.persistence.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.DeleteAccountPort;
import dev.latchkey.application.port.out.LeakNoticePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.Token;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The owners' notices of tokens found leaked: one per token, newest first, dismissed by the owner, gone with them. */
abstract class LeakNoticeStoreContract extends StoreContract {

    private LeakNoticePort notices;
    private TransactionPort transactions;

    @BeforeAll
    void ports() {
        notices = context.getBean(LeakNoticePort.class);
        transactions = context.getBean(TransactionPort.class);
    }

    private Token token(Account owner) {
        return newToken(owner, NOW, Expiry.never());
    }

    @Test
    void anOwnerSeesTheirNoticesNewestFirstUntilTheyDismissThem() {
        Account alice = newAccount();
        Account bob = newAccount();
        Token older = token(alice);
        Token newer = token(alice);
        Token bobs = token(bob);
        Token untouched = token(alice);
        notices.record(LeakNotice.found(older, "commit", "https://github.com/acme/app/blob/1a2b/ci.yml", NOW));
        notices.record(LeakNotice.found(newer, "npm", "für CI ✓ 🔑", NOW.plusSeconds(60)));
        notices.record(LeakNotice.found(bobs, "public report", "", NOW));

        assertThat(notices.undismissed(alice.id(), 10)).containsExactly(
                LeakNotice.found(newer, "npm", "für CI ✓ 🔑", NOW.plusSeconds(60)),
                LeakNotice.found(older, "commit", "https://github.com/acme/app/blob/1a2b/ci.yml", NOW));
        assertThat(notices.undismissed(alice.id(), 1)).extracting(LeakNotice::token).containsExactly(newer.id());
        assertThat(notices.ofTokens(alice.id(), List.of(older.id(), untouched.id(), bobs.id())))
                .as("another owner's token is not among alice's").extracting(LeakNotice::token)
                .containsExactly(older.id());

        assertThat(notices.dismissAll(alice.id(), NOW.plusSeconds(120))).isEqualTo(2);

        assertThat(notices.undismissed(alice.id(), 10)).isEmpty();
        assertThat(notices.ofTokens(alice.id(), List.of(newer.id()))).singleElement()
                .extracting(LeakNotice::dismissedAt).isEqualTo(Optional.of(NOW.plusSeconds(120)));
        assertThat(notices.dismissAll(alice.id(), NOW.plusSeconds(180))).isZero();
        assertThat(notices.undismissed(bob.id(), 10)).as("bob's is still his to dismiss").hasSize(1);
    }

    @Test
    void manyTokensAreAskedAboutInSeveralStatements() {
        Account alice = newAccount();
        List<Token> tokens = java.util.stream.IntStream.range(0, 130).mapToObj(index -> token(alice)).toList();
        tokens.forEach(token -> notices.record(LeakNotice.found(token, "content", "", NOW)));

        assertThat(notices.ofTokens(alice.id(), tokens.stream().map(Token::id).toList())).hasSize(130);
        assertThat(notices.ofTokens(alice.id(), List.of())).isEmpty();
    }

    @Test
    void aNoticeIsUndoneWithTheTransactionItWasWrittenIn() {
        Account alice = newAccount();
        Token leaked = token(alice);

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            notices.record(LeakNotice.found(leaked, "commit", "", NOW));
            throw new IllegalStateException("the revocation beside it failed");
        })).hasMessageContaining("the revocation beside it failed");

        assertThat(notices.undismissed(alice.id(), 10)).isEmpty();
    }

    @Test
    void aTokenHasOneNoticeAndTheFirstIsKept() {
        Account alice = newAccount();
        Token leaked = token(alice);
        notices.record(LeakNotice.found(leaked, "commit", "first", NOW));

        assertThatThrownBy(() -> notices.record(LeakNotice.found(leaked, "npm", "second", NOW)))
                .isInstanceOf(RuntimeException.class);

        assertThat(notices.undismissed(alice.id(), 10)).extracting(LeakNotice::location).containsExactly("first");
    }

    @Test
    void anAccountsNoticesGoWithIt() {
        Account alice = newAccount();
        notices.record(LeakNotice.found(token(alice), "commit", "", NOW));

        context.getBean(DeleteAccountPort.class).delete(alice.id());

        assertThat(notices.undismissed(alice.id(), 10)).isEmpty();
    }
}
