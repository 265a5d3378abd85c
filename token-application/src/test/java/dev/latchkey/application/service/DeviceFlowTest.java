package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase.Decided;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase.Lookup;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase.Start;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.DeviceCodeGrant;
import dev.latchkey.application.port.in.GrantTokensUseCase.DeviceError;
import dev.latchkey.application.port.in.GrantTokensUseCase.Outcome;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase.RegisterClientCommand;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The device authorization grant at the use-case level: start, enter the code, approve or deny, poll. */
class DeviceFlowTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofMinutes(5)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);
    private static final String ADDRESS = "192.0.2.7";

    private final ServiceFixture fixture = new ServiceFixture(3, 1000);
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Account alice = fixture.account("alice", "alice-password");
    private final DeviceAuthorizationUseCase devices = fixture.services.deviceAuthorization();
    private final GrantTokensUseCase grants = fixture.services.grantTokens(POLICY);
    private final OAuthClient cli = ((RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient()
            .register(new RegisterClientCommand(root, "cli", ClientType.PUBLIC,
                    Optional.of(EnumSet.of(GrantType.DEVICE_CODE, GrantType.REFRESH_TOKEN)),
                    Optional.of(Scopes.of("read"))))).client();

    private Outcome poll(Start.Started started) {
        return grants.grant(new DeviceCodeGrant(started.deviceCode().reveal(), cli));
    }

    @Test
    void theDevicePollsUntilThePersonApprovesThenGetsItsPairOnce() {
        Start.Started started = (Start.Started) devices.start(cli, Optional.of("read"), Optional.empty());

        assertThat(poll(started)).isEqualTo(new Outcome.DeviceNotReady(DeviceError.AUTHORIZATION_PENDING,
                "The person has not approved the request yet."));
        assertThat(poll(started)).as("too soon").isInstanceOfSatisfying(Outcome.DeviceNotReady.class,
                notReady -> assertThat(notReady.error()).isEqualTo(DeviceError.SLOW_DOWN));
        assertThat(devices.find(alice.id(), started.userCode().display().toLowerCase(), ADDRESS))
                .isEqualTo(new Lookup.Pending(cli, Scopes.of("read")));
        assertThat(devices.decide(alice.id(), started.userCode().display(), true)).isInstanceOf(Decided.Approved.class);
        fixture.clock.advance(Duration.ofSeconds(10));
        Outcome.Granted granted = (Outcome.Granted) poll(started);

        assertThat(granted.access().token().owner()).isEqualTo(alice.id());
        assertThat(granted.access().token().client()).contains(cli.id());
        assertThat(granted.refresh()).isPresent();
        fixture.clock.advance(Duration.ofSeconds(10));
        assertThat(poll(started)).as("once").isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(fixture.events.recordedTypes()).contains(AuditEventType.DEVICE_APPROVED);
    }

    @Test
    void aDeviceRequestBoundToAKeyGivesTokensOnlyToAPollWithAProofByThatKey() {
        KeyThumbprint key = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        Start.Started started = (Start.Started) devices.start(cli, Optional.of("read"), Optional.of(key.value()));
        devices.decide(alice.id(), started.userCode().display(), true);
        DeviceCodeGrant polled = new DeviceCodeGrant(started.deviceCode().reveal(), cli);

        assertThat(grants.grant(polled)).isInstanceOfSatisfying(Outcome.InvalidGrant.class, refused ->
                assertThat(refused.reason()).contains("dpop_jkt"));
        assertThat(grants.boundTo(KeyThumbprint.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"), true)
                .grant(polled)).isInstanceOf(Outcome.InvalidGrant.class);
        Outcome.Granted granted = (Outcome.Granted) grants.boundTo(key, true).grant(polled);
        assertThat(granted.access().token().proofKey()).contains(key);
        assertThat(granted.refresh().orElseThrow().token().proofKey()).contains(key);
        assertThat(devices.start(cli, Optional.empty(), Optional.of("x"))).isInstanceOfSatisfying(Start.Refused.class,
                refused -> assertThat(refused.reason()).startsWith("dpop_jkt"));
    }

    @Test
    void aDeniedOrExpiredRequestGivesNoTokens() {
        Start.Started denied = (Start.Started) devices.start(cli, Optional.empty(), Optional.empty());
        Start.Started expiring = (Start.Started) devices.start(cli, Optional.empty(), Optional.empty());

        assertThat(devices.decide(alice.id(), denied.userCode().display(), false)).isInstanceOf(Decided.Denied.class);
        assertThat(poll(denied)).isInstanceOfSatisfying(Outcome.DeviceNotReady.class,
                notReady -> assertThat(notReady.error()).isEqualTo(DeviceError.ACCESS_DENIED));
        assertThat(devices.decide(alice.id(), denied.userCode().display(), true)).as("decided once")
                .isInstanceOf(Decided.NotFound.class);
        fixture.clock.advance(Duration.ofMinutes(10));
        assertThat(poll(expiring)).isInstanceOfSatisfying(Outcome.DeviceNotReady.class,
                notReady -> assertThat(notReady.error()).isEqualTo(DeviceError.EXPIRED_TOKEN));
        assertThat(devices.find(alice.id(), expiring.userCode().display(), ADDRESS)).isInstanceOf(Lookup.NotFound.class);
        assertThat(fixture.events.recordedTypes()).contains(AuditEventType.DEVICE_DENIED);
    }

    @Test
    void wrongUserCodesCountAgainstTheLoginLimitsAndARightOneDoesNot() {
        Start.Started started = (Start.Started) devices.start(cli, Optional.empty(), Optional.empty());

        for (int guess = 0; guess < 2; guess++) {
            assertThat(devices.find(alice.id(), "BCDF-GHJK", ADDRESS)).isInstanceOf(Lookup.NotFound.class);
            assertThat(devices.find(alice.id(), started.userCode().display(), ADDRESS))
                    .isInstanceOf(Lookup.Pending.class);
        }
        assertThat(devices.find(alice.id(), "not a code", ADDRESS)).isInstanceOf(Lookup.NotFound.class);
        assertThatThrownBy(() -> devices.find(alice.id(), started.userCode().display(), ADDRESS))
                .as("three wrong entries spend alice's allowance").isInstanceOf(TooManyLoginAttemptsException.class);
    }

    @Test
    void anotherClientsDeviceCodeAndAClientWithoutTheGrantGetNothing() {
        Start.Started started = (Start.Started) devices.start(cli, Optional.empty(), Optional.empty());
        OAuthClient other = ((RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientCommand(root, "other", ClientType.PUBLIC, Optional.empty(), Optional.empty())))
                .client();

        assertThat(grants.grant(new DeviceCodeGrant(started.deviceCode().reveal(), other)))
                .isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(devices.start(other, Optional.empty(), Optional.empty())).isEqualTo(new Start.Refused("unauthorized_client",
                "The client is not registered for the device_code grant."));
        assertThat(devices.start(cli, Optional.of("write"), Optional.empty())).isInstanceOfSatisfying(Start.Refused.class,
                refused -> assertThat(refused.error()).isEqualTo("invalid_scope"));
        assertThat(started.toString()).doesNotContain(started.deviceCode().reveal());
    }
}
