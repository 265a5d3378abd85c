package dev.latchkey.application.port.out;

import dev.latchkey.domain.AuditEvent;

/** Where the audit trail is written. Entries hold no secret (see {@link AuditEvent}). */
public interface RecordAuditEventPort {

    /** Records an event: in the caller's transaction if there is one, else on its own; durable when this returns. */
    void record(AuditEvent event);

    /**
     * Counts an event that can come by the thousand each second: a use, a refused login, a refused token. Counts are
     * gathered in memory and written as one entry per type, actor, account, token and detail in each interval, which
     * carries the count; so a flood cannot make the trail its target. This never waits, and a crash loses at most the
     * interval being gathered.
     */
    void count(AuditEvent event);
}
