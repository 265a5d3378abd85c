package dev.latchkey.domain;

import java.util.Locale;
import java.util.Optional;

/** The kinds of security event the audit trail keeps. Their wire names are dotted: {@code token.issued}. */
public enum AuditEventType {
    TOKEN_ISSUED,
    /** Uses of one token, coalesced: one event counts every use within an interval. */
    TOKEN_USED,
    TOKEN_ROTATED,
    /** A refresh token was spent on its one exchange. */
    TOKEN_REFRESHED,
    TOKEN_REVOKED,
    /** A spent refresh token was presented again after the leeway; its grant is revoked. */
    REFRESH_TOKEN_REUSED,
    /** A presented token was refused; the event names a short fingerprint of it, never the token. Coalesced. */
    TOKEN_REFUSED,
    /** A password login was refused. Coalesced per username and address. */
    LOGIN_FAILED,
    /**
     * A login was refused unchecked because the username's or the address's allowance was spent. Coalesced per
     * username and address, so a flood writes one entry per interval.
     */
    LOGIN_LIMITED,
    ACCOUNT_CREATED,
    ACCOUNT_CHANGED,
    ACCOUNT_DELETED,
    PARTNER_CREATED,
    PARTNER_CHANGED,
    CLIENT_REGISTERED,
    CLIENT_CHANGED,
    POLICY_CHANGED,
    /** A new key to sign JWT access tokens was made: by an administrator, or by the schedule when one was due. */
    SIGNING_KEY_ROTATED,
    /** A person let a client have tokens for their account, with the scopes the detail names. */
    CONSENT_GIVEN,
    /** A person took a client's access back; the tokens of its grants are revoked with it. */
    CONSENT_WITHDRAWN,
    /** A person approved a device's request with its user code. */
    DEVICE_APPROVED,
    /** A person denied a device's request. */
    DEVICE_DENIED,
    /** A redeemed authorization code was presented again; the tokens it got are revoked. */
    AUTHORIZATION_CODE_REPLAYED,
    /**
     * A live token's secret was found leaked and the token revoked; the detail names who found it, where and how
     * (the scanner's source, URL and match type), never the secret.
     */
    TOKEN_LEAKED,
    /** An administrator asked which token a secret is; the detail names the secret's fingerprint, never the secret. */
    TOKEN_IDENTIFIED,
    /**
     * A token's expiry came within a warning threshold (the detail names it); announced once per token and threshold
     * by the expiry scan, so that its owner can replace it in time.
     */
    TOKEN_EXPIRING,
    /** A token in force reached its expiry; announced once by the expiry scan. */
    TOKEN_EXPIRED,
    /** An administrator registered a webhook endpoint; the detail names its URL's host and its events. */
    WEBHOOK_CREATED,
    /** An administrator changed a webhook endpoint, or rotated its secret. */
    WEBHOOK_CHANGED,
    WEBHOOK_DELETED,
    /** A webhook endpoint stopped receiving on its own: it answered 410 Gone, or failed every delivery for 3 days. */
    WEBHOOK_DISABLED;

    /** The lower-case name with its last underscore a dot: {@code token.issued}, {@code refresh_token.reused}. */
    public String wireName() {
        String lower = name().toLowerCase(Locale.ROOT);
        int last = lower.lastIndexOf('_');
        return lower.substring(0, last) + "." + lower.substring(last + 1);
    }

    public static Optional<AuditEventType> fromWireName(String wireName) {
        for (AuditEventType type : values()) {
            if (type.wireName().equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
