package dev.latchkey.adapter.rest;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the API reads its query parameters, and the command line its options, the same way: token filters, durations,
 * instants or durations ago, audit event types and token ids. Each refusal names the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code status} (one or several, comma-separated), {@code expiringWithin}, {@code unusedFor}; each optional. */
    public static TokenFilter tokenFilter(String status, String expiringWithin, String unusedFor) {
        return new TokenFilter(present(status).map(QueryParameters::statuses).orElse(Set.of()),
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
    public static Duration duration(String field, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException unreadable) {
            throw new InvalidValueException(field, "must be an ISO-8601 duration such as P7D or PT12H");
        }
    }

    /** An ISO-8601 instant, or a duration back from {@code now}: {@code P1D} is a day ago. */
    public static Instant instantOrAgo(String field, String value, Instant now) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                Duration ago = Duration.parse(value);
                if (ago.isNegative()) {
                    throw new InvalidValueException(field, "a duration must not be negative");
                }
                return now.minus(ago);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | ArithmeticException unreadable) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 instant (2026-01-31T00:00:00Z) or a duration ago (P1D, PT12H)");
        }
    }

    /** An audit event type by its wire name, such as {@code token.revoked}. */
    public static AuditEventType auditEventType(String field, String value) {
        return AuditEventType.fromWireName(value).orElseThrow(() -> new InvalidValueException(field,
                "must be one of " + Arrays.stream(AuditEventType.values()).map(AuditEventType::wireName).toList()));
    }

    public static TokenId tokenId(String field, String value) {
        return TokenId.parse(value).orElseThrow(() -> new InvalidValueException(field, "must be a token id"));
    }
}
