package dev.latchkey.domain;

/** What a token is for; the kind decides where it is accepted. */
public enum TokenKind {
    /** Created by a person for a script or integration; usually long-lived. */
    PERSONAL,
    /** Short-lived credential obtained through a grant. */
    ACCESS,
    /** Exchanged for new access tokens; never accepted as a credential for an API call. */
    REFRESH;

    public boolean authenticatesApiCalls() {
        return this != REFRESH;
    }
}
