package dev.latchkey.application.port.out;

/**
 * The store could not be reached, or could not take the work now: the connection was refused or lost, no connection
 * came within the pool's timeout, the server is shutting down or failing over, or it is a standby that takes no
 * writes. Thrown by the persistence adapter in place of the driver's failure, which stays its cause.
 *
 * <p>Whether the work happened is decided by the store alone: a failure before the commit stored nothing; a connection
 * lost during the commit leaves the outcome unknown to this node, as with any database. Either way, the caller's
 * retry is safe where the operation is (issuance makes a new token; revocation and rotation with a key repeat).
 */
public class StoreUnavailableException extends TemporarilyUnavailableException {

    public StoreUnavailableException(String what, Throwable cause) {
        super(what, cause, 1);
    }

    @Override
    public String publicReason() {
        return "The token store is unavailable; retry shortly";
    }
}
