package dev.latchkey.application.port.in;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.Username;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists tokens, newest first, a page at a time: the caller's own, or, for administrators, anyone's. */
public interface ListTokensUseCase {

    TokenListing list(ListTokensQuery query);

    /** At most this many tokens in one {@link #listAll} answer. */
    int MAXIMUM_UNPAGED = 10_000;

    /**
     * Every one of the caller's tokens that matches, newest first, up to {@value #MAXIMUM_UNPAGED}: for platforms whose
     * listing has no pages.
     */
    List<TokenDetails> listAll(Caller caller, TokenFilter filter);

    /** One account's tokens, or every account's when none is named; administrators only. */
    AdministratorListing listForAdministrator(AdministratorQuery query);

    /** An administrator's listing: one account's tokens, or everyone's when {@code account} is empty. */
    record AdministratorQuery(Caller administrator, Optional<Username> account, TokenFilter filter, int page,
                              int size) {
        public AdministratorQuery {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(filter, "filter");
            new ListTokensQuery(administrator, filter, page, size);
        }
    }

    /** An administrator's listing, or why there is none. */
    sealed interface AdministratorListing {
        /** The page of tokens. */
        record Listed(TokenListing listing) implements AdministratorListing {
        }

        /** No account has that username. */
        record AccountNotFound() implements AdministratorListing {
        }

    }

    /** A page of the caller's own tokens that match the filter, newest first. */
    record ListTokensQuery(Caller caller, TokenFilter filter, int page, int size) {

        public ListTokensQuery(Caller caller, int page, int size) {
            this(caller, TokenFilter.none(), page, size);
        }

        public static final int DEFAULT_SIZE = 20;
        public static final int MAX_SIZE = 100;
        /** Keeps {@code page * size} far from overflow and deep offsets cheap enough. */
        public static final int MAX_PAGE = 100_000;

        public ListTokensQuery {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(filter, "filter");
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

    /** A page of tokens with their status now, and how many match in all. */
    record TokenListing(List<TokenDetails> tokens, int page, int size, long totalTokens) {
        public TokenListing {
            tokens = List.copyOf(tokens);
        }
    }
}
