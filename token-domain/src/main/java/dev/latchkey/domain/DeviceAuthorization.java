package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's request for tokens (RFC 8628), waiting for a person to approve it on another screen with its user
 * code. The device polls with its device code; each poll is answered by {@link #poll}, and the tokens are given once.
 *
 * @param interval     how long the device must wait between polls; raised by {@link #SLOW_DOWN} each time it polls
 *                     sooner (RFC 8628 section 3.5)
 * @param lastPolledAt when the device last polled, if it has
 * @param account      who approved or denied it, once someone has
 * @param dpopKey      the key the device asked its tokens to be bound to ({@code dpop_jkt}): it polls with a DPoP
 *                     proof by that key
 */
public record DeviceAuthorization(SecretHash deviceCodeHash, SecretHash userCodeHash, ClientId client, Scopes scopes,
                                  GrantId grant, Instant issuedAt, Instant expiresAt, Duration interval,
                                  Optional<Instant> lastPolledAt, State state, Optional<AccountId> account,
                                  Optional<KeyThumbprint> dpopKey) {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    public static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    public DeviceAuthorization {
        Objects.requireNonNull(deviceCodeHash, "deviceCodeHash");
        Objects.requireNonNull(userCodeHash, "userCodeHash");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(lastPolledAt, "lastPolledAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(dpopKey, "dpopKey");
        if ((state == State.PENDING) == account.isPresent()) {
            throw new IllegalArgumentException("a device authorization has an account once it is decided, only");
        }
    }

    /** Where a device authorization stands. */
    public enum State {
        PENDING, APPROVED, DENIED, REDEEMED
    }

    public static DeviceAuthorization start(SecretHash deviceCodeHash, SecretHash userCodeHash, ClientId client,
                                            Scopes scopes, GrantId grant, Optional<KeyThumbprint> dpopKey,
                                            Instant now) {
        return new DeviceAuthorization(deviceCodeHash, userCodeHash, client, scopes, grant, now, now.plus(LIFETIME),
                INTERVAL, Optional.empty(), State.PENDING, Optional.empty(), dpopKey);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** A person approves the request for their account; only a pending, unexpired request can be decided. */
    public Optional<DeviceAuthorization> approve(AccountId approver, Instant now) {
        return decide(State.APPROVED, approver, now);
    }

    public Optional<DeviceAuthorization> deny(AccountId denier, Instant now) {
        return decide(State.DENIED, denier, now);
    }

    private Optional<DeviceAuthorization> decide(State decision, AccountId person, Instant now) {
        if (state != State.PENDING || isExpiredAt(now)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceAuthorization(deviceCodeHash, userCodeHash, client, scopes, grant, issuedAt,
                expiresAt, interval, lastPolledAt, decision, Optional.of(person), dpopKey));
    }

    /** The device polls the token endpoint (RFC 8628 section 3.5). */
    public Poll poll(Instant now) {
        if (state == State.REDEEMED) {
            return new Poll.AlreadyRedeemed();
        }
        if (isExpiredAt(now)) {
            return new Poll.Expired();
        }
        if (lastPolledAt.isPresent() && now.isBefore(lastPolledAt.get().plus(interval))) {
            return new Poll.SlowDown(polledAt(now, interval.plus(SLOW_DOWN), state));
        }
        return switch (state) {
            case PENDING -> new Poll.Pending(polledAt(now, interval, state));
            case DENIED -> new Poll.Denied();
            case APPROVED -> new Poll.Approved(polledAt(now, interval, State.REDEEMED));
            case REDEEMED -> new Poll.AlreadyRedeemed();
        };
    }

    private DeviceAuthorization polledAt(Instant now, Duration newInterval, State newState) {
        return new DeviceAuthorization(deviceCodeHash, userCodeHash, client, scopes, grant, issuedAt, expiresAt,
                newInterval, Optional.of(now), newState, account, dpopKey);
    }

    /** What a poll comes to; where it carries the authorization, that is what the store is to hold now. */
    public sealed interface Poll {
        /** {@code authorization_pending}. */
        record Pending(DeviceAuthorization polled) implements Poll {
        }

        /** {@code slow_down}: polled before the interval had passed; the interval grows by {@link #SLOW_DOWN}. */
        record SlowDown(DeviceAuthorization polled) implements Poll {
        }

        /** {@code access_denied}. */
        record Denied() implements Poll {
        }

        /** {@code expired_token}. */
        record Expired() implements Poll {
        }

        /** The tokens are to be given now, once; {@code redeemed} is the authorization spent. */
        record Approved(DeviceAuthorization redeemed) implements Poll {
        }

        /** The tokens were given before: {@code invalid_grant}. */
        record AlreadyRedeemed() implements Poll {
        }
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[client=" + client + ", scopes=" + scopes + ", state=" + state + ", expiresAt="
                + expiresAt + "]";
    }
}
