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

    sealed interface PresentedOutcome {
        record Found(TokenDetails details, Account owner) implements PresentedOutcome {
        }

        record NotFound() implements PresentedOutcome {
        }
    }

    record InspectTokenQuery(Caller caller, TokenId tokenId) {
        public InspectTokenQuery {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    sealed interface Outcome {
        record Found(TokenDetails details) implements Outcome {
        }

        record NotFound(TokenId tokenId) implements Outcome {
        }
    }
}
