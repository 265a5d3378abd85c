package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientUpdate;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RevocationReason;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class RotateClientSecretService implements RotateClientSecretUseCase {

    private final SaveClientPort clients;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final RandomnessPort randomness;
    private final Clock clock;

    RotateClientSecretService(SaveClientPort clients, TokenLifecycle lifecycle, RecordAuditEventPort audit,
                              RandomnessPort randomness, Clock clock) {
        this.clients = clients;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Outcome rotate(RotateClientSecretCommand command) {
        command.administrator().requireAdministrator();
        ClientSecret secret = ClientSecret.fromRandomBytes(randomness.nextBytes(32));
        Instant now = clock.instant();
        // Read under lock: two rotations at once are made one after the other, and the second retires the first's
        // secret instead of losing it.
        return lifecycle.inTransaction(() -> {
            Optional<OAuthClient> found = clients.lockById(command.client());
            if (found.isEmpty()) {
                return new Outcome.ClientNotFound();
            }
            if (found.get().secretHash().isEmpty()) {
                return new Outcome.HasNoSecret();
            }
            ClientUpdate update;
            try {
                update = found.get().rotateSecret(secret.hash(), now, command.previousSecretValidFor());
            } catch (InvalidValueException refused) {
                return new Outcome.Refused(refused.field(), refused.reason());
            }
            OAuthClient client = update.client();
            clients.updateSecrets(client);
            audit.record(AuditEvent.of(now, AuditEventType.CLIENT_CHANGED, command.administrator().actor(),
                    client.serviceAccount(), Optional.empty(), update.auditDetail()));
            int revoked = command.revokeTokens()
                    ? lifecycle.revokeAll(new LoadTokenPort.Selection.IssuedTo(client.id()), now,
                            RevocationReason.CLIENT_SECRET_ROTATED, command.administrator().actor())
                    : 0;
            return new Outcome.Rotated(client, secret, revoked);
        });
    }
}
