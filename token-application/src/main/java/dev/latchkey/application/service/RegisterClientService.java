package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenId;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

final class RegisterClientService implements RegisterClientUseCase {

    private final SaveClientPort clients;
    private final SaveAccountPort accounts;
    private final PasswordHasherPort passwordHasher;
    private final TransactionPort transactions;
    private final RandomnessPort randomness;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    RegisterClientService(SaveClientPort clients, SaveAccountPort accounts, PasswordHasherPort passwordHasher,
                          TransactionPort transactions, RandomnessPort randomness, RecordAuditEventPort audit,
                          Clock clock) {
        this.clients = clients;
        this.accounts = accounts;
        this.passwordHasher = passwordHasher;
        this.transactions = transactions;
        this.randomness = randomness;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome register(RegisterClientCommand command) {
        command.registrar().requireAdministrator();
        // A client that signs with its keys gets no secret: there is then nothing shared to leak.
        Optional<ClientSecret> secret = command.type() == ClientType.CONFIDENTIAL && command.keys().keys().isEmpty()
                ? Optional.of(ClientSecret.fromRandomBytes(randomness.nextBytes(32))) : Optional.empty();
        // A random UUID as the id: public, unique without coordination, and tells nothing about the client.
        ClientId id = ClientId.of(TokenId.fromRandomBytes(randomness.nextBytes(16)).toString());
        Instant now = clock.instant();
        OAuthClient client;
        try {
            client = new OAuthClient(id, command.name(), command.type(), secret.map(ClientSecret::hash),
                    Optional.empty(), command.grantTypes().orElseGet(() -> OAuthClient.defaultGrantTypes(
                            command.type(), command.scopes().isPresent())), command.scopes(), command.signIn(),
                    command.keys(), true, now);
        } catch (InvalidValueException invalid) {
            return new Outcome.Refused(invalid.field(), invalid.reason());
        } catch (IllegalArgumentException publicWithKeys) {
            return new Outcome.Refused("keys", "only a confidential client signs with keys; a public one has none");
        }
        Optional<Account> serviceAccount = client.serviceAccount().map(accountId -> Account.create(accountId,
                client.serviceAccountUsername(), passwordHasher.hash(unguessablePassword()), Role.USER, now));
        if (serviceAccount.isPresent() && !serviceAccount.get().mayHold(client.scopes().orElse(Scopes.none()))) {
            return new Outcome.Refused("scopes", "a client's own tokens may not carry 'introspect' or 'partner:' "
                    + "scopes; a client introspects by authenticating as itself");
        }
        transactions.inTransaction(() -> {
            if (clients.saveNew(client) == SaveClientPort.SaveOutcome.CLIENT_ID_TAKEN) {
                throw new IllegalStateException("a random client id collided; this should never happen");
            }
            serviceAccount.ifPresent(account -> {
                if (accounts.saveNew(account) != SaveAccountPort.SaveOutcome.SAVED) {
                    throw new IllegalStateException("a client's service account collided; this should never happen");
                }
            });
            audit.record(AuditEvent.of(now, AuditEventType.CLIENT_REGISTERED,
                    command.registrar().actor(), client.serviceAccount(), Optional.empty(),
                    "client=" + client.id().value() + " type=" + client.type() + " grants=" + client.grantTypes()
                            + client.keySettings().keys().map(keys -> " keys=" + keys.describe()).orElse("")
                            + (client.requiresDpop() ? " dpop-bound-access-tokens=true" : "")));
            return null;
        });
        return new Outcome.Registered(client, secret);
    }

    /**
     * A service account signs in by its client's secret, never by password; its hash is of 32 random bytes that are
     * dropped at once, so that no password opens it.
     */
    private Password unguessablePassword() {
        return Password.presented(Base64.getUrlEncoder().withoutPadding().encodeToString(randomness.nextBytes(32)));
    }
}
