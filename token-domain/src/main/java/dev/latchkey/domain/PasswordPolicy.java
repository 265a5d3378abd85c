package dev.latchkey.domain;

/**
 * What a chosen password must be: at least {@code minimumLength} characters (NIST SP 800-63B favours length over
 * composition rules, and puts the floor at 8). The default is 12.
 */
public record PasswordPolicy(int minimumLength) {

    public static final int FLOOR = 8;
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(Password.MIN_LENGTH_FOR_NEW);

    public PasswordPolicy {
        if (minimumLength < FLOOR || minimumLength > Password.MAX_LENGTH) {
            throw new InvalidValueException("passwordMinimumLength",
                    "must be between " + FLOOR + " and " + Password.MAX_LENGTH);
        }
    }

    public Password accept(String clearText) {
        if (clearText == null || clearText.length() < minimumLength || clearText.length() > Password.MAX_LENGTH) {
            throw new InvalidValueException("password",
                    "must be " + minimumLength + " to " + Password.MAX_LENGTH + " characters");
        }
        return Password.presented(clearText);
    }
}
