package dev.latchkey.domain;

import java.util.Optional;

/**
 * A device code (RFC 8628 section 3.2): {@code lkd_} and 256 random bits with a checksum. The device polls the token
 * endpoint with it while a person approves the request on another screen; only its hash is stored.
 */
public final class DeviceCode extends Secret {

    public static final String PREFIX = "lkd_";
    private static final SecretFormat FORMAT = new SecretFormat(PREFIX);

    private DeviceCode(String rendered) {
        super(rendered);
    }

    public static DeviceCode fromRandomBytes(byte[] randomBytes) {
        return new DeviceCode(FORMAT.render(randomBytes));
    }

    public static Optional<DeviceCode> parse(String presented) {
        return FORMAT.isWellFormed(presented) ? Optional.of(new DeviceCode(presented)) : Optional.empty();
    }
}
