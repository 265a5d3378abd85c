package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadAuditTrailServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Account root = fixture.account("root", "root password", Role.ADMIN);
    private final Account alice = fixture.account("alice", "alice password");

    private ReadAuditTrailUseCase.AuditQuery everything(Account caller) {
        return new ReadAuditTrailUseCase.AuditQuery(ServiceFixture.byPassword(caller), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 50);
    }

    @Test
    void aPageNamesTheAccountsThatActedInItAndShowsOtherActorsAsRecorded() {
        fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(), Scopes.none());
        fixture.events.record(AuditEvent.of(ServiceFixture.START, AuditEventType.TOKEN_REVOKED, Actor.system(),
                Optional.of(alice.id()), Optional.empty(), ""));

        ReadAuditTrailUseCase.Page page = (ReadAuditTrailUseCase.Page)
                fixture.services.readAuditTrail().read(everything(root));

        assertThat(page.usernames()).containsEntry(alice.id(), alice.username()).doesNotContainKey(root.id());
        assertThat(page.events()).extracting(page::actorShown).contains("alice", "system:latchkey");
    }

    @Test
    void anAccountThatNoLongerExistsIsShownByItsId() {
        fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(), Scopes.none());
        fixture.accounts.delete(alice.id());

        ReadAuditTrailUseCase.Page page = (ReadAuditTrailUseCase.Page)
                fixture.services.readAuditTrail().read(everything(root));

        assertThat(page.events()).extracting(page::actorShown).contains("account:" + alice.id());
    }

    @Test
    void someoneElseSeesOnlyTheirOwnAccountsEvents() {
        fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(), Scopes.none());
        fixture.issue(ServiceFixture.byPassword(root), Optional.empty(), Scopes.none());

        ReadAuditTrailUseCase.Page page = (ReadAuditTrailUseCase.Page)
                fixture.services.readAuditTrail().read(everything(alice));

        assertThat(page.events()).allSatisfy(event -> assertThat(event.account()).contains(alice.id()));
        assertThatThrownBy(() -> fixture.services.readAuditTrail().read(new ReadAuditTrailUseCase.AuditQuery(
                ServiceFixture.byPassword(alice), Optional.of(root.id()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 50))).isInstanceOf(NotAnAdministratorException.class);
    }
}
