package dev.latchkey.domain;

/** Why a token stopped being valid before its expiry; kept for the audit trail. */
public enum RevocationReason {
    /** Its owner, or an administrator acting for them, asked for it. */
    REQUESTED,
    /** A replacement was issued; the old token may have been given an overlap before this takes effect. */
    ROTATED,
    /** A refresh token of its grant was presented a second time: the grant is treated as stolen. */
    REFRESH_TOKEN_REUSED,
    /** Its grant was revoked as a whole (for example by revoking its refresh token). */
    GRANT_REVOKED,
    /** A newer token with the same description took its place, where an account holds one per description. */
    SUPERSEDED,
    /** The client it was issued to was disabled. */
    CLIENT_DISABLED,
    /** Its owner's account was disabled or deleted. */
    ACCOUNT_DISABLED
}
