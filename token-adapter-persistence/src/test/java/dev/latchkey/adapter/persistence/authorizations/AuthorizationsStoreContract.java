package dev.latchkey.adapter.persistence.authorizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.AuthorizationRequest;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.CodeChallenge;
import dev.latchkey.domain.Consent;
import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Prompt;
import dev.latchkey.domain.PushedAuthorizationRequest;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authorizations on their way (codes, device requests, pushed requests) and the consents people gave: each round
 * trip, and each write that spends one made once when two arrive together. Each subclass runs it against one real
 * database, migrated by the same Flyway scripts the service uses.
 */
abstract class AuthorizationsStoreContract extends StoreContract {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private AuthorizationsInFlightAdapter inFlight;
    private ConsentPort consents;

    @BeforeAll
    void adapters() {
        inFlight = context.getBean(AuthorizationsInFlightAdapter.class);
        consents = context.getBean(ConsentPort.class);
    }

    private OAuthClient newClient(ClientType type) {
        OAuthClient client = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "app",
                type, type == ClientType.PUBLIC ? Optional.empty()
                        : Optional.of(ClientSecret.fromRandomBytes(random(32)).hash()), Optional.empty(),
                EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.DEVICE_CODE), Optional.empty(),
                new SignInSettings(List.of(RedirectUri.parse("http://127.0.0.1/cb"),
                        RedirectUri.parse("com.example.app:/cb")), true, true), KeySettings.none(), true, NOW);
        assertThat(context.getBean(SaveClientPort.class).saveNew(client)).isEqualTo(SaveClientPort.SaveOutcome.SAVED);
        return client;
    }

    private static final KeyThumbprint KEY = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");

    private AuthorizationRequest request(OAuthClient client) {
        return new AuthorizationRequest(client.id(), "http://127.0.0.1:4711/cb", true, Scopes.of("read", "write"),
                Optional.of("xyz"), CodeChallenge.answeredBy(VERIFIER), Set.of(Prompt.LOGIN, Prompt.CONSENT));
    }

    @Test
    void aClientsSignInSettingsRoundTrip() {
        OAuthClient client = newClient(ClientType.PUBLIC);

        assertThat(context.getBean(dev.latchkey.application.port.out.LoadClientPort.class).loadById(client.id()))
                .contains(client);
    }

    @Test
    void aCodeRoundTripsAndIsRedeemedOnceWhenTwoRedeemItTogether() throws Exception {
        Account owner = newAccount();
        AuthorizationCodeGrant code = AuthorizationCodeGrant.issue(SecretHash.of("code " + owner.id()),
                request(newClient(ClientType.PUBLIC)), owner.id(), GrantId.fromRandomBytes(random(16)), NOW);
        inFlight.save(code);

        assertThat(inFlight.findByHash(code.codeHash())).contains(code);
        ExecutorService redeemers = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = redeemers.submit(() -> inFlight.markRedeemed(code.codeHash(), NOW.plusSeconds(1)));
            Future<Boolean> second = redeemers.submit(() -> inFlight.markRedeemed(code.codeHash(), NOW.plusSeconds(1)));
            assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
        } finally {
            redeemers.shutdownNow();
        }
        assertThat(inFlight.findByHash(code.codeHash()).orElseThrow().redeemedAt()).contains(NOW.plusSeconds(1));
        assertThat(inFlight.findByHash(SecretHash.of("no such code"))).isEmpty();
    }

    @Test
    void aDeviceRequestIsFoundByEitherCodeAndReplacedOnlyOverWhatWasRead() {
        Account person = newAccount();
        DeviceAuthorization started = DeviceAuthorization.start(SecretHash.of("device " + person.id()),
                SecretHash.of("user " + person.id()), newClient(ClientType.PUBLIC).id(), Scopes.of("read"),
                GrantId.fromRandomBytes(random(16)), Optional.of(KEY), NOW);
        assertThat(inFlight.saveNew(started)).isTrue();
        assertThat(inFlight.saveNew(DeviceAuthorization.start(SecretHash.of("other " + person.id()),
                started.userCodeHash(), started.client(), Scopes.none(), GrantId.fromRandomBytes(random(16)),
                Optional.empty(), NOW)))
                .as("a user code in use is not given twice").isFalse();

        DeviceAuthorization polled = ((DeviceAuthorization.Poll.Pending) started.poll(NOW.plusSeconds(1))).polled();
        assertThat(inFlight.replace(started, polled)).isTrue();
        assertThat(inFlight.replace(started, polled)).as("read before the poll").isFalse();
        DeviceAuthorization approved = polled.approve(person.id(), NOW.plusSeconds(2)).orElseThrow();
        assertThat(inFlight.replace(polled, approved)).isTrue();
        DeviceAuthorization slowed = ((DeviceAuthorization.Poll.SlowDown) approved.poll(NOW.plusSeconds(3)))
                .polled();
        assertThat(inFlight.replace(approved, slowed)).isTrue();

        assertThat(inFlight.findByDeviceCode(started.deviceCodeHash())).contains(slowed);
        assertThat(inFlight.findByUserCode(started.userCodeHash())).contains(slowed);
        assertThat(slowed.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(slowed.dpopKey()).as("the key it is bound to, through every replacement").contains(KEY);
    }

    @Test
    void aCodeAndAPushedRequestKeepTheKeyTheyAreBoundTo() {
        Account owner = newAccount();
        OAuthClient client = newClient(ClientType.PUBLIC);
        AuthorizationRequest original = request(client);
        AuthorizationRequest bound = new AuthorizationRequest(client.id(), original.redirectUri(), true,
                original.scopes(), original.state(), original.challenge(), original.prompts(), Optional.of(KEY));
        AuthorizationCodeGrant code = AuthorizationCodeGrant.issue(SecretHash.of("bound " + owner.id()), bound,
                owner.id(), GrantId.fromRandomBytes(random(16)), NOW);
        inFlight.save(code);
        String uri = PushedAuthorizationRequest.newRequestUri(random(32));
        PushedAuthorizationRequest pushed = PushedAuthorizationRequest.push(uri, bound, NOW);
        inFlight.save(pushed);

        assertThat(inFlight.findByHash(code.codeHash()).orElseThrow().dpopKey()).contains(KEY);
        assertThat(inFlight.find(SecretHash.of(uri)).orElseThrow().request()).isEqualTo(bound);
    }

    @Test
    void aPushedRequestRoundTripsAndCompletesOnce() {
        String uri = PushedAuthorizationRequest.newRequestUri(random(32));
        PushedAuthorizationRequest pushed = PushedAuthorizationRequest.push(uri, request(newClient(
                ClientType.CONFIDENTIAL)), NOW);
        inFlight.save(pushed);

        assertThat(inFlight.find(SecretHash.of(uri))).contains(pushed);
        assertThat(inFlight.complete(SecretHash.of(uri), NOW.plusSeconds(5))).isTrue();
        assertThat(inFlight.complete(SecretHash.of(uri), NOW.plusSeconds(6))).isFalse();
        assertThat(inFlight.find(SecretHash.of(uri)).orElseThrow().completedAt()).contains(NOW.plusSeconds(5));
    }

    @Test
    void aConsentIsOnePerAccountAndClientReplacedWhenWidenedAndWithdrawn() {
        Account person = newAccount();
        OAuthClient first = newClient(ClientType.PUBLIC);
        OAuthClient second = newClient(ClientType.CONFIDENTIAL);
        Consent read = new Consent(person.id(), first.id(), Scopes.of("read"), NOW);

        consents.save(read);
        consents.save(read.widenedTo(Scopes.of("write"), NOW.plusSeconds(1)));
        consents.save(new Consent(person.id(), second.id(), Scopes.none(), NOW));

        assertThat(consents.find(person.id(), first.id()).orElseThrow().scopes()).isEqualTo(Scopes.of("read", "write"));
        assertThat(consents.listFor(person.id())).hasSize(2);
        assertThat(consents.withdraw(person.id(), first.id())).isTrue();
        assertThat(consents.withdraw(person.id(), first.id())).isFalse();
        assertThat(consents.find(person.id(), first.id())).isEmpty();
        assertThat(consents.listFor(person.id())).extracting(Consent::client).containsExactly(second.id());
    }

    @Test
    void twoFirstConsentsForOneAccountAtOnceLeaveOneRowAndNoError() throws Exception {
        Account person = newAccount();
        OAuthClient client = newClient(ClientType.PUBLIC);
        ExecutorService answers = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = answers.submit(() -> consents.save(new Consent(person.id(), client.id(),
                    Scopes.of("read"), NOW)));
            Future<?> second = answers.submit(() -> consents.save(new Consent(person.id(), client.id(),
                    Scopes.of("write"), NOW)));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            answers.shutdownNow();
        }
        assertThat(consents.listFor(person.id())).hasSize(1);
    }
}
