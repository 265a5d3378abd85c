package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.Cause;
import dev.latchkey.application.port.in.GrantTokensUseCase.DeviceError;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.out.AuthorizationCodePort;
import dev.latchkey.application.port.out.DeviceAuthorizationPort;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuthorizationCode;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.DeviceCode;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenStatus;
import dev.latchkey.domain.TokenPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

final class GrantTokensService implements GrantTokensUseCase {

    private static final String BAD_PASSWORD = "The username or password is incorrect.";
    private static final String BAD_REFRESH_TOKEN = "The refresh token is invalid, expired or revoked.";
    private static final String BAD_SUBJECT_TOKEN = "The subject token is invalid, expired or revoked.";
    private static final String BAD_CODE = "The authorization code is invalid.";
    private static final String SCOPE_NOT_HELD = "The account may not hold a requested scope ('" + Scopes.INTROSPECT
            + "' is for administrators, 'partner:<id>' for the partner's own accounts).";

    private final GrantPolicy policy;
    private final Policies policies;
    private final AuthenticateUseCase authenticate;
    private final PresentedCredentials credentials;
    private final LoadTokenPort tokens;
    private final LoadAccountPort accounts;
    private final TokenLifecycle lifecycle;
    private final RandomnessPort randomness;
    private final JwtAccessTokenPort jwts;
    private final TokenValidity validity;
    private final AuthorizationCodePort codes;
    private final DeviceAuthorizationPort devices;
    private final Clock clock;
    /** The key this view's tokens are bound to, if a proof came with the request. */
    private final Optional<KeyThumbprint> proofKey;
    private final boolean bindsRefreshTokens;

    GrantTokensService(GrantPolicy policy, Policies policies, TokenLifecycle lifecycle, AuthenticateUseCase authenticate,
                       PresentedCredentials credentials, LoadTokenPort tokens, LoadAccountPort accounts,
                       RandomnessPort randomness, JwtAccessTokenPort jwts, TokenValidity validity,
                       AuthorizationCodePort codes, DeviceAuthorizationPort devices, Clock clock) {
        this(policy, policies, lifecycle, authenticate, credentials, tokens, accounts, randomness, jwts, validity, codes,
                devices, clock, Optional.empty(), false);
    }

    private GrantTokensService(GrantPolicy policy, Policies policies, TokenLifecycle lifecycle,
                               AuthenticateUseCase authenticate, PresentedCredentials credentials, LoadTokenPort tokens,
                               LoadAccountPort accounts, RandomnessPort randomness, JwtAccessTokenPort jwts,
                               TokenValidity validity, AuthorizationCodePort codes, DeviceAuthorizationPort devices,
                               Clock clock, Optional<KeyThumbprint> proofKey, boolean bindsRefreshTokens) {
        this.proofKey = proofKey;
        this.bindsRefreshTokens = bindsRefreshTokens;
        this.policy = policy;
        this.policies = policies;
        this.authenticate = authenticate;
        this.credentials = credentials;
        this.tokens = tokens;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.randomness = randomness;
        this.jwts = jwts;
        this.validity = validity;
        this.codes = codes;
        this.devices = devices;
        this.clock = clock;
    }

    @Override
    public GrantTokensUseCase boundTo(KeyThumbprint key, boolean refreshTokensToo) {
        return new GrantTokensService(policy, policies, lifecycle, authenticate, credentials, tokens, accounts,
                randomness, jwts, validity, codes, devices, clock, Optional.of(key), refreshTokensToo);
    }

    @Override
    public Outcome grant(CodeGrant grant) {
        Optional<AuthorizationCodeGrant> found = AuthorizationCode.parse(grant.code())
                .flatMap(code -> codes.findByHash(code.hash()));
        if (found.isEmpty()) {
            return new Outcome.InvalidGrant(Cause.UNKNOWN_TOKEN, BAD_CODE);
        }
        Instant now = clock.instant();
        AuthorizationCodeGrant.Redemption redemption = found.get().redeem(grant.client().id(), grant.redirectUri(),
                grant.codeVerifier(), proofKey, now);
        if (redemption instanceof AuthorizationCodeGrant.Redemption.Replayed replayed) {
            return replayedCode(replayed.code(), now);
        }
        if (redemption instanceof AuthorizationCodeGrant.Redemption.Refused refused) {
            return new Outcome.InvalidGrant(Cause.BAD_CREDENTIALS, refused.reason());
        }
        AuthorizationCodeGrant code = ((AuthorizationCodeGrant.Redemption.Redeemed) redemption).code();
        Optional<Outcome> clientRefusal = clientRefusal(Optional.of(grant.client()), GrantType.AUTHORIZATION_CODE,
                code.scopes());
        if (clientRefusal.isPresent()) {
            return clientRefusal.get();
        }
        return grantFor(code.account(), code.grant(), grant.client(), code.scopes(), now,
                () -> codes.markRedeemed(code.codeHash(), now),
                () -> replayedCode(codes.findByHash(code.codeHash()).orElse(code), now));
    }

