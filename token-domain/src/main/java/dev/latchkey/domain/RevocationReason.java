package dev.latchkey.domain;

/** Why a token stopped being valid before its expiry; kept for the audit trail. */
public enum RevocationReason {
    /** Its owner, or an administrator acting for them, asked for it. */
    REQUESTED
}
