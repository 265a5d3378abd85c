package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthorizedApplicationsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Consent;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class AuthorizedApplicationsService implements AuthorizedApplicationsUseCase {

    private final ConsentPort consents;
    private final LoadClientPort clients;
    private final LoadTokenPort tokens;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    AuthorizedApplicationsService(ConsentPort consents, LoadClientPort clients, LoadTokenPort tokens,
                                  TokenLifecycle lifecycle, RecordAuditEventPort audit, Clock clock) {
        this.consents = consents;
        this.clients = clients;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<AuthorizedApplication> list(Caller person) {
        Instant now = clock.instant();
        // A person's tokens are few (the active-token ceiling bounds them), so their last uses are read at once.
        List<Token> active = tokens.loadRevocable(new LoadTokenPort.Selection.OwnedBy(person.accountId()), now);
        return consents.listFor(person.accountId()).stream()
                .flatMap(consent -> clients.loadById(consent.client()).stream()
                        .map(client -> new AuthorizedApplication(client, consent.scopes(), consent.grantedAt(),
                                lastUse(active, consent.client()))))
                .sorted(Comparator.comparing(application -> application.client().name()))
                .toList();
    }

    @Override
    public boolean revoke(Caller person, ClientId client) {
        Instant now = clock.instant();
        return lifecycle.inTransaction(() -> {
            Optional<Consent> consent = consents.find(person.accountId(), client);
            if (consent.isEmpty() || !consents.withdraw(person.accountId(), client)) {
                return false;
            }
            int revoked = lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(person.accountId()),
                    token -> token.client().equals(Optional.of(client)), now, RevocationReason.CONSENT_WITHDRAWN,
                    person.actor());
            audit.record(AuditEvent.of(now, AuditEventType.CONSENT_WITHDRAWN, person.actor(),
                    Optional.of(person.accountId()), Optional.empty(),
                    "client=" + client.value() + " revoked=" + revoked));
            return true;
        });
    }

    private static Optional<Instant> lastUse(List<Token> active, ClientId client) {
        return active.stream().filter(token -> token.client().equals(Optional.of(client)))
                .flatMap(token -> token.lastUsedAt().stream()).max(Comparator.naturalOrder());
    }
}
