package dev.latchkey.adapter.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One timestamp format for the whole native API: ISO-8601 in UTC with milliseconds, e.g. 2019-01-16T00:06:41.743Z. */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String isoMillis(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
