package dev.latchkey.application.port.in;

import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Replaces one of the caller's personal tokens with a new one of the same description, scopes and lifetime. The old
 * one stays valid for an overlap, so that a fleet can switch over without downtime. With an idempotency key, a
 * retry returns the same replacement instead of rotating again.
 */
public interface RotateTokenUseCase {

    Outcome rotate(RotateTokenCommand command);

    /**
     * Rotates the caller's token, keeping the old one valid for {@code overlap} (at most {@link #MAX_OVERLAP}); with a
     * key, a retry gets the first rotation's replacement again.
     */
    record RotateTokenCommand(Caller caller, TokenId tokenId, Duration overlap, Optional<IdempotencyKey> key) {
        public static final Duration MAX_OVERLAP = Duration.ofDays(30);

        public RotateTokenCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(overlap, "overlap");
            Objects.requireNonNull(key, "key");
            if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
                throw new InvalidValueException("overlapSeconds",
                        "must be between 0 and " + MAX_OVERLAP.getSeconds() + " seconds");
            }
        }
    }

    /** What a rotation came to. */
    sealed interface Outcome {
        /** {@code replacement} carries the new secret; on a retry, the same one as the first time. */
        record Rotated(IssuedToken replacement, TokenDetails rotated) implements Outcome {
        }

        /** The caller has no token with that id. */
        record NotFound(TokenId tokenId) implements Outcome {
        }

        /** Revoked, expired, already rotated, or not a personal token. */
        record NotRotatable(String reason) implements Outcome {
        }

        /**
         * The caller authenticated with a token that could not have issued the replacement: a scope it lacks, or a
         * life beyond its own (ADR 5). A retry with an idempotency key is held to the same rule.
         */
        record DelegationRefused(String reason) implements Outcome {
        }

        /**
         * The policy that governs the owner no longer allows the token as it is (its lifetime or a scope), or the
         * overlap would leave the account more active tokens than it may hold.
         */
        record PolicyViolated(TokenPolicy.Violation violation) implements Outcome {
        }

        /** The token carries a scope its owner may no longer hold (an administrator's, after a demotion). */
        record ScopeNotAllowed(String reason) implements Outcome {
        }

        /** The idempotency key was used before to rotate a different token. */
        record KeyReused(String reason) implements Outcome {
        }
    }
}
