package dev.latchkey.adapter.rest;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenFilter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The query parameters that narrow a token listing: {@code status}, {@code expiringWithin}, {@code unusedFor}. */
final class TokenFilters {

    private TokenFilters() {
    }

    static TokenFilter parse(String status, String expiringWithin, String unusedFor) {
        return new TokenFilter(present(status).map(TokenFilters::status),
                present(expiringWithin).map(value -> duration("expiringWithin", value)),
                present(unusedFor).map(value -> duration("unusedFor", value)));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    private static TokenFilter.Status status(String value) {
        try {
            return TokenFilter.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException("status", "must be active, expired or revoked");
        }
    }

    /** An ISO-8601 duration such as {@code P7D} or {@code PT12H}. */
    private static Duration duration(String field, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException unreadable) {
            throw new InvalidValueException(field, "must be an ISO-8601 duration such as P7D or PT12H");
        }
    }
}
