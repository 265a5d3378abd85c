package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase.InspectTokenQuery;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase.ListTokensQuery;
import dev.latchkey.application.port.in.ListTokensUseCase.TokenListing;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadTokensServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final Caller bob = ServiceFixture.byPassword(fixture.account("bob", "bob-password"));

    @Test
    void inspectingShowsTheTokenWithItsCurrentStatus() {
        IssueTokenUseCase.Outcome.Issued issued =
                fixture.issue(alice, Optional.of(Lifetime.fromSeconds(10)), Scopes.none());
        fixture.clock.advance(Duration.ofSeconds(10));

        InspectTokenUseCase.Outcome outcome =
                fixture.services.inspectToken().inspect(new InspectTokenQuery(alice, issued.token().id()));

        assertThat(outcome).isInstanceOfSatisfying(InspectTokenUseCase.Outcome.Found.class,
                found -> assertThat(found.details().status()).isInstanceOf(TokenStatus.Expired.class));
    }

    @Test
    void inspectingAnotherAccountsTokenIsNotFound() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());

        assertThat(fixture.services.inspectToken().inspect(new InspectTokenQuery(bob, issued.token().id())))
                .isInstanceOf(InspectTokenUseCase.Outcome.NotFound.class);
    }

    @Test
    void listingShowsOnlyTheCallersTokensNewestFirstInPages() {
        for (int i = 0; i < 5; i++) {
            fixture.issue(alice, Optional.empty(), Scopes.none());
            fixture.clock.advance(Duration.ofSeconds(1));
        }
        fixture.issue(bob, Optional.empty(), Scopes.none());

        TokenListing firstPage = fixture.services.listTokens().list(new ListTokensQuery(alice, 0, 2));
        TokenListing lastPage = fixture.services.listTokens().list(new ListTokensQuery(alice, 2, 2));

        assertThat(firstPage.totalTokens()).isEqualTo(5);
        assertThat(firstPage.tokens()).hasSize(2);
        assertThat(firstPage.tokens().get(0).token().createdAt())
                .isAfter(firstPage.tokens().get(1).token().createdAt());
        assertThat(lastPage.tokens()).hasSize(1);
        assertThat(firstPage.tokens()).allSatisfy(details -> assertThat(details.token().owner()).isEqualTo(alice.accountId()));
    }

    @Test
    void pageBoundsAreValidatedByTheQueryItself() {
        assertThatThrownBy(() -> new ListTokensQuery(alice, -1, 10)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ListTokensQuery(alice, 0, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ListTokensQuery(alice, 0, 101)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aPresentedCredentialIsDescribedToItsOrganizationOnly() {
        dev.latchkey.domain.Account carol = fixture.account("carol", "carol-password").withProfile(Optional.empty(),
                Optional.of(dev.latchkey.domain.Organization.of("Main Org.")), Optional.empty());
        dev.latchkey.domain.Account dave = fixture.account("dave", "dave-password").withProfile(Optional.empty(),
                Optional.of(dev.latchkey.domain.Organization.of("Main Org.")), Optional.empty());
        fixture.accounts.update(carol);
        fixture.accounts.update(dave);
        String carolsToken = fixture.issue(ServiceFixture.byPassword(carol), Optional.empty(), Scopes.none())
                .credential();
        InspectTokenUseCase inspect = fixture.services.inspectToken();

        assertThat(inspect.inspectPresented(new InspectTokenUseCase.InspectPresentedQuery(
                ServiceFixture.byPassword(dave), carolsToken)))
                .isInstanceOfSatisfying(InspectTokenUseCase.PresentedOutcome.Found.class,
                        found -> assertThat(found.owner().username().value()).isEqualTo("carol"));
        assertThat(inspect.inspectPresented(new InspectTokenUseCase.InspectPresentedQuery(bob, carolsToken)))
                .as("another organization").isInstanceOf(InspectTokenUseCase.PresentedOutcome.NotFound.class);
        assertThat(inspect.inspectPresented(new InspectTokenUseCase.InspectPresentedQuery(ServiceFixture.byPassword(dave), "garbage")))
                .isInstanceOf(InspectTokenUseCase.PresentedOutcome.NotFound.class);
    }
}
