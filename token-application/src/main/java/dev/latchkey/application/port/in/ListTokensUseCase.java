package dev.latchkey.application.port.in;

import dev.latchkey.domain.InvalidValueException;
import java.util.List;
import java.util.Objects;

/** Lists the caller's tokens, newest first, a page at a time. */
public interface ListTokensUseCase {

    TokenListing list(ListTokensQuery query);

    record ListTokensQuery(Caller caller, int page, int size) {
        public static final int DEFAULT_SIZE = 20;
        public static final int MAX_SIZE = 100;
        /** Keeps {@code page * size} far from overflow and deep offsets cheap enough. */
        public static final int MAX_PAGE = 100_000;

        public ListTokensQuery {
            Objects.requireNonNull(caller, "caller");
            if (page < 0 || page > MAX_PAGE) {
                throw new InvalidValueException("page", "must be between 0 and " + MAX_PAGE);
            }
            if (size < 1 || size > MAX_SIZE) {
                throw new InvalidValueException("size", "must be between 1 and " + MAX_SIZE);
            }
        }

        public long offset() {
            return (long) page * size;
        }
    }

    record TokenListing(List<TokenDetails> tokens, int page, int size, long totalTokens) {
        public TokenListing {
            tokens = List.copyOf(tokens);
        }
    }
}
