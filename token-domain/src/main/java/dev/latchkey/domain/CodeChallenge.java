package dev.latchkey.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PKCE code challenge (RFC 7636), S256 only: the base64url SHA-256 of a verifier the client keeps. Whoever
 * redeems the authorization code must present that verifier, so a code stolen on its way back to the client is of no
 * use. {@code plain} is refused: it would send the verifier itself through the browser.
 */
public final class CodeChallenge {

    public static final String METHOD = "S256";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final String value;

    private CodeChallenge(String value) {
        this.value = value;
    }

    /**
     * The challenge a client sent with its method; an absent method means {@code plain} (RFC 7636 section 4.3), which
     * is refused like any other.
     *
     * @throws InvalidValueException naming {@code code_challenge} or {@code code_challenge_method}
     */
    public static CodeChallenge of(String challenge, String method) {
        if (challenge == null || challenge.isEmpty()) {
            throw new InvalidValueException("code_challenge", "is required (PKCE with S256)");
        }
        if (!METHOD.equals(method)) {
            throw new InvalidValueException("code_challenge_method", "must be S256");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw new InvalidValueException("code_challenge",
                    "must be the base64url SHA-256 of the verifier: 43 characters");
        }
        return new CodeChallenge(challenge);
    }

    /** A challenge as stored; it was checked when it came in. */
    public static CodeChallenge stored(String challenge) {
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw new IllegalArgumentException("not an S256 code challenge");
        }
        return new CodeChallenge(challenge);
    }

    /** The challenge a verifier answers: what a client computes, and what tests use. */
    public static CodeChallenge answeredBy(String verifier) {
        return new CodeChallenge(s256(verifier));
    }

    /** Whether the verifier is well formed and hashes to this challenge, compared in constant time. */
    public boolean isAnsweredBy(String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                value.getBytes(StandardCharsets.US_ASCII));
    }

    public String value() {
        return value;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodeChallenge that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "CodeChallenge[S256]";
    }
}
