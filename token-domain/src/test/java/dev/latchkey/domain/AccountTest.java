package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");
    private static final PasswordHash NEW_HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA");
    private final Account alice = Account.create(new AccountId(UUID.randomUUID()), Username.of("alice"), HASH,
            Role.ADMIN, Instant.parse("2026-12-05T08:00:00Z"));

    @Test
    void disablingAndEnablingReportOnlyWhatChanged() {
        AccountUpdate disabled = alice.disable();
        assertThat(disabled.account().enabled()).isFalse();
        assertThat(disabled.changes()).containsExactly(new AccountChange.Disabled());
        assertThat(disabled.auditDetail()).isEqualTo("enabled=false");

        assertThat(disabled.account().disable().changed()).as("disabling a disabled account").isFalse();
        assertThat(alice.enable().changed()).as("enabling an enabled account").isFalse();
        assertThat(disabled.account().enable().changes()).containsExactly(new AccountChange.Enabled());
    }

    @Test
    void aPasswordResetIsAlwaysAChangeAndNeverShowsTheHash() {
        AccountUpdate reset = alice.resetPassword(NEW_HASH);

        assertThat(reset.account().passwordHash()).isEqualTo(NEW_HASH);
        assertThat(reset.has(AccountChange.PasswordReset.class)).isTrue();
        assertThat(reset.auditDetail()).isEqualTo("password=changed").doesNotContain("argon2");
    }

    @Test
    void aDemotionOrALeftPartnerWithdrawsScopesAndAPromotionDoesNot() {
        assertThat(alice.changeRole(Role.USER).withdrawsScopes()).isTrue();
        assertThat(alice.changeRole(Role.USER).account().changeRole(Role.ADMIN).withdrawsScopes()).isFalse();
        assertThat(alice.changeRole(Role.ADMIN).changed()).isFalse();
        AccountUpdate joined = alice.changeProfile(Optional.empty(), Optional.empty(), Optional.of(PartnerId.of(7)));
        assertThat(joined.withdrawsScopes()).isTrue();
        assertThat(joined.auditDetail()).isEqualTo("partner=7");
    }

    @Test
    void transitionsChainAndTheDetailListsEachChangeInOrder() {
        AccountUpdate update = AccountUpdate.of(alice)
                .then(account -> account.changeRole(Role.USER))
                .then(Account::disable)
                .then(account -> account.changeProfile(Optional.of(EmailAddress.of("a@example.com")),
                        Optional.of(new Organization("Main Org.")), Optional.empty()))
                .then(account -> account.changeProfile(Optional.empty(), Optional.of(new Organization("Main Org.")),
                        Optional.empty()));

        assertThat(update.account().role()).isEqualTo(Role.USER);
        assertThat(update.account().enabled()).isFalse();
        assertThat(update.account().email()).isEmpty();
        assertThat(update.auditDetail()).isEqualTo(
                "role=USER enabled=false email=a@example.com organization=Main Org. email=cleared");
    }

    @Test
    void aPartnersAgreementsAreSignedAndWithdrawnAsChangesOnlyWhenTheyChange() {
        Partner acme = new Partner(PartnerId.of(7), "Acme", false, Instant.parse("2026-12-05T08:00:00Z"));

        PartnerUpdate signed = acme.signAgreements().then(partner -> partner.rename("Acme Media"));
        assertThat(signed.changes()).containsExactly(PartnerUpdate.Change.AGREEMENTS_SIGNED,
                PartnerUpdate.Change.RENAMED);
        assertThat(signed.auditDetail()).isEqualTo("partner=7 name=Acme Media agreementsSigned=true");
        assertThat(signed.partner().signAgreements().changed()).isFalse();
        assertThat(acme.withdrawAgreements().changed()).isFalse();
        assertThat(signed.partner().withdrawAgreements().changes())
                .containsExactly(PartnerUpdate.Change.AGREEMENTS_WITHDRAWN);
        assertThat(acme.rename("Acme").changed()).isFalse();
    }
}
