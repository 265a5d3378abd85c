package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token's owner is told when the token was found leaked and revoked: which token, who or what found it
 * ({@code source}: GitHub's {@code commit}, {@code npm}, … or {@code public report}) and where, if the finder said.
 * The owner sees it beside the token and in a banner over their tokens until they dismiss it.
 *
 * <p>The finder's words come from outside, so a notice keeps only printable text of bounded length: whatever a
 * scanner sends, the owner's page shows a short line, never a control sequence.
 */
public record LeakNotice(TokenId token, AccountId owner, String source, String location, Instant foundAt,
                         Optional<Instant> dismissedAt) {

    /** The longest source kept, in characters. */
    public static final int MAX_SOURCE_LENGTH = 64;
    /** The longest location kept, in characters: longer URLs are cut. */
    public static final int MAX_LOCATION_LENGTH = 512;

    private static final String UNNAMED_SOURCE = "unnamed source";

    public LeakNotice {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(foundAt, "foundAt");
        Objects.requireNonNull(dismissedAt, "dismissedAt");
        if (source.isEmpty() || !source.equals(shown(source, MAX_SOURCE_LENGTH))
                || !location.equals(shown(location, MAX_LOCATION_LENGTH))) {
            throw new IllegalArgumentException("a leak notice holds printable text of bounded length only");
        }
    }

    /**
     * The notice of a token found now, with the finder's words made printable and cut to length; an empty source
     * is named as such.
     */
    public static LeakNotice found(Token token, String source, String location, Instant at) {
        String shownSource = shown(source, MAX_SOURCE_LENGTH);
        return new LeakNotice(token.id(), token.owner(), shownSource.isEmpty() ? UNNAMED_SOURCE : shownSource,
                shown(location, MAX_LOCATION_LENGTH), at, Optional.empty());
    }

    public boolean dismissed() {
        return dismissedAt.isPresent();
    }

    /** Control characters and other unprintable ones become spaces, runs of spaces one, and the ends are trimmed. */
    private static String shown(String text, int limit) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(point -> {
            boolean printable = !Character.isISOControl(point) && !Character.isWhitespace(point)
                    && Character.getType(point) != Character.FORMAT && Character.isDefined(point)
                    && Character.getType(point) != Character.PRIVATE_USE
                    && Character.getType(point) != Character.SURROGATE;
            if (printable) {
                shown.appendCodePoint(point);
            } else if (shown.length() > 0 && shown.charAt(shown.length() - 1) != ' ') {
                shown.append(' ');
            }
        });
        String trimmed = shown.toString().strip();
        int end = trimmed.codePointCount(0, trimmed.length()) <= limit ? trimmed.length()
                : trimmed.offsetByCodePoints(0, limit);
        return trimmed.substring(0, end).strip();
    }
}
