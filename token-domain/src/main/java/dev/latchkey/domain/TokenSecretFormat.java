package dev.latchkey.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an installation's token secrets look: the prefix new secrets carry, and every prefix it has used before, which
 * stay accepted. A prefix of the installation's own ({@code acme_lk_}) lets a leaked secret name where it came
 * from; changing it breaks no token, because a secret's stored hash covers the secret as issued, prefix and all, and
 * each earlier prefix is still recognised.
 */
public final class TokenSecretFormat {

    /** Latchkey's own prefix, the default. */
    public static final String DEFAULT_PREFIX = "lk_";
    /** Secrets as every installation issues them unless it chose a prefix of its own. */
    public static final TokenSecretFormat STANDARD = new TokenSecretFormat(DEFAULT_PREFIX, List.of());
    /** The longest prefix allowed, as GitLab allows. */
    public static final int MAX_PREFIX_LENGTH = 20;

    /**
     * Letters, digits, {@code _} and {@code -}, starting with a letter or digit: a scanner's pattern can then start
     * at a word boundary, and a prefix needs no escaping in one.
     */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_PREFIX_LENGTH - 1) + "}");
    /** The other secrets Latchkey issues: a token may not be mistaken for one by its prefix. */
    private static final Set<String> OTHER_SECRETS = Set.of(ClientSecret.PREFIX, AuthorizationCode.PREFIX,
            DeviceCode.PREFIX);

    private final String prefix;
    private final List<String> previousPrefixes;
    private final SecretFormat issued;
    private final List<SecretFormat> accepted;

    private TokenSecretFormat(String prefix, List<String> previousPrefixes) {
        this.prefix = prefix;
        this.previousPrefixes = List.copyOf(previousPrefixes);
        this.issued = new SecretFormat(prefix);
        List<SecretFormat> formats = new ArrayList<>();
        formats.add(issued);
        previousPrefixes.stream().map(SecretFormat::new).forEach(formats::add);
        this.accepted = List.copyOf(formats);
    }

    /**
     * The format with this prefix for new secrets, still accepting each of the previous ones.
     *
     * @throws InvalidValueException if a prefix is not 1 to {@value #MAX_PREFIX_LENGTH} letters, digits, {@code _} or
     *                               {@code -} starting with a letter or digit, or is the prefix of another kind of
     *                               Latchkey secret
     */
    public static TokenSecretFormat of(String prefix, List<String> previousPrefixes) {
        checked("prefix", prefix);
        Set<String> previous = new LinkedHashSet<>();
        for (String earlier : previousPrefixes) {
            previous.add(checked("previous-prefixes", earlier));
        }
        previous.remove(prefix);
        return new TokenSecretFormat(prefix, List.copyOf(previous));
    }

    private static String checked(String field, String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidValueException(field, "a token prefix is 1 to " + MAX_PREFIX_LENGTH
                    + " letters, digits, _ or -, starting with a letter or digit, such as acme_lk_");
        }
        if (OTHER_SECRETS.contains(prefix.toLowerCase(Locale.ROOT))) {
            throw new InvalidValueException(field, prefix + " is the prefix of another kind of Latchkey secret");
        }
        return prefix;
    }

    /** The prefix new secrets carry. */
    public String prefix() {
        return prefix;
    }

    /** The prefixes used before, still accepted; never the current one. */
    public List<String> previousPrefixes() {
        return previousPrefixes;
    }

    /** Renders {@value TokenSecret#RANDOM_BYTES} bytes drawn from the randomness port as a new secret. */
    public TokenSecret render(byte[] randomBytes) {
        return TokenSecret.rendered(issued.render(randomBytes));
    }

    /**
     * The same random bytes rendered with each prefix, the current one first: a secret derived again from stored
     * bytes (a rotation's retry) is the one whose hash was stored, whichever prefix it was issued with.
     */
    public List<TokenSecret> renderedWithEachPrefix(byte[] randomBytes) {
        return accepted.stream().map(format -> TokenSecret.rendered(format.render(randomBytes))).toList();
    }

    /**
     * Recognises a presented value as a token secret of this installation: one of its prefixes, then the length,
     * alphabet and checksum. Anything else is empty, and need not be looked up.
     */
    public Optional<TokenSecret> parse(String presented) {
        for (SecretFormat format : accepted) {
            if (format.isWellFormed(presented)) {
                return Optional.of(TokenSecret.rendered(presented));
            }
        }
        return Optional.empty();
    }

    /**
     * A regular expression a scanner can look for this installation's secrets with, new and old: a prefix, then
     * 43 base62 characters of randomness and a 6-character checksum.
     */
    public String scannerPattern() {
        List<String> prefixes = new ArrayList<>();
        prefixes.add(prefix);
        prefixes.addAll(previousPrefixes);
        String alternatives = prefixes.size() == 1 ? prefix : "(?:" + String.join("|", prefixes) + ")";
        return "\\b" + alternatives + "[0-9A-Za-z]{" + (SecretFormat.BODY_LENGTH + SecretFormat.CHECKSUM_LENGTH)
                + "}\\b";
    }

    @Override
    public String toString() {
        return "TokenSecretFormat[prefix=" + prefix + ", previousPrefixes=" + previousPrefixes + "]";
    }
}
