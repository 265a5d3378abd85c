package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.application.port.out.DeviceAuthorizationPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.DeviceCode;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.UserCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

final class DeviceAuthorizationService implements DeviceAuthorizationUseCase {

    /** A user code collides with a live one about once in 2^34 draws; a few draws more settle it. */
    private static final int USER_CODE_ATTEMPTS = 5;

    private final DeviceAuthorizationPort devices;
    private final LoadClientPort clients;
    private final LoadAccountPort accounts;
    private final LoginLimitPort loginLimits;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final RandomnessPort randomness;
    private final Clock clock;

    DeviceAuthorizationService(DeviceAuthorizationPort devices, LoadClientPort clients, LoadAccountPort accounts,
                               LoginLimitPort loginLimits, TransactionPort transactions, RecordAuditEventPort audit,
                               RandomnessPort randomness, Clock clock) {
        this.devices = devices;
        this.clients = clients;
        this.accounts = accounts;
        this.loginLimits = loginLimits;
        this.transactions = transactions;
        this.audit = audit;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Start start(OAuthClient client, Optional<String> scope, Optional<String> dpopJkt) {
        if (!client.mayUse(GrantType.DEVICE_CODE)) {
            return new Start.Refused("unauthorized_client", "The client is not registered for the device_code grant.");
        }
        Scopes scopes;
        try {
            scopes = Scopes.parseSpaceDelimited(scope.orElse(null));
        } catch (InvalidValueException malformed) {
            return new Start.Refused("invalid_scope", "The scope is malformed.");
        }
        if (!client.mayRequest(scopes)) {
            return new Start.Refused("invalid_scope", "The client is not registered for a requested scope.");
        }
        Optional<KeyThumbprint> dpopKey;
        try {
            dpopKey = AuthorizationRequests.dpopKey(dpopJkt);
        } catch (InvalidValueException malformed) {
            return new Start.Refused("invalid_request", malformed.field() + " " + malformed.reason() + ".");
        }
        Instant now = clock.instant();
        DeviceCode deviceCode = DeviceCode.fromRandomBytes(randomness.nextBytes(32));
        GrantId grant = GrantId.fromRandomBytes(randomness.nextBytes(16));
        for (int attempt = 0; attempt < USER_CODE_ATTEMPTS; attempt++) {
            UserCode userCode = UserCode.generate(randomness::nextBytes);
            if (devices.saveNew(DeviceAuthorization.start(deviceCode.hash(), userCode.hash(), client.id(), scopes,
                    grant, dpopKey, now))) {
                return new Start.Started(deviceCode, userCode, DeviceAuthorization.LIFETIME,
                        DeviceAuthorization.INTERVAL);
            }
        }
        throw new IllegalStateException("no free user code in " + USER_CODE_ATTEMPTS + " draws");
    }

    @Override
    public Lookup find(AccountId person, String entered, String address) {
        Optional<Account> account = accounts.loadById(person).filter(Account::enabled);
        if (account.isEmpty()) {
            return new Lookup.NotFound();
        }
        String usernameKey = account.get().username().canonical();
        if (loginLimits.admit(usernameKey, address) instanceof LoginLimitPort.Admission.Refused refused) {
            throw new TooManyLoginAttemptsException(refused.retryAfter());
        }
        Optional<Lookup.Pending> pending = pending(entered).flatMap(authorization -> clients
                .loadById(authorization.client()).filter(OAuthClient::enabled)
                .map(client -> new Lookup.Pending(client, authorization.scopes())));
        if (pending.isPresent()) {
            // A right code is no guess: only wrong ones count.
            loginLimits.giveBack(usernameKey, address);
            return pending.get();
        }
        return new Lookup.NotFound();
    }

    @Override
    public Decided decide(AccountId person, String entered, boolean approved) {
        Instant now = clock.instant();
        Optional<DeviceAuthorization> read = pending(entered);
        Optional<OAuthClient> client = read.flatMap(authorization -> clients.loadById(authorization.client()))
                .filter(OAuthClient::enabled);
        if (read.isEmpty() || client.isEmpty() || accounts.loadById(person).filter(Account::enabled).isEmpty()) {
            return new Decided.NotFound();
        }
        Optional<DeviceAuthorization> decided = approved ? read.get().approve(person, now)
                : read.get().deny(person, now);
        if (decided.isEmpty()) {
            return new Decided.NotFound();
        }
        return transactions.inTransaction(() -> {
            if (!devices.replace(read.get(), decided.get())) {
                return new Decided.NotFound();
            }
            audit.record(AuditEvent.of(now, approved ? AuditEventType.DEVICE_APPROVED : AuditEventType.DEVICE_DENIED,
                    Actor.account(person), Optional.of(person), Optional.empty(),
                    "client=" + client.get().id().value() + " scopes=" + (read.get().scopes().size() == 0 ? "none"
                            : read.get().scopes().asSpaceDelimited())));
            return approved ? new Decided.Approved(client.get()) : new Decided.Denied(client.get());
        });
    }

    /** The pending, unexpired request a user code names, however it was typed. */
    private Optional<DeviceAuthorization> pending(String entered) {
        Instant now = clock.instant();
        return UserCode.parse(entered).flatMap(code -> devices.findByUserCode(code.hash()))
                .filter(authorization -> authorization.state() == DeviceAuthorization.State.PENDING)
                .filter(authorization -> !authorization.isExpiredAt(now));
    }
}
