package dev.latchkey.application.port.out;

/** Cryptographically strong random bytes, for secrets and identifiers. */
public interface RandomnessPort {

    byte[] nextBytes(int count);
}
