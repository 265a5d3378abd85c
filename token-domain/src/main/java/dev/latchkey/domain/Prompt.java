package dev.latchkey.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * OpenID Connect Core section 3.1.2.1's {@code prompt}: whether the person is to be asked to sign in or to consent
 * even when they need not be, or must not be asked at all.
 */
public enum Prompt {
    /** Ask nothing: answer {@code login_required} or {@code consent_required} where a question would be needed. */
    NONE,
    /** Sign in again, even with a session. */
    LOGIN,
    /** Ask for consent again, even when it was given before. */
    CONSENT;

    /**
     * The space-delimited {@code prompt} parameter; empty when absent. {@code none} goes with no other value.
     *
     * @throws InvalidValueException naming {@code prompt}
     */
    public static Set<Prompt> parse(String parameter) {
        Set<Prompt> prompts = EnumSet.noneOf(Prompt.class);
        if (parameter == null || parameter.isBlank()) {
            return prompts;
        }
        for (String value : parameter.trim().split(" +")) {
            switch (value) {
                case "none" -> prompts.add(NONE);
                case "login" -> prompts.add(LOGIN);
                case "consent" -> prompts.add(CONSENT);
                // select_account: one account per session here, so there is nothing to select.
                case "select_account" -> {
                }
                default -> throw new InvalidValueException("prompt",
                        "has an unknown value; known: none, login, consent, select_account");
            }
        }
        if (prompts.contains(NONE) && prompts.size() > 1) {
            throw new InvalidValueException("prompt", "none goes with no other value");
        }
        return prompts;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
