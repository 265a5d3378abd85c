package dev.latchkey.application.port.in;

import dev.latchkey.domain.TokenId;
import java.util.Objects;

/** Shows one of the caller's tokens. Another account's token is indistinguishable from one that does not exist. */
public interface InspectTokenUseCase {

    Outcome inspect(InspectTokenQuery query);

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
