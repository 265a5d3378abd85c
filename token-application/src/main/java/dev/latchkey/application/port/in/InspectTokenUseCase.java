package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.TokenId;
import java.util.Objects;

/** Shows one of the caller's tokens. Another account's token is indistinguishable from one that does not exist. */
public interface InspectTokenUseCase {

    Outcome inspect(InspectTokenQuery query);

    /**
     * Describes an active token whose credential the caller presents, if it belongs to the caller or to an account
     * of the caller's organization; anything else (unknown, expired, revoked, another organization's) is not found.
     */
    PresentedOutcome inspectPresented(InspectPresentedQuery query);

    /** Describes the token whose credential the caller presents. */
    record InspectPresentedQuery(Caller caller, String credential) {
        public InspectPresentedQuery {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public String toString() {
            return "InspectPresentedQuery[caller=" + caller + ", credential=redacted]";
        }
    }

    /** The presented token's facts, or nothing to say. */
    sealed interface PresentedOutcome {
        /** The token and its owner. */
        record Found(TokenDetails details, Account owner) implements PresentedOutcome {
        }

        /** The credential names no token this caller may see. */
        record NotFound() implements PresentedOutcome {
        }
    }

    /** Describes one of the caller's tokens by id. */
    record InspectTokenQuery(Caller caller, TokenId tokenId) {
        public InspectTokenQuery {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    /** The token's facts, or not found. */
    sealed interface Outcome {
        /** The token, with its status now. */
        record Found(TokenDetails details) implements Outcome {
        }

        /** The caller has no token with that id; another account's token is not found either. */
        record NotFound(TokenId tokenId) implements Outcome {
        }
    }
}
