package dev.latchkey.adapter.persistence.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.domain.Account;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Console sign-in sessions: stored by the hash of their secret, moved only forward, swept when past a timeout. Each
 * subclass runs it against one real database, migrated by the same Flyway scripts the service uses.
 */
abstract class SignInSessionStoreContract extends StoreContract {

    @Test
    void signInSessionsRoundTripMoveOnlyForwardAndEndOneOrAllOfAnAccount() {
        SignInSessionPersistenceAdapter sessions = context.getBean(SignInSessionPersistenceAdapter.class);
        Account alice = newAccount();
        Account bob = newAccount();
        dev.latchkey.domain.SignInSession first = dev.latchkey.domain.SignInSession.start(
                dev.latchkey.domain.SecretHash.of("first " + alice.id()), alice.id(), "stamp-1", NOW);
        dev.latchkey.domain.SignInSession second = dev.latchkey.domain.SignInSession.start(
                dev.latchkey.domain.SecretHash.of("second " + alice.id()), alice.id(), "stamp-1", NOW);
        dev.latchkey.domain.SignInSession bobs = dev.latchkey.domain.SignInSession.start(
                dev.latchkey.domain.SecretHash.of("bob " + bob.id()), bob.id(), "stamp-2", NOW);
        sessions.save(first);
        sessions.save(second);
        sessions.save(bobs);
        assertThat(sessions.find(first.id())).contains(first);

        sessions.recordSeen(first.id(), NOW.plusSeconds(120));
        sessions.recordSeen(first.id(), NOW.plusSeconds(60));
        assertThat(sessions.find(first.id())).map(dev.latchkey.domain.SignInSession::lastSeenAt)
                .contains(NOW.plusSeconds(120));

        sessions.end(first.id());
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).isPresent();
        assertThat(sessions.endAllOf(alice.id())).isEqualTo(1);
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(bobs.id())).isPresent();
    }

    @Test
    void theSweepDeletesOnlySessionsPastATimeout() {
        SignInSessionPersistenceAdapter sessions = context.getBean(SignInSessionPersistenceAdapter.class);
        Account owner = newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        dev.latchkey.domain.SignInSession idle = new dev.latchkey.domain.SignInSession(
                dev.latchkey.domain.SecretHash.of("idle " + owner.id()), owner.id(), "s",
                now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(16)));
        dev.latchkey.domain.SignInSession old = new dev.latchkey.domain.SignInSession(
                dev.latchkey.domain.SecretHash.of("old " + owner.id()), owner.id(), "s",
                now.minus(Duration.ofHours(9)), now.minusSeconds(30));
        dev.latchkey.domain.SignInSession live = new dev.latchkey.domain.SignInSession(
                dev.latchkey.domain.SecretHash.of("live " + owner.id()), owner.id(), "s",
                now.minus(Duration.ofHours(7)), now.minusSeconds(30));
        sessions.save(idle);
        sessions.save(old);
        sessions.save(live);

        context.getBean(SignInSessionRetention.class).purge();

        assertThat(sessions.find(idle.id())).isEmpty();
        assertThat(sessions.find(old.id())).isEmpty();
        assertThat(sessions.find(live.id())).isPresent();
    }
}
