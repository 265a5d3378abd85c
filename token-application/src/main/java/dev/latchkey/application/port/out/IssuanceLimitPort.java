package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import java.time.Duration;
import java.util.Objects;

/**
 * An allowance of new tokens per account, refilled over time, shared by every node: what keeps one account, or a
 * stolen token of it, from filling the store, whichever path it issues through.
 */
public interface IssuanceLimitPort {

    /** No allowance at all, for a host that bounds issuance some other way. */
    IssuanceLimitPort UNLIMITED = account -> new Admission.Admitted();

    /** Takes one token from the account's allowance, or says when there will be one again. */
    Admission admit(AccountId account);

    /** Whether a token may be made. */
    sealed interface Admission {
        /** It may. */
        record Admitted() implements Admission {
        }

        /** The allowance is spent; the next token may be made after {@code retryAfter}. */
        record Refused(Duration retryAfter) implements Admission {
            public Refused {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }
}