    @Override
    public Outcome grant(DeviceCodeGrant grant) {
        Optional<DeviceAuthorization> found = DeviceCode.parse(grant.deviceCode())
                .flatMap(code -> devices.findByDeviceCode(code.hash()))
                .filter(authorization -> authorization.client().equals(grant.client().id()));
        if (found.isEmpty()) {
            return new Outcome.InvalidGrant(Cause.UNKNOWN_TOKEN, "The device code is invalid.");
        }
        if (!KeyThumbprint.admits(found.get().dpopKey(), proofKey)) {
            // Not counted as a poll: the device with the key is still to come.
            return new Outcome.InvalidGrant(Cause.BAD_CREDENTIALS,
                    "The device request is bound to a key (dpop_jkt): poll with a DPoP proof made with that key.");
        }
        Instant now = clock.instant();
        DeviceAuthorization.Poll poll = found.get().poll(now);
        if (poll instanceof DeviceAuthorization.Poll.Pending pending) {
            devices.replace(found.get(), pending.polled());
            return new Outcome.DeviceNotReady(DeviceError.AUTHORIZATION_PENDING,
                    "The person has not approved the request yet.");
        }
        if (poll instanceof DeviceAuthorization.Poll.SlowDown slowDown) {
            devices.replace(found.get(), slowDown.polled());
            return new Outcome.DeviceNotReady(DeviceError.SLOW_DOWN, "Poll no more often than every "
                    + slowDown.polled().interval().toSeconds() + " seconds.");
        }
        if (poll instanceof DeviceAuthorization.Poll.Denied) {
            return new Outcome.DeviceNotReady(DeviceError.ACCESS_DENIED, "The person denied the request.");
        }
        if (poll instanceof DeviceAuthorization.Poll.Expired) {
            return new Outcome.DeviceNotReady(DeviceError.EXPIRED_TOKEN, "The device code has expired.");
        }
        if (poll instanceof DeviceAuthorization.Poll.AlreadyRedeemed) {
            return new Outcome.InvalidGrant(Cause.SPENT, "The device code has been used.");
        }
        DeviceAuthorization redeemed = ((DeviceAuthorization.Poll.Approved) poll).redeemed();
        Optional<Outcome> clientRefusal = clientRefusal(Optional.of(grant.client()), GrantType.DEVICE_CODE,
                redeemed.scopes());
        if (clientRefusal.isPresent()) {
            return clientRefusal.get();
        }
        return grantFor(redeemed.account().orElseThrow(), redeemed.grant(), grant.client(), redeemed.scopes(), now,
                () -> devices.replace(found.get(), redeemed),
                () -> new Outcome.InvalidGrant(Cause.SPENT, "The device code has been used."));
    }

    /**
     * The pair a person's authorization gets, made in one transaction with the write that spends the authorization
     * ({@code spend}): if another request spent it first, nothing is issued and {@code spentMeanwhile} answers.
     */
    private Outcome grantFor(AccountId person, GrantId grantId, OAuthClient client, Scopes scopes, Instant now,
                             BooleanSupplier spend, Supplier<Outcome> spentMeanwhile) {
        Optional<Account> owner = accounts.loadById(person).filter(Account::enabled);
        if (owner.isEmpty()) {
            return new Outcome.InvalidGrant(Cause.REVOKED, "The account is disabled.");
        }
        if (!owner.get().mayHold(scopes)) {
            return new Outcome.InvalidScope(SCOPE_NOT_HELD);
        }
        Fit fit = fit(owner.get(), scopes);
        if (fit instanceof Fit.Refused refused) {
            return refused.refusal();
        }
        Optional<Outcome> granted = lifecycle.inTransaction(() -> spend.getAsBoolean()
                ? Optional.of(issuePair(owner.get(), grantId, Optional.of(client.id()), scopes, now,
                        (Fit.Lifetimes) fit))
                : Optional.empty());
        return granted.orElseGet(spentMeanwhile);
    }

