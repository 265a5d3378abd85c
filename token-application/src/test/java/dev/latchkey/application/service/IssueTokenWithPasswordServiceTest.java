package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase.Outcome;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase.PasswordIssueCommand;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.TokenDescription;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssueTokenWithPasswordServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final IssueTokenWithPasswordUseCase issue = LatchkeyServices.issueTokenWithPassword(
            fixture.services.authenticate(), fixture.services.issueToken(ServiceFixture.POLICY));

    IssueTokenWithPasswordServiceTest() {
        fixture.account("alice", "alice-password");
    }

    @Test
    void aRightPasswordGetsATokenAndSaysWhoSignedIn() {
        Outcome outcome = issue.issue(command("alice-password", Lifetime.of(Duration.ofDays(14))));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Issued.class, issued -> {
            assertThat(issued.caller().username().value()).isEqualTo("alice");
            assertThat(issued.token().isOwnedBy(issued.caller().accountId())).isTrue();
        });
    }

    @Test
    void aWrongPasswordGetsNothing() {
        assertThat(issue.issue(command("wrong-password", Lifetime.of(Duration.ofDays(14)))))
                .isInstanceOf(Outcome.BadCredentials.class);
        assertThat(fixture.tokens.size()).isZero();
    }

    @Test
    void thePlatformsLifetimeIsFittedToThePolicyNotRefused() {
        // Nobody asks the Sample Token API for a lifetime: its own is cut to the policy's maximum (ADR 15).
        Outcome.Issued issued = (Outcome.Issued) issue.issue(command("alice-password", Lifetime.of(Duration.ofDays(400))));

        assertThat(issued.token().lifetime()).isEqualTo(Lifetime.of(ServiceFixture.POLICY.maximumLifetime()));
    }

    @Test
    void aNewTokenSupersedesTheLastWithItsDescription() {
        Outcome.Issued first = (Outcome.Issued) issue.issue(command("alice-password", Lifetime.of(Duration.ofDays(1))));
        issue.issue(command("alice-password", Lifetime.of(Duration.ofDays(1))));

        assertThat(fixture.tokens.loadById(first.token().id()).orElseThrow().revocation()).isPresent();
        assertThat(command("secret", Lifetime.never()).toString()).doesNotContain("secret");
    }

    private static PasswordIssueCommand command(String password, Lifetime lifetime) {
        return new PasswordIssueCommand("alice", password, ServiceFixture.ADDRESS, TokenDescription.of("sample"),
                lifetime, true);
    }
}
