package dev.latchkey.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One use of a proof of possession (ADR 19): a DPoP proof of a key, or a client's signed assertion, named by its
 * {@code jti}, and the end of the window in which it could be presented. Two uses are the same use only when the kind,
 * the party (the key's thumbprint, the client's id) and the {@code jti} are all the same, so one party's identifiers
 * never collide with another's. Kept by its {@link #key()}, a SHA-256, never by the identifiers themselves.
 */
public record ProofUse(Kind kind, String party, String jti, Instant expiresAt) {

    /** The longest identifier or party name kept: the proofs carry nothing longer that is honest. */
    public static final int MAX_LENGTH = 512;

    /** What kind of proof was used. */
    public enum Kind {
        /** A DPoP proof (RFC 9449): the party is the key's RFC 7638 thumbprint. */
        DPOP_PROOF,
        /** A client's {@code private_key_jwt} assertion (RFC 7523): the party is the client id. */
        CLIENT_ASSERTION
    }

    public ProofUse {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (party == null || party.isEmpty() || party.length() > MAX_LENGTH) {
            throw new InvalidValueException("party", "must be 1 to " + MAX_LENGTH + " characters");
        }
        if (jti == null || jti.isEmpty() || jti.length() > MAX_LENGTH) {
            throw new InvalidValueException("jti", "must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    /**
     * The use's key: the SHA-256, in lower-case hex, of the kind, the party and the {@code jti}, each preceded by its
     * length, so that no two different uses share one (a party ending where a {@code jti} begins cannot shift).
     */
    public String key() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {kind.name(), party, jti}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
