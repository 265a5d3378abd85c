package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuthorizationCodePort;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.application.port.out.DeviceAuthorizationPort;
import dev.latchkey.application.port.out.PushedRequestPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Consent;
import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.PushedAuthorizationRequest;
import dev.latchkey.domain.SecretHash;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Codes, consents, device requests and pushed requests in memory, with the store's conditional writes. */
final class InMemoryAuthorizations implements AuthorizationCodePort, ConsentPort, DeviceAuthorizationPort,
        PushedRequestPort {

    private record ConsentKey(AccountId account, ClientId client) {
    }

    final Map<SecretHash, AuthorizationCodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<ConsentKey, Consent> consents = new ConcurrentHashMap<>();
    final Map<SecretHash, DeviceAuthorization> devices = new ConcurrentHashMap<>();
    private final Map<SecretHash, PushedAuthorizationRequest> pushed = new ConcurrentHashMap<>();

    @Override
    public void save(AuthorizationCodeGrant code) {
        codes.put(code.codeHash(), code);
    }

    @Override
    public Optional<AuthorizationCodeGrant> findByHash(SecretHash codeHash) {
        return Optional.ofNullable(codes.get(codeHash));
    }

    @Override
    public synchronized boolean markRedeemed(SecretHash codeHash, Instant now) {
        AuthorizationCodeGrant code = codes.get(codeHash);
        if (code == null || code.redeemedAt().isPresent()) {
            return false;
        }
        codes.put(codeHash, new AuthorizationCodeGrant(code.codeHash(), code.client(), code.account(),
                code.redirectUri(), code.redirectUriNamed(), code.challenge(), code.scopes(), code.grant(),
                code.issuedAt(), code.expiresAt(), Optional.of(now), code.dpopKey()));
        return true;
    }

    @Override
    public Optional<Consent> find(AccountId account, ClientId client) {
        return Optional.ofNullable(consents.get(new ConsentKey(account, client)));
    }

    @Override
    public void save(Consent consent) {
        consents.put(new ConsentKey(consent.account(), consent.client()), consent);
    }

    @Override
    public boolean withdraw(AccountId account, ClientId client) {
        return consents.remove(new ConsentKey(account, client)) != null;
    }

    @Override
    public List<Consent> listFor(AccountId account) {
        return consents.values().stream().filter(consent -> consent.account().equals(account))
                .sorted(Comparator.comparing(consent -> consent.client().value())).toList();
    }

    @Override
    public synchronized boolean saveNew(DeviceAuthorization authorization) {
        if (devices.values().stream().anyMatch(other -> other.userCodeHash().equals(authorization.userCodeHash()))) {
            return false;
        }
        devices.put(authorization.deviceCodeHash(), authorization);
        return true;
    }

    @Override
    public Optional<DeviceAuthorization> findByDeviceCode(SecretHash deviceCodeHash) {
        return Optional.ofNullable(devices.get(deviceCodeHash));
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(SecretHash userCodeHash) {
        return devices.values().stream().filter(device -> device.userCodeHash().equals(userCodeHash)).findFirst();
    }

    @Override
    public synchronized boolean replace(DeviceAuthorization read, DeviceAuthorization next) {
        DeviceAuthorization stored = devices.get(read.deviceCodeHash());
        if (stored == null || stored.state() != read.state()
                || !Objects.equals(stored.lastPolledAt(), read.lastPolledAt())) {
            return false;
        }
        devices.put(next.deviceCodeHash(), next);
        return true;
    }

    @Override
    public void save(PushedAuthorizationRequest request) {
        pushed.put(request.referenceHash(), request);
    }

    @Override
    public Optional<PushedAuthorizationRequest> find(SecretHash referenceHash) {
        return Optional.ofNullable(pushed.get(referenceHash));
    }

    @Override
    public synchronized boolean complete(SecretHash referenceHash, Instant now) {
        PushedAuthorizationRequest request = pushed.get(referenceHash);
        if (request == null || request.completedAt().isPresent()) {
            return false;
        }
        pushed.put(referenceHash, new PushedAuthorizationRequest(request.referenceHash(), request.request(),
                request.expiresAt(), Optional.of(now)));
        return true;
    }
}
