package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.PublishTokenEventPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Rotation;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

final class RotateTokenService implements RotateTokenUseCase {

    private final IssuancePolicy policy;
    private final TokenDetailsReader reader;
    private final LoadTokenPort tokens;
    private final SaveTokenPort saveTokens;
    private final UpdateTokenStatePort tokenState;
    private final RotationLedgerPort ledger;
    private final SecretDerivationPort derivation;
    private final TransactionPort transactions;
    private final RandomnessPort randomness;
    private final PublishTokenEventPort events;
    private final Clock clock;

    RotateTokenService(IssuancePolicy policy, TokenDetailsReader reader, LoadTokenPort tokens, SaveTokenPort saveTokens,
                       UpdateTokenStatePort tokenState, RotationLedgerPort ledger, SecretDerivationPort derivation,
                       TransactionPort transactions, RandomnessPort randomness, PublishTokenEventPort events,
                       Clock clock) {
        this.policy = policy;
        this.reader = reader;
        this.tokens = tokens;
        this.saveTokens = saveTokens;
        this.tokenState = tokenState;
        this.ledger = ledger;
        this.derivation = derivation;
        this.transactions = transactions;
        this.randomness = randomness;
        this.events = events;
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
        Optional<String> refusal = refusalToRotate(old, now);
        if (refusal.isPresent()) {
            // A concurrent request with the same key may have rotated it since we looked for the key: replay that.
            return command.key().flatMap(key -> ledger.find(command.caller().accountId(), key))
                    .map(rotation -> replay(rotation, command))
                    .orElseGet(() -> new Outcome.NotRotatable(refusal.get()));
        }
        Lifetime lifetime = lifetimeOf(old);
        if (policy.decide(lifetime) instanceof IssuancePolicy.Decision.Refused refused) {
            return new Outcome.NotRotatable("the token's lifetime is no longer allowed: " + refused.reason());
        }
        Expiry expiry = lifetime.expiryFrom(now);
        if (command.caller().presentedToken().isPresent()) {
            Optional<Token> presenting = activePresentingToken(command.caller(), now);
            if (presenting.isEmpty()) {
                return new Outcome.DelegationRefused("the presenting token is no longer active");
            }
            // No lifetime is asked for, so the replacement's shrinks to fit the caller's, as a default does on issue:
            // a token rotating itself gets its own expiry again, never a fresh lifetime.
            expiry = Expiry.earliest(expiry, presenting.get().expiry());
            if (presenting.get().delegate(old.scopes(), expiry) instanceof Token.Delegation.Refused refused) {
                return new Outcome.DelegationRefused(refused.reason());
            }
        }
        byte[] salt = randomness.nextBytes(32);
        TokenSecret secret = TokenSecret.fromRandomBytes(command.key().isPresent()
                ? derivation.derive(salt) : randomness.nextBytes(TokenSecret.RANDOM_BYTES));
        TokenAttributes attributes = old.attributes().withId(TokenId.fromRandomBytes(randomness.nextBytes(16)))
                .withExpiry(expiry);
        Token.Issued replacement = Token.issue(attributes, now, secret.hash());
        Revocation endOfOverlap = new Revocation(now.plus(command.overlap()), RevocationReason.ROTATED);

        Outcome.Rotated written;
        try {
            written = transactions.inTransaction(() -> {
                saveTokens.saveNew(replacement.token());
                if (command.key().isPresent() && ledger.record(new Rotation(command.caller().accountId(),
                        command.key().get(), command.caller().presentedToken(), old.id(), replacement.token().id(), HexFormat.of().formatHex(salt), now))
                        == RotationLedgerPort.RecordOutcome.KEY_ALREADY_USED) {
                    throw new Conflict();
                }
                if (tokenState.recordRevocation(old.id(), endOfOverlap)
                        == UpdateTokenStatePort.RevocationWrite.ALREADY_REVOKED) {
                    throw new Conflict();
                }
                return new Outcome.Rotated(new IssuedToken(replacement.token(), secret.reveal()),
                        reader.detailsOf(reader.reload(old)));
            });
        } catch (Conflict rolledBack) {
            // Either a concurrent request with the same key got there first, and we answer as it did, or the token
            // was revoked or rotated meanwhile.
            Optional<Rotation> winner = command.key().flatMap(key -> ledger.find(command.caller().accountId(), key));
            return winner.map(rotation -> replay(rotation, command))
                    .orElseGet(() -> new Outcome.NotRotatable("the token was revoked or rotated meanwhile"));
        }
        events.publish(replacement.event());
        return written;
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
        TokenSecret secret = TokenSecret.fromRandomBytes(derivation.derive(HexFormat.of().parseHex(rotation.saltHex())));
        if (!replacement.hasSecretHash(secret.hash())) {
            throw new IllegalStateException("the derivation key changed since the rotation; the secret is lost");
        }
        Token old = tokens.loadById(rotation.rotated()).orElseThrow();
        return new Outcome.Rotated(new IssuedToken(replacement, secret.reveal()), reader.detailsOf(old));
    }

    private Optional<Token> activePresentingToken(Caller caller, Instant now) {
        return caller.presentedToken().flatMap(tokens::loadById).filter(token -> token.isActiveAt(now));
    }

    private static Optional<String> refusalToRotate(Token token, Instant now) {
        if (token.kind() != TokenKind.PERSONAL) {
            return Optional.of("only personal tokens are rotated; grants renew with their refresh token");
        }
        if (token.revocation().isPresent()) {
            return Optional.of("the token is revoked or already rotated");
        }
        if (!token.isActiveAt(now)) {
            return Optional.of("the token has expired");
        }
        return Optional.empty();
    }

    private static Lifetime lifetimeOf(Token token) {
        return token.expiry() instanceof Expiry.At at
                ? Lifetime.of(Duration.between(token.createdAt(), at.moment())) : Lifetime.never();
    }

    /** Rolls the rotation back: another request took the key, or revoked the token, between our read and write. */
    private static final class Conflict extends RuntimeException {
        Conflict() {
            super(null, null, false, false);
        }
    }
}
