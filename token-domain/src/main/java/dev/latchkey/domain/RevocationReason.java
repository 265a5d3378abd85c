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
    /** The authorization code its grant came from was presented again: the code is treated as stolen. */
    CODE_REPLAYED,
    /** Its owner took back the consent its grant was made under. */
    CONSENT_WITHDRAWN,
    /** A newer token with the same description took its place, where an account holds one per description. */
    SUPERSEDED,
    /** The client it was issued to was disabled. */
    CLIENT_DISABLED,
    /** The client it was issued to got a new secret, and its tokens were revoked with the old one, as after a leak. */
    CLIENT_SECRET_ROTATED,
    /** Its owner's account was disabled or deleted. */
    ACCOUNT_DISABLED,
    /** The token presented to make it (its delegator), or one further up that chain, was revoked. */
    DELEGATOR_REVOKED,
    /**
     * Its delegator was rotated: it ends with the delegator's overlap, and, like the delegator's own scheduled
     * revocation, is brought forward by an earlier one.
     */
    DELEGATOR_ROTATED,
    /** It carried a scope its owner may no longer hold (an administrator's {@code introspect} after a demotion). */
    SCOPE_WITHDRAWN,
    /** Its secret was found where others can read it: by a secret scanner, or reported by whoever found it. */
    LEAKED;

    /** Whether a revocation for this reason marks the planned end of an overlap, which an earlier one may cut short. */
    public boolean isScheduled() {
        return this == ROTATED || this == DELEGATOR_ROTATED;
    }
}
