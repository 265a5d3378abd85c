package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase.IssueTokenCommand;
import dev.latchkey.application.port.in.IssueTokenUseCase.Outcome;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.AuditEventType;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssueTokenServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final IssueTokenUseCase issue = fixture.services.issueToken(ServiceFixture.POLICY);

    private Outcome issue(Caller caller, Optional<Lifetime> lifetime, Scopes scopes) {
        return issue.issue(new IssueTokenCommand(caller, TokenDescription.of("deploy bot"),
                scopes, lifetime));
    }

    @Test
    void issuedTokenIsStoredByHashAndItsSecretReturnedOnce() {
        Outcome.Issued issued = (Outcome.Issued) issue(alice, Optional.of(Lifetime.fromSeconds(3600)), Scopes.none());

        assertThat(fixture.tokens.loadBySecretHash(issued.credentialHash())).contains(issued.token());
        assertThat(issued.token().expiry()).isEqualTo(Expiry.at(ServiceFixture.START.plusSeconds(3600)));
        assertThat(issued.token().owner()).isEqualTo(alice.accountId());
        assertThat(fixture.events.recordedTypes()).containsExactly(AuditEventType.TOKEN_ISSUED);
    }

    @Test
    void withoutARequestedLifetimeThePolicyDefaultApplies() {
        Outcome.Issued issued = (Outcome.Issued) issue(alice, Optional.empty(), Scopes.none());

        assertThat(issued.token().expiry()).isEqualTo(Expiry.at(ServiceFixture.START.plus(Duration.ofDays(30))));
    }

    @Test
    void neverExpiringTokensAreIssuedWhenThePolicyAllowsThem() {
        Outcome.Issued issued = (Outcome.Issued) issue(alice, Optional.of(Lifetime.fromSeconds(-1)), Scopes.none());

        assertThat(issued.token().expiry()).isEqualTo(Expiry.never());
    }

    @Test
    void aLifetimeAboveThePolicyMaximumIsRefusedAndNothingIsStored() {
        Outcome outcome = issue(alice, Optional.of(Lifetime.of(Duration.ofDays(400))), Scopes.none());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.PolicyViolated.class, violated -> assertThat(
                violated.violation().rule()).isEqualTo(dev.latchkey.domain.TokenPolicy.Rule.MAXIMUM_LIFETIME));
        assertThat(fixture.tokens.size()).isZero();
        assertThat(fixture.events.recorded).isEmpty();
    }

    @Test
    void everyTokenGetsItsOwnIdAndSecret() {
        Outcome.Issued first = (Outcome.Issued) issue(alice, Optional.empty(), Scopes.none());
        Outcome.Issued second = (Outcome.Issued) issue(alice, Optional.empty(), Scopes.none());

        assertThat(first.token().id()).isNotEqualTo(second.token().id());
        assertThat(first.credentialHash()).isNotEqualTo(second.credentialHash());
    }

    @Test
    void aTokenMayIssueATokenWithinItsOwnScopesAndLife() {
        Outcome.Issued parent = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(7200)), Scopes.of("read", "write"));
        Caller viaToken = fixture.byToken(parent);

        Outcome child = issue(viaToken, Optional.of(Lifetime.fromSeconds(3600)), Scopes.of("read"));

        assertThat(child).isInstanceOf(Outcome.Issued.class);
    }

    @Test
    void aTokenCannotIssueATokenThatOutlivesIt() {
        Outcome.Issued parent = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(3600)), Scopes.none());
        Caller viaToken = fixture.byToken(parent);

        assertThat(issue(viaToken, Optional.of(Lifetime.never()), Scopes.none()))
                .isInstanceOf(Outcome.DelegationRefused.class);
    }

    @Test
    void aTokenCannotIssueScopesItLacks() {
        Outcome.Issued parent = fixture.issue(alice, Optional.empty(), Scopes.of("read"));
        Caller viaToken = fixture.byToken(parent);

        assertThat(issue(viaToken, Optional.empty(), Scopes.of("admin"))).isInstanceOf(Outcome.DelegationRefused.class);
    }

    @Test
    void theDefaultLifetimeShrinksToThePresentingTokensExpiry() {
        Outcome.Issued parent = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(600)), Scopes.none());
        Caller viaToken = fixture.byToken(parent);

        Outcome.Issued child = (Outcome.Issued) issue(viaToken, Optional.empty(), Scopes.none());

        assertThat(child.token().expiry()).isEqualTo(parent.token().expiry());
    }
}
