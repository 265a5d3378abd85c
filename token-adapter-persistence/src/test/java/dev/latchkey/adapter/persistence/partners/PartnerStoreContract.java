package dev.latchkey.adapter.persistence.partners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partners and the profile fields accounts hold about them. Each subclass runs it against one real database,
 * migrated by the same Flyway scripts the service uses.
 */
abstract class PartnerStoreContract extends StoreContract {

    private PartnerPersistenceAdapter partners;

    @BeforeAll
    void adapters() {
        partners = context.getBean(PartnerPersistenceAdapter.class);
    }

    @Test
    void partnersAndAccountProfilesRoundTrip() {
        PartnerId partnerId = PartnerId.of(1 + Math.abs(RANDOM.nextLong() % 1_000_000_000L));
        Partner partner = new Partner(partnerId, "Acme", false, NOW);
        assertThat(partners.saveNew(partner)).isEqualTo(SavePartnerPort.SaveOutcome.SAVED);
        assertThat(partners.saveNew(partner)).isEqualTo(SavePartnerPort.SaveOutcome.ID_TAKEN);
        partners.update(partner.withAgreementsSigned(true));
        assertThat(partners.loadById(partnerId)).contains(partner.withAgreementsSigned(true));

        Account account = newAccount().withProfile(Optional.of(EmailAddress.of("ann@example.com")),
                Optional.of(Organization.of("Main Org.")), Optional.of(partnerId)).withEnabled(false);
        context.getBean(UpdateAccountPort.class).update(account);

        assertThat(context.getBean(LoadAccountPort.class).loadById(account.id())).contains(account);
    }
}
