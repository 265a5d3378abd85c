package dev.latchkey.application.port.in;

/**
 * The expiry scan (issue 25): announces each token whose expiry has come within a warning threshold
 * ({@code token.expiring}) or been reached ({@code token.expired}) since the last scan on any node. Each
 * announcement is an audit entry, so its webhooks and mail go out through the outbox written with it.
 */
public interface AnnounceExpiriesUseCase {

    /** Scans every threshold up to now; answers how many tokens it announced. */
    int scan();
}
