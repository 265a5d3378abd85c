package dev.latchkey.application.port.out;

/**
 * Derives 32 secret bytes from a salt with a key only the service holds (HMAC-SHA-256), so that a secret can be
 * produced again later from its salt without being stored.
 */
public interface SecretDerivationPort {

    byte[] derive(byte[] salt);
}
