package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.in.LeakedTokensUseCase.Finding;
import dev.latchkey.application.port.in.LeakedTokensUseCase.PublicReport;
import dev.latchkey.application.port.in.LeakedTokensUseCase.Report;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Leaked secrets: a scanner's report, anyone's report, and an administrator's question of what a secret is. */
class LeakedTokensTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofHours(1)),
            Lifetime.of(Duration.ofDays(30)), Duration.ZERO, GrantPolicy.AccessTokenFormat.OPAQUE);

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final LeakedTokensUseCase leaks = fixture.services.leakedTokens();

    private static Report found(String secret) {
        return new Report(secret, "latchkey_token", "https://github.com/acme/app/blob/main/.env", "content");
    }

    private TokenStatus statusOf(Token token) {
        return fixture.tokens.loadById(token.id()).orElseThrow().statusAt(fixture.clock.instant());
    }

    private List<AuditEvent> leakEvents() {
        return fixture.events.recorded.stream().filter(event -> event.type() == AuditEventType.TOKEN_LEAKED)
                .toList();
    }

    @Test
    void aLiveTokenAScannerFoundIsRevokedAsLeakedAndTheTrailSaysWhereNeverWhat() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.of("read"));

        List<Finding> findings = leaks.report(List.of(found(issued.credential())));

        assertThat(findings).containsExactly(new Finding(SecretHash.of(issued.credential()).toHex(),
                "latchkey_token", true));
        assertThat(statusOf(issued.token())).isInstanceOfSatisfying(TokenStatus.Revoked.class, revoked ->
                assertThat(revoked.revocation().reason()).isEqualTo(RevocationReason.LEAKED));
        assertThat(leakEvents()).singleElement().satisfies(event -> {
            assertThat(event.token()).contains(issued.token().id());
            assertThat(event.account()).contains(alice.accountId());
            assertThat(event.detail()).isEqualTo("source=content type=latchkey_token "
                    + "url=https://github.com/acme/app/blob/main/.env");
        });
        assertThat(fixture.events.all()).allSatisfy(event ->
                assertThat(event.detail()).doesNotContain(issued.credential()));
    }

    @Test
    void aLeakedRefreshTokenTakesItsWholeGrantWithIt() {
        GrantTokensUseCase.Outcome.Granted granted = (GrantTokensUseCase.Outcome.Granted) fixture.services
                .grantTokens(POLICY).grant(new GrantTokensUseCase.PasswordGrant("alice", "alice-password",
                        ServiceFixture.ADDRESS, Optional.empty(), Optional.empty()));

        leaks.report(List.of(found(granted.refresh().orElseThrow().credential())));

        assertThat(statusOf(granted.access().token())).isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void aTokenRevokedAlreadyIsATruePositiveAndAReportMadeTwiceChangesNothing() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());
        leaks.report(List.of(found(issued.credential())));
        int events = fixture.events.recorded.size();

        assertThat(leaks.report(List.of(found(issued.credential())))).extracting(Finding::token).containsExactly(true);

        assertThat(fixture.events.recorded).as("nothing new happened").hasSize(events);
        assertThat(leakEvents()).hasSize(1);
    }

    @Test
    void whatIsNoTokenIsAFalsePositiveAndEachMatchIsAnsweredInOrder() {
        String unknown = TokenSecret.fromRandomBytes(new byte[32]).reveal();
        String badChecksum = unknown.substring(0, unknown.length() - 1)
                + (unknown.endsWith("A") ? "B" : "A");
        String live = fixture.issue(alice, Optional.empty(), Scopes.none()).credential();

        List<Finding> findings = leaks.report(List.of(found(unknown), found(badChecksum), found("garbage"),
                found(""), found(live)));

        assertThat(findings).extracting(Finding::token).containsExactly(false, false, false, false, true);
        assertThat(findings.get(2).secretSha256()).isEqualTo(SecretHash.of("garbage").toHex());
        assertThat(leakEvents()).hasSize(1);
    }

    @Test
    void whereAScannerFoundItIsShownAsOneFieldAndNothingElse() {
        String live = fixture.issue(alice, Optional.empty(), Scopes.none()).credential();

        leaks.report(List.of(new Report(live, "a type", "https://x.example/a b\nforged=1", "")));

        assertThat(leakEvents()).singleElement().extracting(AuditEvent::detail).isEqualTo(
                "source=none type=a\\u0020type url=https://x.example/a\\u0020b\\u000aforged=1");
    }

    @Test
    void anyoneMayReportSecretsAndIsToldNothingUntilTheirAddressHasReportedTooOften() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());

        assertThat(leaks.reportPublicly(List.of(issued.credential(), "garbage"), "192.0.2.7"))
                .isEqualTo(new PublicReport.Received());
        assertThat(statusOf(issued.token())).isInstanceOf(TokenStatus.Revoked.class);
        assertThat(leakEvents()).singleElement().extracting(AuditEvent::detail).isEqualTo(
                "source=public\\u0020report type=credential url=none");
        assertThat(leaks.reportPublicly(List.of("garbage"), "192.0.2.7")).isEqualTo(new PublicReport.Received());
        assertThat(leaks.reportPublicly(List.of(), "192.0.2.7")).isEqualTo(new PublicReport.Received());

        IssueTokenUseCase.Outcome.Issued later = fixture.issue(alice, Optional.empty(), Scopes.none());
        assertThat(leaks.reportPublicly(List.of(later.credential()), "192.0.2.7"))
                .isEqualTo(new PublicReport.Limited(Duration.ofHours(1)));
        assertThat(statusOf(later.token())).as("a limited report changes nothing").isInstanceOf(TokenStatus.Active.class);
        assertThat(leaks.reportPublicly(List.of(later.credential()), "198.51.100.1"))
                .isEqualTo(new PublicReport.Received());
    }

    @Test
    void anAdministratorLearnsWhichTokenASecretIsAndTheTrailKeepsOnlyItsFingerprint() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.of("read"));
        leaks.report(List.of(found(issued.credential())));

        assertThatThrownBy(() -> leaks.identify(alice, issued.credential()))
                .isInstanceOf(NotAnAdministratorException.class);
        LeakedTokensUseCase.Identified identified = leaks.identify(root, issued.credential()).orElseThrow();

        assertThat(identified.owner().username().value()).isEqualTo("alice");
        assertThat(identified.details().token().id()).isEqualTo(issued.token().id());
        assertThat(identified.details().status()).isInstanceOfSatisfying(TokenStatus.Revoked.class, revoked ->
                assertThat(revoked.revocation().reason()).isEqualTo(RevocationReason.LEAKED));
        assertThat(leaks.identify(root, "garbage")).isEmpty();
        assertThat(fixture.events.recorded.stream().filter(event -> event.type() == AuditEventType.TOKEN_IDENTIFIED)
                .map(AuditEvent::detail).toList()).containsExactly(
                "fingerprint=" + SecretHash.of(issued.credential()).toHex().substring(0, 12) + " found=true",
                "fingerprint=" + SecretHash.of("garbage").toHex().substring(0, 12) + " found=false");
    }

    @Test
    void theOwnerIsToldWhereTheirTokenWasFoundUntilTheyDismissIt() {
        IssueTokenUseCase.Outcome.Issued first = fixture.issue(alice, Optional.empty(), Scopes.none());
        IssueTokenUseCase.Outcome.Issued second = fixture.issue(alice, Optional.empty(), Scopes.none());
        IssueTokenUseCase.Outcome.Issued kept = fixture.issue(alice, Optional.empty(), Scopes.none());
        leaks.report(List.of(found(first.credential())));
        fixture.clock.advance(Duration.ofMinutes(1));
        leaks.reportPublicly(List.of(second.credential()), "192.0.2.7");
        leaks.report(List.of(found(first.credential())));

        LeakedTokensUseCase.LeakNotices notices = leaks.noticesFor(alice,
                List.of(first.token().id(), kept.token().id()));

        assertThat(notices.undismissed()).extracting(leaked -> leaked.notice().token(),
                        leaked -> leaked.notice().source(), LeakedTokensUseCase.LeakedToken::description)
                .as("newest first, one per token however often it is reported")
                .containsExactly(tuple(second.token().id(), "public report", second.token().description()),
                        tuple(first.token().id(), "content", first.token().description()));
        assertThat(notices.ofTokens()).containsOnlyKeys(first.token().id());
        assertThat(notices.ofTokens().get(first.token().id()).location())
                .isEqualTo("https://github.com/acme/app/blob/main/.env");
        assertThat(leaks.noticesFor(root, List.of(first.token().id())))
                .as("another account hears nothing of alice's tokens")
                .isEqualTo(new LeakedTokensUseCase.LeakNotices(List.of(), java.util.Map.of()));

        assertThat(leaks.dismissNotices(alice)).isEqualTo(2);

        LeakedTokensUseCase.LeakNotices afterwards = leaks.noticesFor(alice, List.of(first.token().id()));
        assertThat(afterwards.undismissed()).isEmpty();
        assertThat(afterwards.ofTokens().get(first.token().id()).dismissed())
                .as("the token's row still says why it was revoked").isTrue();
        assertThat(leaks.dismissNotices(alice)).isZero();
    }

    @Test
    void aReportOfMoreThanAThousandSecretsIsRefusedWhole() {
        assertThatThrownBy(() -> leaks.report(java.util.Collections.nCopies(1_001, found("garbage"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