    private Outcome replayedCode(AuthorizationCodeGrant code, Instant now) {
        lifecycle.revokeReplayedCode(code, now, Actor.client(code.client()));
        return new Outcome.InvalidGrant(Cause.SPENT,
                "The authorization code has already been used; the tokens it got have been revoked.");
    }

    @Override
    public Outcome grant(PasswordGrant grant) {
        AuthenticateUseCase.Outcome authentication = authenticate.authenticate(
                new AuthenticateUseCase.PasswordCredentials(grant.username(), grant.password(), grant.address()));
        if (!(authentication instanceof AuthenticateUseCase.Outcome.Authenticated authenticated)) {
            return new Outcome.InvalidGrant(Cause.BAD_CREDENTIALS, BAD_PASSWORD);
        }
        Account account = accounts.loadById(authenticated.caller().accountId()).orElseThrow();
        Scopes scopes = grant.scope().orElse(Scopes.none());
        Optional<Outcome> clientRefusal = clientRefusal(grant.client(), GrantType.PASSWORD, scopes);
        if (clientRefusal.isPresent()) {
            return clientRefusal.get();
        }
        if (!account.mayHold(scopes)) {
            return new Outcome.InvalidScope(SCOPE_NOT_HELD);
        }
        Fit fit = fit(account, scopes);
        if (fit instanceof Fit.Refused refused) {
            return refused.refusal();
        }
        GrantId grantId = GrantId.fromRandomBytes(randomness.nextBytes(16));
        return lifecycle.inTransaction(() -> issuePair(account, grantId, clientIdOf(grant.client()), scopes,
                clock.instant(), (Fit.Lifetimes) fit));
    }

    @Override
    public Outcome grant(RefreshGrant grant) {
        Optional<Token> found = credentials.find(grant.refreshToken())
                .filter(token -> token.kind() == TokenKind.REFRESH);
        if (found.isEmpty()) {
            return new Outcome.InvalidGrant(Cause.UNKNOWN_TOKEN, BAD_REFRESH_TOKEN);
        }
        Token refresh = found.get();
        if (!refresh.surface().equals(Optional.of(policy.surface()))) {
            // Answered like an unknown token: whether it is valid elsewhere is none of this surface's business.
            return new Outcome.InvalidGrant(Cause.WRONG_SURFACE, BAD_REFRESH_TOKEN);
        }
        if (!refresh.client().equals(clientIdOf(grant.client()))) {
            // RFC 6749 section 6: a refresh token is bound to the client it was issued to.
            return new Outcome.InvalidGrant(Cause.WRONG_CLIENT, "The refresh token was issued to another client.");
        }
        if (!KeyThumbprint.admits(refresh.proofKey(), proofKey)) {
            // RFC 9449 section 5: a bound refresh token is redeemed only with a proof by its key.
            return new Outcome.InvalidGrant(Cause.BAD_CREDENTIALS,
                    "The refresh token is bound to a key: send a DPoP proof made with that key.");
        }
        Scopes scopes = grant.scope().orElse(refresh.scopes());
        if (!refresh.scopes().containsAll(scopes)) {
            return new Outcome.InvalidScope("A refresh cannot add scopes the grant does not carry.");
        }
        Optional<Outcome> clientRefusal = clientRefusal(grant.client(), GrantType.REFRESH_TOKEN, scopes);
        if (clientRefusal.isPresent()) {
            return clientRefusal.get();
        }
        Instant now = clock.instant();
        Token.ConsumptionOutcome consumption = refresh.consume(now);
        if (consumption instanceof Token.ConsumptionOutcome.AlreadyConsumed already) {
            return replayed(already.token(), now);
        }
        if (consumption instanceof Token.ConsumptionOutcome.Refused refused) {
            return new Outcome.InvalidGrant(refused.status() instanceof TokenStatus.Expired
                    ? Cause.EXPIRED : Cause.REVOKED, BAD_REFRESH_TOKEN);
        }
        if (!(consumption instanceof Token.ConsumptionOutcome.Consumed consumed)) {
            return new Outcome.InvalidGrant(Cause.UNKNOWN_TOKEN, BAD_REFRESH_TOKEN);
        }
        Optional<Account> owner = accounts.loadById(refresh.owner()).filter(Account::enabled);
        if (owner.isEmpty()) {
            return new Outcome.InvalidGrant(Cause.REVOKED, BAD_REFRESH_TOKEN);
        }
        if (!owner.get().mayHold(scopes)) {
            // A scope the owner has lost (an administrator's, after a demotion) is not renewed.
            return new Outcome.InvalidScope(SCOPE_NOT_HELD);
        }
        // The policy in force now governs the renewed pair, not the one the grant began under.
        Fit fit = fit(owner.get(), scopes);
        if (fit instanceof Fit.Refused refused) {
            return refused.refusal();
        }
        GrantId grantId = refresh.grant().orElseThrow();
        Optional<Outcome> exchanged = lifecycle.consume(consumed, Actor.account(owner.get().id()), () -> {
            if (policy.refreshRevokesEarlierTokens()) {
                // The platform's rule: a refresh invalidates the tokens it replaces, the earlier access token too.
                lifecycle.revokeAll(new LoadTokenPort.Selection.OfGrant(grantId), now, RevocationReason.GRANT_REVOKED,
                        Actor.account(owner.get().id()));
            }
            return issuePair(owner.get(), grantId, refresh.client(), scopes, now, (Fit.Lifetimes) fit);
        });
        return exchanged.orElseGet(() -> {
            // Spent or revoked by a concurrent request since we read it; the store's view decides which.
            Token current = tokens.loadById(refresh.id()).orElse(refresh);
            return current.consumedAt().isPresent() ? replayed(current, now)
                    : new Outcome.InvalidGrant(Cause.REVOKED, BAD_REFRESH_TOKEN);
        });
    }

