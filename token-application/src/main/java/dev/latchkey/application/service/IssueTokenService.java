package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase.CredentialFormat;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

final class IssueTokenService implements IssueTokenUseCase {

    private static final String DELEGATOR_ENDED = "the presenting token is no longer active";

    private final Policies policies;
    private final LoadTokenPort tokens;
    private final LoadAccountPort accounts;
    private final TokenLifecycle lifecycle;
    private final RandomnessPort randomness;
    private final JwtAccessTokenPort jwts;
    private final Clock clock;

    IssueTokenService(Policies policies, TokenLifecycle lifecycle, LoadTokenPort tokens, LoadAccountPort accounts,
                      RandomnessPort randomness, JwtAccessTokenPort jwts, Clock clock) {
        this.policies = policies;
        this.tokens = tokens;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.randomness = randomness;
        this.jwts = jwts;
        this.clock = clock;
    }

    @Override
    public TokenPolicy policyFor(Caller issuer) {
        return accounts.loadById(issuer.accountId()).map(policies::governing)
                .orElseGet(policies::configuredDefault);
    }

    @Override
    public Outcome issue(IssueTokenCommand command) {
        Optional<Account> issuer = accounts.loadById(command.issuer().accountId());
        if (issuer.filter(account -> account.mayHold(command.scopes())).isEmpty()) {
            return new Outcome.ScopeNotAllowed("the account may not hold a requested scope ('" + Scopes.INTROSPECT
                    + "' is for administrators, 'partner:<id>' for the partner's own accounts)");
        }
        TokenPolicy policy = policies.governing(issuer.get());
        TokenPolicy.Decision decision = policy.decide(issuer.get().role(), command.lifetime(), command.scopes());
        if (decision instanceof TokenPolicy.Decision.Refused refused) {
            return new Outcome.PolicyViolated(refused.violation());
        }
        Instant now = clock.instant();
        Expiry expiry = ((TokenPolicy.Decision.Granted) decision).lifetime().expiryFrom(now);
        TokenAttributes attributes = TokenAttributes.personal(
                TokenId.timeOrdered(now, randomness.nextBytes(TokenId.TIME_ORDERED_RANDOM_BYTES)), command.issuer().accountId(),
                command.description(), command.scopes(), expiry);

        if (command.issuer().presentedToken().isPresent()) {
            Optional<Token> delegator = command.issuer().presentedToken().flatMap(tokens::loadById)
                    .filter(token -> token.isActiveAt(now));
            if (delegator.isEmpty()) {
                return new Outcome.DelegationRefused(DELEGATOR_ENDED);
            }
            if (!command.lifetime().isExplicit()) {
                // What nobody asked for shrinks to fit rather than refusing the caller.
                attributes = attributes.withExpiry(Expiry.earliest(expiry, delegator.get().validUntil()));
            }
            if (delegator.get().delegate(command.scopes(), attributes.expiry())
                    instanceof Token.Delegation.Refused refusal) {
                return new Outcome.DelegationRefused(refusal.reason());
            }
            attributes = attributes.delegatedBy(delegator.get());
        }

        CredentialMinter minter = new CredentialMinter(randomness, jwts, lifecycle.secrets());
        String credential = command.format() == CredentialFormat.ACCOUNT_JWT
                ? minter.jwtWithAccountClaims(attributes, now, issuer.get()) : minter.opaque();
        Token.Issued issued = CredentialMinter.tokenFor(attributes, now, credential);
        OptionalInt limit = policies.activeTokenLimit(policy);
        SaveTokenPort.SaveOutcome saved = command.supersedesSameDescription()
                ? lifecycle.createSuperseding(issued, new LoadTokenPort.Selection.PersonalDescribed(
                        command.issuer().accountId(), command.description()), command.issuer().actor(), limit)
                : lifecycle.create(issued, command.issuer().actor(), limit);
        return switch (saved) {
            case SAVED -> new Outcome.Issued(issued.token(), credential);
            case DELEGATOR_ENDED -> new Outcome.DelegationRefused(DELEGATOR_ENDED);
            case ACTIVE_LIMIT_REACHED -> new Outcome.PolicyViolated(
                    TokenPolicy.activeTokensExceeded(limit.getAsInt()));
        };
    }
}
