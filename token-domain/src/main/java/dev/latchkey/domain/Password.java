package dev.latchkey.domain;

/**
 * A password in clear, as presented or as chosen. It lives only as long as one request; it is never stored,
 * logged or printed.
 */
public final class Password {

    /** Long enough for any passphrase, short enough that hashing it cannot be turned into a denial of service. */
    public static final int MAX_LENGTH = 1024;
    /** Chosen passwords follow NIST SP 800-63B's advice for a single factor: length over composition rules. */
    public static final int MIN_LENGTH_FOR_NEW = 12;

    private final String clearText;

    private Password(String clearText) {
        this.clearText = clearText;
    }

    /** A password as presented for verification; any non-empty value up to the maximum length. */
    public static Password presented(String clearText) {
        if (clearText == null || clearText.isEmpty() || clearText.length() > MAX_LENGTH) {
            throw new InvalidValueException("password", "must be 1 to " + MAX_LENGTH + " characters");
        }
        return new Password(clearText);
    }

    /** A password being chosen for an account, held to the minimum length. */
    public static Password chosen(String clearText) {
        if (clearText == null || clearText.length() < MIN_LENGTH_FOR_NEW || clearText.length() > MAX_LENGTH) {
            throw new InvalidValueException("password",
                    "must be " + MIN_LENGTH_FOR_NEW + " to " + MAX_LENGTH + " characters");
        }
        return new Password(clearText);
    }

    /** The clear text, for the password hasher only. */
    public String reveal() {
        return clearText;
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
