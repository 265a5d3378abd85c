package dev.latchkey.bootstrap;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response as the documentation shows it, and the rules by which a real response matches it. The rules are those a
 * reader applies: what the text shows literally must be there literally, and only what differs from run to run may
 * differ.
 * <ul>
 *   <li>A status line must be equal.</li>
 *   <li>Each header shown must be present (names ignore case), its value matched as a string below.</li>
 *   <li>A JSON body must have exactly the keys shown, at every depth, and arrays the length shown. A bare {@code …}
 *       as an object member or a last array element means "and more"; as a member's value, "any value".</li>
 *   <li>A string is matched literally, except that {@code …} stands for any text, a UUID for any UUID and a
 *       timestamp (ISO 8601 or RFC 1123) for any timestamp: ids and times are new in every run.</li>
 *   <li>A number is equal, except one of at least 10<sup>9</sup>, which is seconds since the epoch and only needs
 *       to be one too. Booleans and nulls are equal.</li>
 * </ul>
 */
final class DocumentedResponse {

    private static final String ELLIPSIS = "\u2026";
    /** What a bare {@code …} becomes before parsing: a member name or array element no response contains. */
    private static final String MORE = "\u0000more";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String TIMESTAMP =
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})?";
    /** RFC 1123, as the Sample Token API writes its {@code .issued} and {@code .expires}. */
    private static final String HTTP_DATE =
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";
    private static final Pattern VARYING = Pattern.compile(
            ELLIPSIS + "|" + UUID + "|" + TIMESTAMP + "|" + HTTP_DATE);
    private static final BigDecimal EPOCH_SECONDS = BigDecimal.valueOf(1_000_000_000L);

    private final JsonMapper json;

    DocumentedResponse(JsonMapper json) {
        this.json = json;
    }

    /**
     * Compares what curl printed with an {@code http} block: a status line, headers, a blank line and a body, any of
     * which after the status line may be left out.
     *
     * @return the differences, none when the response is the documented one
     */
    List<String> compareExchange(String documented, String printed) {
        List<String> differences = new ArrayList<>();
        Exchange expected = Exchange.parse(documented);
        Optional<Exchange> actual = Exchange.find(printed);
        if (actual.isEmpty()) {
            return List.of("no HTTP status line in the output");
        }
        if (!expected.statusLine().equals(actual.get().statusLine())) {
            differences.add("status: expected " + expected.statusLine() + ", got " + actual.get().statusLine());
        }
        for (String[] header : expected.headers()) {
            boolean present = actual.get().headers().stream().anyMatch(candidate ->
                    candidate[0].equalsIgnoreCase(header[0]) && stringMatches(header[1], candidate[1]));
            if (!present) {
                differences.add("header " + header[0] + ": " + header[1] + " is not in the response");
            }
        }
        if (!expected.body().isEmpty()) {
            differences.addAll(compareBody(expected.body(), actual.get().body()));
        }
        return differences;
    }

    /** Compares what curl printed with a {@code json} block. */
    List<String> compareBody(String documented, String printed) {
        Object expected;
        try {
            expected = json.readValue(withMarkers(documented), Object.class);
        } catch (IOException notJson) {
            return stringMatches(documented.strip(), printed.strip()) ? List.of()
                    : List.of("body: expected " + documented.strip() + ", got " + printed.strip());
        }
        Object actual;
        try {
            actual = json.readValue(printed.strip(), Object.class);
        } catch (IOException notJson) {
            return List.of("body is not JSON: " + printed.strip());
        }
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences);
        return differences;
    }

    private static void compare(String path, Object expected, Object actual, List<String> differences) {
        if (expected instanceof Map<?, ?> expectedObject) {
            if (!(actual instanceof Map<?, ?> actualObject)) {
                differences.add(path + ": expected an object, got " + actual);
                return;
            }
            boolean more = expectedObject.containsKey(MORE);
            for (Object key : expectedObject.keySet()) {
                if (key.equals(MORE)) {
                    continue;
                }
                if (!actualObject.containsKey(key)) {
                    differences.add(path + "." + key + ": missing");
                } else {
                    compare(path + "." + key, expectedObject.get(key), actualObject.get(key), differences);
                }
            }
            if (!more) {
                for (Object key : actualObject.keySet()) {
                    if (!expectedObject.containsKey(key)) {
                        differences.add(path + "." + key + ": not documented");
                    }
                }
            }
        } else if (expected instanceof List<?> expectedArray) {
            if (!(actual instanceof List<?> actualArray)) {
                differences.add(path + ": expected an array, got " + actual);
                return;
            }
            boolean more = !expectedArray.isEmpty() && MORE.equals(expectedArray.get(expectedArray.size() - 1));
            int shown = more ? expectedArray.size() - 1 : expectedArray.size();
            if (more ? actualArray.size() < shown : actualArray.size() != shown) {
                differences.add(path + ": " + actualArray.size() + " elements, documented " + shown
                        + (more ? " or more" : ""));
                return;
            }
            for (int i = 0; i < shown; i++) {
                compare(path + "[" + i + "]", expectedArray.get(i), actualArray.get(i), differences);
            }
        } else if (expected instanceof String expectedString) {
            if (expectedString.equals(ELLIPSIS)) {
                return;
            }
            if (!(actual instanceof String actualString) || !stringMatches(expectedString, actualString)) {
                differences.add(path + ": expected " + expectedString + ", got " + actual);
            }
        } else if (expected instanceof Number expectedNumber) {
            if (!(actual instanceof Number actualNumber)) {
                differences.add(path + ": expected a number, got " + actual);
                return;
            }
            BigDecimal documented = new BigDecimal(expectedNumber.toString());
            BigDecimal answered = new BigDecimal(actualNumber.toString());
            boolean epochSeconds = documented.compareTo(EPOCH_SECONDS) >= 0;
            if (epochSeconds ? answered.compareTo(EPOCH_SECONDS) < 0 : documented.compareTo(answered) != 0) {
                differences.add(path + ": expected " + expectedNumber + ", got " + actualNumber);
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    static boolean stringMatches(String documented, String actual) {
        StringBuilder pattern = new StringBuilder();
        Matcher varying = VARYING.matcher(documented);
        int literalFrom = 0;
        while (varying.find()) {
            pattern.append(Pattern.quote(documented.substring(literalFrom, varying.start())));
            String found = varying.group();
            pattern.append(found.equals(ELLIPSIS) ? ".*"
                    : found.matches(UUID) ? UUID : found.matches(TIMESTAMP) ? TIMESTAMP : HTTP_DATE);
            literalFrom = varying.end();
        }
        pattern.append(Pattern.quote(documented.substring(literalFrom)));
        return Pattern.compile(pattern.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    /** Turns each bare {@code …} outside a string into a marker member or element, so that the text parses. */
    static String withMarkers(String documented) {
        StringBuilder parsed = new StringBuilder();
        List<Character> open = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < documented.length(); i++) {
            char c = documented.charAt(i);
            if (inString) {
                parsed.append(c);
                if (c == '\\' && i + 1 < documented.length()) {
                    parsed.append(documented.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> open.add(c);
                case '}', ']' -> {
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                }
                default -> { }
            }
            if (c == '\u2026') {
                boolean inObject = !open.isEmpty() && open.get(open.size() - 1) == '{';
                boolean aValue = parsed.toString().stripTrailing().endsWith(":");
                parsed.append(aValue ? "\"\u2026\"" : inObject ? "\"\\u0000more\":null" : "\"\\u0000more\"");
            } else {
                parsed.append(c);
            }
        }
        return parsed.toString();
    }

    /** One HTTP response as curl {@code -i} prints it. */
    record Exchange(String statusLine, List<String[]> headers, String body) {

        static Exchange parse(String text) {
            List<String> lines = text.strip().lines().toList();
            List<String[]> headers = new ArrayList<>();
            int line = 1;
            for (; line < lines.size() && !lines.get(line).isBlank(); line++) {
                String header = lines.get(line);
                int colon = header.indexOf(':');
                headers.add(new String[] {header.substring(0, colon).strip(), header.substring(colon + 1).strip()});
            }
            StringBuilder body = new StringBuilder();
            for (line++; line < lines.size(); line++) {
                if (lines.get(line).startsWith("HTTP/")) {
                    break;
                }
                body.append(lines.get(line)).append('\n');
            }
            return new Exchange(lines.get(0).strip(), headers, body.toString().strip());
        }

        /** The first response in the output of a block. */
        static Optional<Exchange> find(String output) {
            int start = output.startsWith("HTTP/") ? 0 : output.indexOf("\nHTTP/") + 1;
            if (start == 0 && !output.startsWith("HTTP/")) {
                return Optional.empty();
            }
            return Optional.of(parse(output.substring(start).replace("\r", "")));
        }
    }
}
