package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotateSigningKeyServiceTest {

    /** A ring that makes numbered keys, and is due when told. */
    private static final class CountingRing implements SigningKeyRingPort {
        final List<MadeKey> made = new ArrayList<>();
        boolean inUse = true;
        boolean due;

        @Override
        public boolean inUse() {
            return inUse;
        }

        @Override
        public boolean dueForRotation() {
            return due;
        }

        @Override
        public MadeKey makeSuccessor() {
            MadeKey key = new MadeKey("key-" + (made.size() + 1), "ES256",
                    ServiceFixture.START.plus(Duration.ofMinutes(10)));
            made.add(key);
            due = false;
            return key;
        }
    }

    private final ServiceFixture fixture = new ServiceFixture();
    private final CountingRing ring = new CountingRing();
    private final RotateSigningKeyUseCase rotation = LatchkeyServices.rotateSigningKey(ring, fixture.events,
            fixture.clock);
    private final Account root = fixture.account("root", "root password", Role.ADMIN);
    private final Account alice = fixture.account("alice", "alice password");

    private List<AuditEvent> rotations() {
        return fixture.events.recorded.stream().filter(event -> event.type() == AuditEventType.SIGNING_KEY_ROTATED)
                .toList();
    }

    @Test
    void anAdministratorsRotationMakesAKeyAndTheTrailSaysWhoAndWhich() {
        RotateSigningKeyUseCase.Outcome outcome = rotation.rotate(ServiceFixture.byPassword(root));

        assertThat(outcome).isEqualTo(new RotateSigningKeyUseCase.Outcome.Rotated(ring.made.get(0)));
        assertThat(rotations()).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(Actor.account(root.id()));
            assertThat(event.detail()).contains("kid=key-1", "algorithm=ES256", "reason=requested");
        });
    }

    @Test
    void noOneElseRotatesAndNothingRotatesWhereKeyPairsAreNotInUse() {
        assertThatThrownBy(() -> rotation.rotate(ServiceFixture.byPassword(alice)))
                .isInstanceOf(NotAnAdministratorException.class);
        ring.inUse = false;
        assertThat(rotation.rotate(ServiceFixture.byPassword(root)))
                .isInstanceOf(RotateSigningKeyUseCase.Outcome.NotInUse.class);
        ring.due = true;
        assertThat(rotation.rotateIfDue()).isEmpty();
        assertThat(ring.made).isEmpty();
        assertThat(rotations()).isEmpty();
    }

    @Test
    void theScheduleRotatesOnlyWhenDueAndTheServiceIsTheActor() {
        assertThat(rotation.rotateIfDue()).isEmpty();
        ring.due = true;

        assertThat(rotation.rotateIfDue()).contains(ring.made.get(0));
        assertThat(rotation.rotateIfDue()).isEmpty();
        assertThat(rotations()).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(Actor.system());
            assertThat(event.detail()).contains("reason=due");
        });
    }
}