    @Override
    public Outcome grant(ClientCredentialsGrant grant) {
        OAuthClient client = grant.client();
        Scopes scopes = grant.scope().orElseGet(() -> client.scopes().orElse(Scopes.none()));
        Optional<Outcome> clientRefusal = clientRefusal(Optional.of(client), GrantType.CLIENT_CREDENTIALS, scopes);
        if (clientRefusal.isPresent()) {
            return clientRefusal.get();
        }
        Optional<Account> serviceAccount = client.serviceAccount().flatMap(accounts::loadById)
                .filter(Account::enabled);
        if (serviceAccount.isEmpty()) {
            return new Outcome.UnauthorizedClient("The client's service account is disabled.");
        }
        if (!serviceAccount.get().mayHold(scopes)) {
            return new Outcome.InvalidScope("A client's own tokens may not carry '" + Scopes.INTROSPECT
                    + "' or 'partner:<id>' scopes.");
        }
        Fit fit = fit(serviceAccount.get(), scopes);
        if (fit instanceof Fit.Refused refused) {
            return refused.refusal();
        }
        Instant now = clock.instant();
        GrantId grantId = GrantId.fromRandomBytes(randomness.nextBytes(16));
        TokenAttributes attributes = new TokenAttributes(newTokenId(), serviceAccount.get().id(), TokenKind.ACCESS,
                TokenDescription.none(), scopes, ((Fit.Lifetimes) fit).access().expiryFrom(now), Optional.of(grantId),
                Optional.of(client.id()), Optional.of(policy.surface()));
        IssuedToken access = issueRoot(serviceAccount.get(), attributes, now, Actor.client(client.id()));
        return new Outcome.Granted(access, Optional.empty());
    }

