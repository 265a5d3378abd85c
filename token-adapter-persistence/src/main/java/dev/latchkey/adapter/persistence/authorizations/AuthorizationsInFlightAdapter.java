package dev.latchkey.adapter.persistence.authorizations;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.UniqueViolation;
import dev.latchkey.application.port.out.AuthorizationCodePort;
import dev.latchkey.application.port.out.DeviceAuthorizationPort;
import dev.latchkey.application.port.out.PushedRequestPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.PushedAuthorizationRequest;
import dev.latchkey.domain.SecretHash;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * Authorizations on their way: codes waiting to be redeemed, device requests waiting for a person, pushed requests
 * waiting for the browser. Each lives a minute or minutes, and whichever node the browser or the device comes back to
 * must see it at once, so none is cached. Every change that spends one is a conditional update, so that of two
 * requests at once exactly one wins.
 */
@Singleton
@TranslatesStoreFailures
class AuthorizationsInFlightAdapter implements AuthorizationCodePort, DeviceAuthorizationPort, PushedRequestPort {

    private final AuthorizationCodeRepository codes;
    private final DeviceAuthorizationRepository devices;
    private final PushedRequestRepository pushedRequests;
    private final JdbcTransactions writes;

    AuthorizationsInFlightAdapter(AuthorizationCodeRepository codes, DeviceAuthorizationRepository devices,
                                  PushedRequestRepository pushedRequests, JdbcTransactions writes) {
        this.codes = codes;
        this.devices = devices;
        this.pushedRequests = pushedRequests;
        this.writes = writes;
    }

    @Override
    public void save(AuthorizationCodeGrant code) {
        writes.write(() -> codes.save(AuthorizationCodeRow.of(code)));
    }

    @Override
    public Optional<AuthorizationCodeGrant> findByHash(SecretHash codeHash) {
        return codes.findById(codeHash.toHex()).map(AuthorizationCodeRow::toDomain);
    }

    @Override
    public boolean markRedeemed(SecretHash codeHash, Instant now) {
        return writes.write(() -> codes.markRedeemed(codeHash.toHex(), now)) > 0;
    }

    @Override
    public boolean saveNew(DeviceAuthorization authorization) {
        try {
            writes.write(() -> devices.save(DeviceAuthorizationRow.of(authorization)));
            return true;
        } catch (DataAccessException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public Optional<DeviceAuthorization> findByDeviceCode(SecretHash deviceCodeHash) {
        return devices.findById(deviceCodeHash.toHex()).map(DeviceAuthorizationRow::toDomain);
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(SecretHash userCodeHash) {
        return devices.findByUserCodeHash(userCodeHash.toHex()).map(DeviceAuthorizationRow::toDomain);
    }

    @Override
    public boolean replace(DeviceAuthorization read, DeviceAuthorization next) {
        DeviceAuthorizationRow row = DeviceAuthorizationRow.of(next);
        String hash = read.deviceCodeHash().toHex();
        java.util.UUID account = next.account().map(AccountId::value).orElse(null);
        long replaced = writes.write(() -> read.lastPolledAt().isPresent()
                ? devices.replace(hash, row.intervalSeconds(), row.lastPolledAt(), row.state(), account,
                        read.state().name(), read.lastPolledAt().get())
                : devices.replaceNeverPolled(hash, row.intervalSeconds(), row.lastPolledAt(), row.state(), account,
                        read.state().name()));
        return replaced > 0;
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        writes.write(() -> pushedRequests.save(PushedRequestRow.of(request)));
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(SecretHash referenceHash) {
        return pushedRequests.findById(referenceHash.toHex()).map(PushedRequestRow::toDomain);
    }

    @Override
    public boolean complete(SecretHash referenceHash, Instant now) {
        return writes.write(() -> pushedRequests.complete(referenceHash.toHex(), now)) > 0;
    }
}
