package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ListTokensUseCase.ListTokensQuery;
import dev.latchkey.application.port.in.ListTokensUseCase.TokenListing;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AccountUpdate;
import dev.latchkey.domain.ClientUpdate;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class AdministerClientsService implements AdministerClientsUseCase {

    private final LoadClientPort clients;
    private final SaveClientPort saveClients;
    private final LoadAccountPort accounts;
    private final UpdateAccountPort updateAccounts;
    private final LoadTokenPort tokens;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final ListTokensService listings;
    private final Clock clock;

    AdministerClientsService(LoadClientPort clients, SaveClientPort saveClients, LoadAccountPort accounts,
                             UpdateAccountPort updateAccounts, LoadTokenPort tokens, TokenLifecycle lifecycle,
                             RecordAuditEventPort audit, ListTokensService listings, Clock clock) {
        this.clients = clients;
        this.saveClients = saveClients;
        this.accounts = accounts;
        this.updateAccounts = updateAccounts;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.listings = listings;
        this.clock = clock;
    }

    @Override
    public List<OAuthClient> list(Caller caller) {
        caller.requireAdministrator();
        return clients.listAll();
    }

    @Override
    public Optional<OAuthClient> find(Caller caller, ClientId id) {
        caller.requireAdministrator();
        return clients.loadById(id);
    }

    @Override
    public Optional<OAuthClient> setEnabled(Caller caller, ClientId id, boolean enabled) {
        Optional<OAuthClient> found = find(caller, id);
        if (found.isEmpty()) {
            return found;
        }
        ClientUpdate update = enabled ? found.get().enable() : found.get().disable();
        if (update.change().isEmpty()) {
            return found;
        }
        OAuthClient client = update.client();
        Instant now = clock.instant();
        lifecycle.inTransaction(() -> {
            saveClients.updateEnabled(id, enabled);
            // The service account the client acts as follows it: a disabled client cannot act through it either.
            client.serviceAccount().flatMap(accounts::loadById)
                    .map(account -> enabled ? account.enable() : account.disable())
                    .filter(AccountUpdate::changed)
                    .ifPresent(account -> updateAccounts.update(account.account()));
            audit.record(AuditEvent.of(now, AuditEventType.CLIENT_CHANGED, caller.actor(),
                    client.serviceAccount(), Optional.empty(), update.auditDetail()));
            if (update.change().get() == ClientUpdate.Change.DISABLED) {
                lifecycle.revokeAll(new LoadTokenPort.Selection.IssuedTo(id), now, RevocationReason.CLIENT_DISABLED,
                        caller.actor());
            }
            return null;
        });
        return Optional.of(client);
    }

    @Override
    public Optional<OAuthClient> changeSignIn(Caller caller, ClientId id, SignInChange change) {
        return change(caller, id, client -> client.changeSignIn(change.applyTo(client.signIn())),
                changed -> saveClients.updateSignIn(id, changed.signIn()));
    }

    @Override
    public Optional<OAuthClient> changeKeys(Caller caller, ClientId id, KeyChange change) {
        return change(caller, id, client -> client.changeKeys(change.applyTo(client.keySettings())),
                changed -> saveClients.updateKeys(id, changed.keySettings()));
    }

    /**
     * A change of one of a client's settings: the transition, and, if it changed anything, the write of what changed
     * and its {@code client.changed} audit entry in one transaction.
     */
    private Optional<OAuthClient> change(Caller caller, ClientId id,
                                         java.util.function.Function<OAuthClient, ClientUpdate> transition,
                                         java.util.function.Consumer<OAuthClient> write) {
        Optional<OAuthClient> found = find(caller, id);
        if (found.isEmpty()) {
            return found;
        }
        ClientUpdate update = transition.apply(found.get());
        if (update.change().isPresent()) {
            Instant now = clock.instant();
            lifecycle.inTransaction(() -> {
                write.accept(update.client());
                audit.record(AuditEvent.of(now, AuditEventType.CLIENT_CHANGED, caller.actor(),
                        update.client().serviceAccount(), Optional.empty(), update.auditDetail()));
                return null;
            });
        }
        return Optional.of(update.client());
    }

    @Override
    public Optional<TokenListing> serviceAccountTokens(Caller caller, ClientId id, int page, int size) {
        ListTokensQuery query = new ListTokensQuery(caller, page, size);
        return serviceAccountOf(caller, id).map(owner -> listings.listOwnedBy(owner, query));
    }

    @Override
    public boolean revokeServiceAccountToken(Caller caller, ClientId id, TokenId tokenId) {
        Optional<Token> token = serviceAccountOf(caller, id)
                .flatMap(owner -> tokens.loadById(tokenId).filter(candidate -> candidate.isOwnedBy(owner)));
        if (token.isEmpty()) {
            return false;
        }
        lifecycle.revoke(token.get(), clock.instant(), RevocationReason.REQUESTED, caller.actor());
        return true;
    }

    private Optional<AccountId> serviceAccountOf(Caller caller, ClientId id) {
        return find(caller, id).flatMap(OAuthClient::serviceAccount);
    }

}
