package dev.latchkey.adapter.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One timestamp format for the whole native API: ISO-8601 in UTC with milliseconds, e.g. 2019-01-16T00:06:41.743Z. */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long FIRST_PLAIN_SECOND = -62_135_596_800L;
    private static final long END_OF_PLAIN_SECONDS = 253_402_300_800L;

    private Timestamps() {
    }

    /**
     * Written by hand for the years every token lives in, as {@link #ISO_MILLIS} writes them: the formatter took
     * a tenth of {@code /self}'s samples (three timestamps per answer, its fraction through {@code BigDecimal}).
     * Other years are left to the formatter, which signs them.
     */
    public static String isoMillis(Instant instant) {
        if (instant == null) {
            return null;
        }
        long second = instant.getEpochSecond();
        if (second < FIRST_PLAIN_SECOND || second >= END_OF_PLAIN_SECONDS) {
            return ISO_MILLIS.format(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        char[] text = new char[24];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int position = at + width - 1; position >= at; position--) {
            text[position] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
