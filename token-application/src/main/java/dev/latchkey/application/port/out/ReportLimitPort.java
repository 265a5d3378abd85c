package dev.latchkey.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * An allowance of public leak reports per client address, shared by every node: the report endpoint takes no
 * credentials, so without it anyone could make the service hash and look up secrets as fast as they can send them.
 */
public interface ReportLimitPort {

    /** No allowance at all, for a host that bounds its callers some other way. */
    ReportLimitPort UNLIMITED = address -> new Admission.Admitted();

    /** Takes one report from the address's allowance, or says when there will be one again. */
    Admission admit(String address);

    /** Whether a report may be made. */
    sealed interface Admission {
        /** The report may be made. */
        record Admitted() implements Admission {
        }

        /** The allowance is spent; the next report may be made after {@code retryAfter}. */
        record Refused(Duration retryAfter) implements Admission {
            public Refused {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }
}