    @Override
    public Outcome grant(TokenExchangeGrant grant) {
        Instant now = clock.instant();
        Optional<Token> found = credentials.find(grant.subjectToken())
                .filter(token -> token.kind().authenticatesApiCalls());
        if (found.isEmpty()) {
            return new Outcome.InvalidGrant(Cause.UNKNOWN_TOKEN, BAD_SUBJECT_TOKEN);
        }
        Token subject = found.get();
        if (!KeyThumbprint.admits(subject.proofKey(), proofKey)) {
            // A bound token exchanged without its key's proof would come out a bearer token: a stolen one, usable.
            return new Outcome.InvalidGrant(Cause.BAD_CREDENTIALS,
                    "The subject token is bound to a key: send a DPoP proof made with that key.");
        }
        if (!(validity.check(subject, now) instanceof TokenValidity.Verdict.Active active)) {
            return new Outcome.InvalidGrant(subject.statusAt(now) instanceof TokenStatus.Expired
                    ? Cause.EXPIRED : Cause.REVOKED, BAD_SUBJECT_TOKEN);
        }
        Scopes scopes = grant.scope().orElse(subject.scopes());
        if (!subject.scopes().containsAll(scopes)) {
            return new Outcome.InvalidScope("A token exchange cannot add scopes the subject token does not carry.");
        }
        Optional<Outcome> clientRefusal = clientRefusal(grant.client(), GrantType.TOKEN_EXCHANGE, scopes);
        if (clientRefusal.isPresent()) {
            return clientRefusal.get();
        }
        if (subject.audience().isPresent() && grant.audience().isPresent()
                && !grant.audience().equals(subject.audience())) {
            return new Outcome.InvalidTarget("The subject token is meant for '" + subject.audience().get()
                    + "' only; an exchange can narrow an audience, not change it.");
        }
        Fit fit = fit(active.owner(), scopes);
        if (fit instanceof Fit.Refused refused) {
            return refused.refusal();
        }
        Expiry expiry = Expiry.earliest(subject.validUntil(), ((Fit.Lifetimes) fit).access().expiryFrom(now));
        if (subject.delegate(scopes, expiry) instanceof Token.Delegation.Refused refused) {
            return new Outcome.InvalidScope(refused.reason());
        }
        // The exchanged token joins the subject's grant, so that revoking the grant takes it too; a personal token
        // has no grant, so the exchange starts one.
        GrantId grantId = subject.grant().orElseGet(() -> GrantId.fromRandomBytes(randomness.nextBytes(16)));
        GrantSurface surface = subject.grant().isPresent() ? subject.surface().orElse(policy.surface())
                : policy.surface();
        // The exchanged token is the subject's delegate: it ends when the subject is revoked or rotated out.
        TokenAttributes attributes = new TokenAttributes(newTokenId(), subject.owner(), TokenKind.ACCESS,
                TokenDescription.none(), scopes, expiry, Optional.of(grantId),
                clientIdOf(grant.client()).or(subject::client), Optional.of(surface),
                grant.audience().or(subject::audience), Optional.of(subject.id()));
        Optional<IssuedToken> exchanged = store(active.owner(), attributes, now, Actor.account(subject.owner()));
        return exchanged.<Outcome>map(access -> new Outcome.Granted(access, Optional.empty()))
                .orElseGet(() -> new Outcome.InvalidGrant(Cause.REVOKED, BAD_SUBJECT_TOKEN));
    }

    /** What a registered client may not do, whichever grant it uses: a grant or a scope not registered for it. */
    private static Optional<Outcome> clientRefusal(Optional<OAuthClient> client, GrantType grantType,
                                                   Scopes scopes) {
        if (client.isEmpty()) {
            return Optional.empty();
        }
        if (!client.get().mayUse(grantType)) {
            return Optional.of(new Outcome.UnauthorizedClient(
                    "The client is not registered for the " + grantType.wireName() + " grant."));
        }
        if (!client.get().mayRequest(scopes)) {
            return Optional.of(new Outcome.InvalidScope("The client is not registered for a requested scope."));
        }
        return Optional.empty();
    }

    private static Optional<ClientId> clientIdOf(Optional<OAuthClient> client) {
        return client.map(OAuthClient::id);
    }

    /**
     * A spent refresh token presented again. Within the leeway it is a concurrent request or a retry, and is only
     * refused; after it, someone replays a copy, and the whole grant is revoked (OAuth 2.0 Security BCP, 4.14).
     */
    private Outcome replayed(Token spent, Instant now) {
        Instant consumedAt = spent.consumedAt().orElseThrow();
        if (!now.isAfter(consumedAt.plus(policy.reuseLeeway()))) {
            return new Outcome.InvalidGrant(Cause.SPENT, "The refresh token has already been used.");
        }
        // Whoever presents the copy is unknown; the grant's client, if any, is who presented it.
        lifecycle.revokeReplayedGrant(spent, now, spent.client().map(Actor::client).orElseGet(Actor::system));
        return new Outcome.InvalidGrant(Cause.SPENT,
                "The refresh token has already been used; its grant has been revoked.");
    }

