package dev.latchkey.application.port.out;

import java.time.Duration;

/**
 * Allowances of password attempts, one per username and one per client address. Every attempt takes one from both
 * before the password is checked, so that concurrent guesses cannot slip past the count; an attempt that succeeds is
 * given back, so that only failures are counted. Allowances refill over time by themselves.
 */
public interface LoginLimitPort {

    /**
     * @param usernameKey the username as presented, in the form that compares equal for every spelling of it; whether
     *                    an account has it must not matter, so that unknown usernames are limited alike
     * @param address     the client's network address, as the inbound adapter trusts it
     */
    Admission admit(String usernameKey, String address);

    /** Returns the attempt {@link #admit} took: it succeeded, so it was no guess. */
    void giveBack(String usernameKey, String address);

    /** Refills the username's allowance at once: an administrator's unlock. */
    void refill(String usernameKey);

    /** Whether a login attempt may go on to the password check. */
    sealed interface Admission {
        /** The attempt may proceed; give it back if it succeeds. */
        record Admitted() implements Admission {
        }

        /** The allowance is spent; try again after the given time. */
        record Refused(Duration retryAfter) implements Admission {
        }
    }
}
