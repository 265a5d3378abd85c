package dev.latchkey.adapter.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: written with the change it records, coalesced, bounded, filtered. Each subclass runs it against
 * one real database, migrated by the same Flyway scripts the service uses.
 */
abstract class AuditTrailStoreContract extends StoreContract {

    private AuditTrailAdapter audit;

    @BeforeAll
    void adapters() {
        audit = context.getBean(AuditTrailAdapter.class);
    }

    @Test
    void aTokensIssueIsInTheAuditTrailWithItWhetherOrNotInATransaction() {
        Account owner = newAccount();
        Token grouped = newToken(owner, NOW, Expiry.never());
        Token inTransaction = context.getBean(JdbcTransactions.class)
                .inTransaction(() -> newToken(owner, NOW, Expiry.never()));

        for (Token token : List.of(grouped, inTransaction)) {
            assertThat(audit.find(filter(Optional.empty(), Optional.of(token.id()), Optional.empty()), 0, 10))
                    .singleElement().satisfies(event -> {
                        assertThat(event.type()).isEqualTo(AuditEventType.TOKEN_ISSUED);
                        assertThat(event.account()).contains(owner.id());
                        assertThat(event.actor()).isEqualTo(Actor.account(owner.id()));
                    });
        }
    }

    @Test
    void anEventRecordedInATransactionThatRollsBackIsGone() {
        Account owner = newAccount();
        AuditEvent event = AuditEvent.of(NOW, AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                Optional.of(owner.id()), Optional.empty(), "enabled=false");

        assertThatThrownBy(() -> context.getBean(JdbcTransactions.class).inTransaction(() -> {
            audit.record(event);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        audit.record(event);

        assertThat(audit.find(filter(Optional.of(owner.id()), Optional.empty(), Optional.empty()), 0, 10))
                .containsExactly(event);
    }

    @Test
    void countedEventsAreCoalescedIntoOneEntryPerIntervalWithTheirCount() {
        Account owner = newAccount();
        Token token = newToken(owner, NOW, Expiry.never());
        for (int use = 0; use < 5; use++) {
            audit.count(AuditEvent.of(NOW.plusSeconds(use), AuditEventType.TOKEN_USED, Actor.account(owner.id()),
                    Optional.of(owner.id()), Optional.of(token.id()), ""));
        }

        audit.flush();

        assertThat(audit.find(filter(Optional.empty(), Optional.of(token.id()), Optional.of(AuditEventType.TOKEN_USED)),
                0, 10)).singleElement().satisfies(event -> {
                    assertThat(event.count()).isEqualTo(5);
                    assertThat(event.occurredAt()).isEqualTo(NOW);
                });
        assertThat(audit.flush()).as("nothing left to write").isZero();
    }

    @Test
    void aFloodOfDistinctCountedEventsIsItemisedOnlyUpToTheLimit() {
        Account owner = newAccount();
        audit.flush();
        for (int distinct = 0; distinct < AuditTrailAdapter.MAXIMUM_COUNTED + 500; distinct++) {
            // From many addresses, each within its own allowance of itemised entries.
            Actor address = Actor.anonymous("10.0." + distinct / AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR);
            audit.count(AuditEvent.of(NOW, AuditEventType.TOKEN_REFUSED, address, Optional.of(owner.id()),
                    Optional.empty(), "fingerprint=" + distinct));
        }

        assertThat(audit.flush()).isEqualTo(AuditTrailAdapter.MAXIMUM_COUNTED + 1);
        assertThat(audit.find(filter(Optional.empty(), Optional.empty(), Optional.of(AuditEventType.TOKEN_REFUSED)),
                0, 1_000_000)).filteredOn(event -> event.account().isEmpty() && event.actor().equals(Actor.system()))
                .singleElement().satisfies(overflow -> assertThat(overflow.count()).isEqualTo(500));
    }

    @Test
    void oneAddressGetsOnlySoManyDistinctEntriesAnIntervalAndTheRestAreFoldedIntoOne() {
        audit.flush();
        Actor flooder = Actor.anonymous("203.0.113.9");
        int sent = 3 * AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR;
        for (int distinct = 0; distinct < sent; distinct++) {
            audit.count(AuditEvent.of(NOW, AuditEventType.TOKEN_REFUSED, flooder, Optional.empty(), Optional.empty(),
                    "fingerprint=flood" + distinct));
        }
        audit.count(AuditEvent.of(NOW, AuditEventType.TOKEN_REFUSED, Actor.anonymous("203.0.113.10"),
                Optional.empty(), Optional.empty(), "fingerprint=bystander"));

        assertThat(audit.flush()).isEqualTo(AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR + 2);
        List<AuditEvent> fromFlooder = audit.find(filter(Optional.empty(), Optional.empty(),
                Optional.of(AuditEventType.TOKEN_REFUSED)), 0, 1_000_000).stream()
                .filter(event -> event.actor().equals(flooder)).toList();
        assertThat(fromFlooder.stream().mapToLong(AuditEvent::count).sum()).isEqualTo(sent);
        assertThat(fromFlooder).filteredOn(event -> event.detail().startsWith("more distinct events")).singleElement()
                .satisfies(folded -> assertThat(folded.count())
                        .isEqualTo(sent - AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR));
    }

    @Test
    void theTrailIsFilteredAndReadNewestFirst() {
        Account owner = newAccount();
        Account other = newAccount();
        List<AuditEvent> events = List.of(
                AuditEvent.of(NOW.minusSeconds(30), AuditEventType.LOGIN_FAILED, Actor.anonymous("192.0.2.7"),
                        Optional.of(owner.id()), Optional.empty(), "reason=BAD_CREDENTIALS"),
                AuditEvent.of(NOW.minusSeconds(20), AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                        Optional.of(owner.id()), Optional.empty(), "role=ADMIN"),
                AuditEvent.of(NOW.minusSeconds(10), AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                        Optional.of(other.id()), Optional.empty(), "role=USER"));
        events.forEach(audit::record);
        LoadAuditEventsPort.Filter owners = filter(Optional.of(owner.id()), Optional.empty(), Optional.empty());

        assertThat(audit.find(owners, 0, 10)).containsExactly(events.get(1), events.get(0));
        assertThat(audit.count(owners)).isEqualTo(2);
        assertThat(audit.find(owners, 1, 10)).containsExactly(events.get(0));
        assertThat(audit.find(new LoadAuditEventsPort.Filter(Optional.empty(), Optional.empty(),
                Optional.of(AuditEventType.ACCOUNT_CHANGED), Optional.of(NOW.minusSeconds(20)),
                Optional.of(NOW.minusSeconds(10))), 0, 10)).containsExactly(events.get(1));
        assertThat(audit.deleteBefore(NOW.minusSeconds(25))).isPositive();
        assertThat(audit.find(owners, 0, 10)).containsExactly(events.get(1));
    }

    private static LoadAuditEventsPort.Filter filter(Optional<AccountId> account, Optional<TokenId> token,
                                                     Optional<AuditEventType> type) {
        return new LoadAuditEventsPort.Filter(account, token, type, Optional.empty(), Optional.empty());
    }
}
