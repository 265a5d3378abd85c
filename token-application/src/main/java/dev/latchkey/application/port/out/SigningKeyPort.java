package dev.latchkey.application.port.out;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The asymmetric keys that sign JWT access tokens, shared by every node. The store keeps each private key encrypted
 * under the master key, never in clear.
 */
public interface SigningKeyPort {

    /** Every stored key, in no particular order. */
    List<StoredSigningKey> all();

    /** Stores a new key. */
    void add(StoredSigningKey key);

    /** Deletes a key that no longer signs and whose tokens have all expired. */
    void remove(String kid);

    /**
     * @param algorithm  the JWS algorithm it signs with ({@code ES256}, {@code RS256})
     * @param privateKey PKCS#8 encoding
     * @param publicKey  X.509 SubjectPublicKeyInfo encoding
     */
    record StoredSigningKey(String kid, String algorithm, byte[] privateKey, byte[] publicKey, Instant createdAt,
                            Instant activatesAt) {
        public StoredSigningKey {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(algorithm, "algorithm");
            privateKey = privateKey.clone();
            publicKey = publicKey.clone();
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(activatesAt, "activatesAt");
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StoredSigningKey key && kid.equals(key.kid) && algorithm.equals(key.algorithm)
                    && Arrays.equals(privateKey, key.privateKey) && Arrays.equals(publicKey, key.publicKey)
                    && createdAt.equals(key.createdAt) && activatesAt.equals(key.activatesAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kid, algorithm, createdAt, activatesAt);
        }

        @Override
        public String toString() {
            return "StoredSigningKey[kid=" + kid + ", algorithm=" + algorithm + ", privateKey=redacted, activatesAt="
                    + activatesAt + "]";
        }
    }
}
