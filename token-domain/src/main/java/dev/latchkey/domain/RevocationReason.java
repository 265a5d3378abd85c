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
    /** A newer token took its place where an account may hold only one (the Sample Token API's rule). */
    SUPERSEDED,
    /** The client it was issued to was disabled. */
    CLIENT_DISABLED
}
