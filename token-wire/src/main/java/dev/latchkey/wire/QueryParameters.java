package dev.latchkey.wire;

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

    /** The highest page number a listing accepts: past it, every page is empty anyway. */
    static final int LAST_PAGE = 1_000_000;

    /** {@code page}: a whole number from 0, the first page when absent. */
    public static int page(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int page = Integer.parseInt(value);
            if (page >= 0 && page <= LAST_PAGE) {
                return page;
            }
        } catch (NumberFormatException notAWholeNumber) {
            // Refused below, in the same words as a number out of range.
        }
        throw new InvalidValueException("page", "must be a whole number from 0 to " + LAST_PAGE);
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

    /**
     * The longest duration a parameter may name: a century, far beyond any token's or trail's age, and far enough
     * from the limits of {@link Instant} that no arithmetic on it can overflow.
     */
    static final Duration LONGEST = Duration.ofDays(36_525);
    /** The instants a parameter may name: the epoch to the end of year 9999, which every store can hold. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An ISO-8601 duration such as {@code P7D} or {@code PT12H}, from zero to a century. */
    public static Duration duration(String field, String value) {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException unreadable) {
            throw new InvalidValueException(field, "must be an ISO-8601 duration such as P7D or PT12H");
        }
        if (duration.isNegative() || duration.compareTo(LONGEST) > 0) {
            throw new InvalidValueException(field, "must be a duration from PT0S to P" + LONGEST.toDays() + "D");
        }
        return duration;
    }

    /**
     * An ISO-8601 instant between the epoch and the end of year 9999, or a duration back from {@code now}, up to a
     * century: {@code P1D} is a day ago.
     */
    public static Instant instantOrAgo(String field, String value, Instant now) {
        if (value.startsWith("P") || value.startsWith("p")) {
            return now.minus(duration(field, value));
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 instant (2026-01-31T00:00:00Z) or a duration ago (P1D, PT12H)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidValueException(field, "must be an instant from " + EARLIEST + " to " + LATEST);
        }
        return instant;
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
