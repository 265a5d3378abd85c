package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Rotation;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

final class RotateTokenService implements RotateTokenUseCase {

    private final Policies policies;
    private final LoadAccountPort accounts;
    private final TokenDetailsReader reader;
    private final LoadTokenPort tokens;
    private final TokenLifecycle lifecycle;
    private final RotationLedgerPort ledger;
    private final SecretDerivationPort derivation;
    private final RandomnessPort randomness;
    private final Clock clock;

    RotateTokenService(Policies policies, LoadAccountPort accounts, TokenLifecycle lifecycle, TokenDetailsReader reader,
                       LoadTokenPort tokens, RotationLedgerPort ledger, SecretDerivationPort derivation,
                       RandomnessPort randomness, Clock clock) {
        this.policies = policies;
        this.accounts = accounts;
        this.reader = reader;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
        this.ledger = ledger;
        this.derivation = derivation;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Outcome rotate(RotateTokenCommand command) {
        Optional<Rotation> earlier = command.key().flatMap(key -> ledger.find(command.caller().accountId(), key));
        if (earlier.isPresent()) {
            return replay(earlier.get(), command);
        }
        Optional<Token> owned = reader.loadOwned(command.caller(), command.tokenId());
        if (owned.isEmpty()) {
            return new Outcome.NotFound(command.tokenId());
        }
        Token old = owned.get();
        Instant now = clock.instant();
        Optional<Token> presenting = activePresentingToken(command.caller(), now);
        if (command.caller().presentedToken().isPresent() && presenting.isEmpty()) {
            return new Outcome.DelegationRefused("the presenting token is no longer active");
        }
        Optional<Optional<TokenId>> delegator = delegatorOfReplacement(old, presenting);
        if (delegator.isEmpty()) {
            return new Outcome.DelegationRefused("a token made with another token is rotated by itself or by the "
                    + "token that made it");
        }
        Optional<Token> delegatorToken = delegator.get().flatMap(tokens::loadById);
        if (delegator.get().isPresent() && delegatorToken.filter(token -> token.isActiveAt(now)).isEmpty()) {
            return new Outcome.DelegationRefused("the token that made this one is no longer active");
        }
        // No lifetime is asked for, so the replacement's shrinks to fit the caller's and its delegator's, as a
        // default does on issue: a token rotating itself gets its own expiry again, never a fresh lifetime.
        Expiry expiry = old.lifetime().expiryFrom(now);
        for (Token bound : List.of(presenting, delegatorToken).stream().flatMap(Optional::stream).toList()) {
            expiry = Expiry.earliest(expiry, bound.validUntil());
        }
        byte[] salt = randomness.nextBytes(32);
        // With an idempotency key the secret is derived, so that a retry can show it again (ADR 8).
        TokenSecret secret = command.key().isPresent() ? lifecycle.secrets().render(derivation.derive(salt))
                : CredentialMinter.newSecret(lifecycle.secrets(), randomness);
        Token.RotationOutcome outcome = old.rotate(now, command.overlap(),
                TokenId.timeOrdered(now, randomness.nextBytes(TokenId.TIME_ORDERED_RANDOM_BYTES)), expiry, secret.hash(), delegator.get());
        if (outcome instanceof Token.RotationOutcome.Refused refused) {
            // A concurrent request with the same key may have rotated it since we looked for the key: replay that.
            return command.key().flatMap(key -> ledger.find(command.caller().accountId(), key))
                    .map(rotation -> replay(rotation, command))
                    .orElseGet(() -> new Outcome.NotRotatable(refused.reason()));
        }
        Optional<Account> owner = accounts.loadById(old.owner());
        if (owner.filter(account -> account.mayHold(old.scopes())).isEmpty()) {
            return new Outcome.ScopeNotAllowed("the token carries a scope its owner may no longer hold");
        }
        TokenPolicy policy = policies.governing(owner.get());
        Optional<TokenPolicy.Violation> violation = policy.checkExisting(old, owner.get().role());
        if (violation.isPresent()) {
            return new Outcome.PolicyViolated(violation.get());
        }
        if (presenting.isPresent()
                && presenting.get().delegate(old.scopes(), expiry) instanceof Token.Delegation.Refused refused) {
            return new Outcome.DelegationRefused(refused.reason());
        }
        Token.RotationOutcome.Rotated rotated = (Token.RotationOutcome.Rotated) outcome;
        Token replacement = rotated.replacement().token();
        // Only an overlap adds an active token: without one, the old token ends as the replacement begins.
        OptionalInt limit = command.overlap().isZero() ? OptionalInt.empty() : policies.activeTokenLimit(policy);
        TokenLifecycle.RotationWrite written = lifecycle.rotate(rotated, () -> command.key().isEmpty()
                || ledger.record(new Rotation(command.caller().accountId(), command.key().get(),
                        command.caller().presentedToken(), old.id(), replacement.id(),
                        HexFormat.of().formatHex(salt), now)) == RotationLedgerPort.RecordOutcome.RECORDED,
                command.caller().actor(), limit);
        return switch (written) {
            case WRITTEN -> new Outcome.Rotated(new IssuedToken(replacement, secret.reveal()),
                    reader.detailsOf(reader.reload(old)));
            case ACTIVE_LIMIT_REACHED -> new Outcome.PolicyViolated(
                    TokenPolicy.activeTokensExceeded(limit.getAsInt()));
            case DELEGATOR_ENDED -> new Outcome.DelegationRefused("the presenting token is no longer active");
            // Either a concurrent request with the same key got there first, and we answer as it did, or the token
            // was revoked or rotated meanwhile.
            case CHANGED_MEANWHILE -> command.key().flatMap(key -> ledger.find(command.caller().accountId(), key))
                    .map(rotation -> replay(rotation, command))
                    .orElseGet(() -> new Outcome.NotRotatable("the token was revoked or rotated meanwhile"));
        };
    }

    /**
     * Whose delegate the replacement is: the presenting token's, when another token rotates this one; otherwise the
     * old token's delegator, so that a rotation never frees a token from the chain it was made in. Empty (a refusal)
     * when those two differ, since a token has one delegator; {@code Optional.of(Optional.empty())} for a root.
     */
    private static Optional<Optional<TokenId>> delegatorOfReplacement(Token old, Optional<Token> presenting) {
        Optional<TokenId> presenter = presenting.map(Token::id).filter(id -> !id.equals(old.id()));
        if (presenter.isEmpty() || old.delegator().isEmpty() || old.delegator().equals(presenter)) {
            return Optional.of(presenter.or(old::delegator));
        }
        return Optional.empty();
    }

    private Outcome replay(Rotation rotation, RotateTokenCommand command) {
        if (!rotation.presentedBy().equals(command.caller().presentedToken())) {
            // The key is the credential's, not the account's: another token of the account, or its password, must
            // not get the replacement's secret by sending a key it has seen.
            return new Outcome.KeyReused("this Idempotency-Key was used by another credential of the account");
        }
        if (!rotation.rotated().equals(command.tokenId())) {
            return new Outcome.KeyReused("this Idempotency-Key was already used to rotate another token");
        }
        Token replacement = tokens.loadById(rotation.replacement()).orElseThrow();
        if (command.caller().presentedToken().isPresent()) {
            // Whoever retries must be a caller that could have made this rotation, or the key alone would hand out
            // the replacement's secret.
            Optional<Token> presenting = activePresentingToken(command.caller(), clock.instant());
            if (presenting.isEmpty() || presenting.get().delegate(replacement.scopes(), replacement.expiry())
                    instanceof Token.Delegation.Refused) {
                return new Outcome.DelegationRefused(
                        "the presenting token could not have made this rotation, so it cannot retry it");
            }
        }
        // Rendered with the prefix it was issued with, which the installation may have changed since.
        TokenSecret secret = lifecycle.secrets().renderedWithEachPrefix(
                        derivation.derive(HexFormat.of().parseHex(rotation.saltHex())))
                .stream().filter(rendered -> replacement.hasSecretHash(rendered.hash())).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the derivation key changed since the rotation; the secret is lost"));
        Token old = tokens.loadById(rotation.rotated()).orElseThrow();
        return new Outcome.Rotated(new IssuedToken(replacement, secret.reveal()), reader.detailsOf(old));
    }

    private Optional<Token> activePresentingToken(Caller caller, Instant now) {
        return caller.presentedToken().flatMap(tokens::loadById).filter(token -> token.isActiveAt(now));
    }
}
