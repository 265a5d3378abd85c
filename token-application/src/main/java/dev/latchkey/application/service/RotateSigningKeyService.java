package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import java.time.Clock;
import java.util.Optional;

final class RotateSigningKeyService implements RotateSigningKeyUseCase {

    private final SigningKeyRingPort keys;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    RotateSigningKeyService(SigningKeyRingPort keys, RecordAuditEventPort audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome rotate(Caller administrator) {
        administrator.requireAdministrator();
        if (!keys.inUse()) {
            return new Outcome.NotInUse();
        }
        return new Outcome.Rotated(made(administrator.actor(), "requested"));
    }

    @Override
    public Optional<SigningKeyRingPort.MadeKey> rotateIfDue() {
        if (!keys.inUse() || !keys.dueForRotation()) {
            return Optional.empty();
        }
        return Optional.of(made(Actor.system(), "due"));
    }

    private SigningKeyRingPort.MadeKey made(Actor actor, String why) {
        SigningKeyRingPort.MadeKey key = keys.makeSuccessor();
        audit.record(AuditEvent.of(clock.instant(), AuditEventType.SIGNING_KEY_ROTATED, actor, Optional.empty(),
                Optional.empty(), "kid=" + key.kid() + " algorithm=" + key.algorithm() + " signsFrom="
                        + key.activatesAt() + " reason=" + why));
        return key;
    }
}
