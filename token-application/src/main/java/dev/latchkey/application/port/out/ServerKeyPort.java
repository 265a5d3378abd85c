package dev.latchkey.application.port.out;

/**
 * Keys the service makes for itself, one per purpose: generated on first use, kept in the store, the same on every
 * node and after every restart.
 */
public interface ServerKeyPort {

    /** At least 32 bytes. */
    byte[] keyFor(String purpose);
}
