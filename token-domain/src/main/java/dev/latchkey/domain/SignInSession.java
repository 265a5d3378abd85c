package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A person signed in at Latchkey's own pages (the console, and the consent pages that build on it): held on the
 * server, under the hash of the secret the browser keeps in a cookie, so that what the store holds cannot be
 * presented. It remembers the password it was opened with ({@code passwordStamp}), so that a password reset ends it.
 *
 * <p>{@code lastSeenAt} moves only in steps of {@link #SEEN_GRANULARITY}: a session used on every page view would
 * otherwise be written on every page view. The idle timeout is then counted from up to that much earlier, which
 * can only end a session sooner, never keep it longer.
 */
public record SignInSession(SecretHash id, AccountId account, String passwordStamp, Instant signedInAt,
                            Instant lastSeenAt) {

    public static final Duration SEEN_GRANULARITY = Duration.ofMinutes(1);

    public SignInSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(passwordStamp, "passwordStamp");
        Objects.requireNonNull(signedInAt, "signedInAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (lastSeenAt.isBefore(signedInAt)) {
            throw new InvalidValueException("lastSeenAt", "must not be before the sign-in");
        }
    }

    public static SignInSession start(SecretHash id, AccountId account, String passwordStamp, Instant now) {
        return new SignInSession(id, account, passwordStamp, now, now);
    }

    /** The moment the session ends unless it is used before: whichever timeout comes first. */
    public Instant endsAt(SessionTimeouts timeouts) {
        Instant idleEnd = lastSeenAt.plus(timeouts.idle());
        Instant lifetimeEnd = signedInAt.plus(timeouts.lifetime());
        return idleEnd.isBefore(lifetimeEnd) ? idleEnd : lifetimeEnd;
    }

    public boolean isLiveAt(Instant now, SessionTimeouts timeouts) {
        return now.isBefore(endsAt(timeouts));
    }

    /** Whether a request at {@code now} moves {@code lastSeenAt} far enough to be worth recording. */
    public boolean isSeenAgainAt(Instant now) {
        return !now.isBefore(lastSeenAt.plus(SEEN_GRANULARITY));
    }

    public SignInSession seenAt(Instant now) {
        return now.isAfter(lastSeenAt) ? new SignInSession(id, account, passwordStamp, signedInAt, now) : this;
    }

    @Override
    public String toString() {
        return "SignInSession[id=" + id + ", account=" + account + ", signedInAt=" + signedInAt + ", lastSeenAt="
                + lastSeenAt + "]";
    }
}
