package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.out.AuthorizationCodePort;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.PushedRequestPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.AuthorizationCode;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.AuthorizationRequest;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Consent;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Prompt;
import dev.latchkey.domain.PushedAuthorizationRequest;
import dev.latchkey.domain.SecretHash;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class AuthorizeService implements AuthorizeUseCase {

    private static final String GONE = "This sign-in request was completed or has expired. Go back to the "
            + "application and start again.";

    private final LoadClientPort clients;
    private final LoadAccountPort accounts;
    private final ConsentPort consents;
    private final AuthorizationCodePort codes;
    private final PushedRequestPort pushedRequests;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final RandomnessPort randomness;
    private final Clock clock;

    AuthorizeService(LoadClientPort clients, LoadAccountPort accounts, ConsentPort consents,
                     AuthorizationCodePort codes, PushedRequestPort pushedRequests, TransactionPort transactions,
                     RecordAuditEventPort audit, RandomnessPort randomness, Clock clock) {
        this.clients = clients;
        this.accounts = accounts;
        this.consents = consents;
        this.codes = codes;
        this.pushedRequests = pushedRequests;
        this.transactions = transactions;
        this.audit = audit;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Check check(AuthorizationParameters parameters) {
        Optional<OAuthClient> client = parameters.clientId().flatMap(AuthorizeService::clientId)
                .flatMap(clients::loadById).filter(OAuthClient::enabled);
        if (client.isEmpty()) {
            return new Check.Unsafe(parameters.clientId().isEmpty() ? "The request names no client."
                    : "The client is unknown or disabled.");
        }
        if (parameters.requestUri().isPresent()) {
            return pushed(client.get(), parameters.requestUri().get());
        }
        AuthorizationRequests.Reading reading = AuthorizationRequests.read(client.get(), parameters, false);
        if (reading instanceof AuthorizationRequests.Reading.NoRedirect none) {
            return new Check.Unsafe(none.reason());
        }
        if (reading instanceof AuthorizationRequests.Reading.Refused refused) {
            return new Check.Refused(new ErrorRedirect(refused.redirectUri(), refused.error(), refused.description(),
                    refused.state()));
        }
        return new Check.Sound(((AuthorizationRequests.Reading.Read) reading).request(), client.get(),
                Optional.empty());
    }

    /** RFC 9126 section 4: the parameters are the pushed request's, and only its client may use it. */
    private Check pushed(OAuthClient client, String requestUri) {
        if (!PushedAuthorizationRequest.isWellFormed(requestUri)) {
            return new Check.Unsafe("The request_uri is not one this server made.");
        }
        return pushedRequests.find(SecretHash.of(requestUri))
                .filter(stored -> stored.request().client().equals(client.id()))
                .filter(stored -> stored.isUsableAt(clock.instant()))
                .<Check>map(stored -> new Check.Sound(stored.request(), client, Optional.of(requestUri)))
                .orElseGet(() -> new Check.Unsafe(GONE));
    }

    @Override
    public Decision decide(Check.Sound sound, Optional<AccountId> person, boolean freshSignIn) {
        AuthorizationRequest request = sound.request();
        Optional<Account> account = person.flatMap(accounts::loadById).filter(Account::enabled);
        if (account.isEmpty() || request.prompts(Prompt.LOGIN) && !freshSignIn) {
            return request.prompts(Prompt.NONE)
                    ? refused(request, "login_required", "Nobody is signed in.")
                    : new Decision.SignIn();
        }
        if (!account.get().mayHold(request.scopes())) {
            return refused(request, "invalid_scope", "The account may not hold a requested scope.");
        }
        Optional<Consent> earlier = consents.find(account.get().id(), request.client());
        boolean consented = sound.client().signIn().consentSkipped()
                || earlier.filter(consent -> consent.covers(request.scopes())).isPresent()
                        && !request.prompts(Prompt.CONSENT);
        if (consented) {
            return issue(sound, account.get());
        }
        return request.prompts(Prompt.NONE)
                ? refused(request, "consent_required", "The person has not consented to this client and scope.")
                : new Decision.AskConsent(sound.client(), request.scopes(),
                        earlier.map(Consent::scopes).filter(scopes -> !scopes.containsAll(request.scopes())));
    }

    @Override
    public Decision answer(Check.Sound sound, AccountId person, boolean allowed) {
        AuthorizationRequest request = sound.request();
        Optional<Account> account = accounts.loadById(person).filter(Account::enabled);
        if (account.isEmpty()) {
            return new Decision.SignIn();
        }
        if (!allowed) {
            if (sound.pushed().isPresent() && !pushedRequests.complete(SecretHash.of(sound.pushed().get()),
                    clock.instant())) {
                return new Decision.Unsafe(GONE);
            }
            return refused(request, "access_denied", "The person denied the request.");
        }
        if (!account.get().mayHold(request.scopes())) {
            return refused(request, "invalid_scope", "The account may not hold a requested scope.");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            Consent consent = consents.find(person, request.client())
                    .map(earlier -> earlier.widenedTo(request.scopes(), now))
                    .orElseGet(() -> new Consent(person, request.client(), request.scopes(), now));
            consents.save(consent);
            audit.record(AuditEvent.of(now, AuditEventType.CONSENT_GIVEN, Actor.account(person),
                    Optional.of(person), Optional.empty(), "client=" + request.client().value() + " scopes="
                            + (request.scopes().size() == 0 ? "none" : request.scopes().asSpaceDelimited())));
            return issue(sound, account.get());
        });
    }

    /** Makes the code; a pushed request completes with it, once. */
    private Decision issue(Check.Sound sound, Account account) {
        AuthorizationCode code = AuthorizationCode.fromRandomBytes(randomness.nextBytes(32));
        GrantId grant = GrantId.fromRandomBytes(randomness.nextBytes(16));
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            if (sound.pushed().isPresent() && !pushedRequests.complete(SecretHash.of(sound.pushed().get()), now)) {
                return new Decision.Unsafe(GONE);
            }
            codes.save(AuthorizationCodeGrant.issue(code.hash(), sound.request(), account.id(), grant, now));
            return new Decision.Code(sound.request().redirectUri(), code.reveal(), sound.request().state());
        });
    }

    private static Decision refused(AuthorizationRequest request, String error, String description) {
        return new Decision.Refused(new ErrorRedirect(request.redirectUri(), error, description, request.state()));
    }

    private static Optional<ClientId> clientId(String value) {
        try {
            return Optional.of(ClientId.of(value));
        } catch (InvalidValueException malformed) {
            return Optional.empty();
        }
    }
}
