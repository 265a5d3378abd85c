package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console shows a moment: to the minute, in UTC, the zone named, since its users are anywhere. */
public final class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String shown(Instant instant) {
        return SHOWN.format(instant);
    }

    /** A duration as a person reads it: whole days where it is days, else hours, minutes or seconds. */
    public static String span(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    /** "1 token", "2 tokens": a count and its noun. */
    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