    private Outcome issuePair(Account owner, GrantId grant, Optional<ClientId> client, Scopes scopes, Instant now,
                              Fit.Lifetimes lifetimes) {
        Actor actor = Actor.account(owner.id());
        IssuedToken access = issueRoot(owner, grantAttributes(owner, grant, client, scopes, TokenKind.ACCESS,
                lifetimes.access().expiryFrom(now)), now, actor);
        IssuedToken refresh = issueRoot(owner, grantAttributes(owner, grant, client, scopes, TokenKind.REFRESH,
                lifetimes.refresh().expiryFrom(now)), now, actor);
        return new Outcome.Granted(access, Optional.of(refresh));
    }

    /**
     * The lifetimes the policy governing {@code owner} gives a grant's tokens: this surface's own, fitted to it, since
     * no client asks for a lifetime; or the policy's refusal, which for a grant can only be a scope (ADR 15).
     */
    private Fit fit(Account owner, Scopes scopes) {
        TokenPolicy governing = policies.governing(owner);
        TokenPolicy.Decision access = governing.decide(owner.role(),
                LifetimeRequest.fitted(policy.accessTokenLifetime()), scopes);
        TokenPolicy.Decision refresh = governing.decide(owner.role(),
                LifetimeRequest.fitted(policy.refreshTokenLifetime()), scopes);
        if (access instanceof TokenPolicy.Decision.Refused refused) {
            return new Fit.Refused(policyRefusal(refused.violation()));
        }
        if (refresh instanceof TokenPolicy.Decision.Refused refused) {
            return new Fit.Refused(policyRefusal(refused.violation()));
        }
        return new Fit.Lifetimes(((TokenPolicy.Decision.Granted) access).lifetime(),
                ((TokenPolicy.Decision.Granted) refresh).lifetime());
    }

    private static Outcome policyRefusal(TokenPolicy.Violation violation) {
        return new Outcome.InvalidScope("The issuance policy refuses this (" + violation.rule().wireName() + "): "
                + violation.detail() + ".");
    }

    /** What the governing policy makes of a grant's request. */
    private sealed interface Fit {
        record Lifetimes(Lifetime access, Lifetime refresh) implements Fit {
        }

        record Refused(Outcome refusal) implements Fit {
        }
    }

    private TokenAttributes grantAttributes(Account owner, GrantId grant, Optional<ClientId> client, Scopes scopes,
                                            TokenKind kind, Expiry expiry) {
        return new TokenAttributes(newTokenId(), owner.id(), kind, TokenDescription.none(), scopes, expiry,
                Optional.of(grant), client, Optional.of(policy.surface()));
    }

    private TokenId newTokenId() {
        return TokenId.timeOrdered(clock.instant(), randomness.nextBytes(TokenId.TIME_ORDERED_RANDOM_BYTES));
    }

    /**
     * Stores a token made with no token as its credential, which the store has no reason to refuse. Grants are made
     * by their account, through whichever client; a client's own tokens by the client itself.
     */
    private IssuedToken issueRoot(Account owner, TokenAttributes attributes, Instant now, Actor actor) {
        return store(owner, attributes, now, actor).orElseThrow(
                () -> new IllegalStateException("the store refused a token with no delegator and no limit"));
    }

    /** Stores the token; empty when the store finds its delegator ended meanwhile. */
    private Optional<IssuedToken> store(Account owner, TokenAttributes unbound, Instant now, Actor actor) {
        boolean bound = unbound.kind() == TokenKind.ACCESS || unbound.kind() == TokenKind.REFRESH && bindsRefreshTokens;
        TokenAttributes attributes = bound ? unbound.withProofKey(proofKey) : unbound;
        CredentialMinter minter = new CredentialMinter(randomness, jwts, lifecycle.secrets());
        String credential = switch (policy.accessTokenFormat()) {
            case ACCOUNT_JWT -> minter.jwtWithAccountClaims(attributes, now, owner);
            case JWT -> attributes.kind() == TokenKind.ACCESS ? minter.jwt(attributes, now) : minter.opaque();
            case OPAQUE -> minter.opaque();
        };
        Token.Issued issued = CredentialMinter.tokenFor(attributes, now, credential);
        if (lifecycle.create(issued, actor, OptionalInt.empty()) != SaveTokenPort.SaveOutcome.SAVED) {
            return Optional.empty();
        }
        return Optional.of(new IssuedToken(issued.token(), credential));
    }
}
