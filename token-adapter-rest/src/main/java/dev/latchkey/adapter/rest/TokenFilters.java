package dev.latchkey.adapter.rest;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenFilter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The query parameters that narrow a token listing: {@code status}, {@code expiringWithin}, {@code unusedFor}. */
final class TokenFilters {

    private TokenFilters() {
    }

    static TokenFilter parse(String status, String expiringWithin, String unusedFor) {
        return new TokenFilter(present(status).map(TokenFilters::statuses).orElse(Set.of()),
                present(expiringWithin).map(value -> duration("expiringWithin", value)),
                present(unusedFor).map(value -> duration("unusedFor", value)));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    /** One status, or several separated by commas: {@code active,expired}. */
    private static Set<TokenFilter.Status> statuses(String value) {
        Set<TokenFilter.Status> statuses = EnumSet.noneOf(TokenFilter.Status.class);
        for (String name : value.split(",", -1)) {
            try {
                statuses.add(TokenFilter.Status.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidValueException("status", "must be active, expired or revoked, or several of them "
                        + "separated by commas");
            }
        }
        return statuses;
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
