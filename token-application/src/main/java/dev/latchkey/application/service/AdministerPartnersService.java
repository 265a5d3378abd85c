package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.Role;
import java.time.Clock;
import java.util.Optional;

final class AdministerPartnersService implements AdministerPartnersUseCase {

    private final LoadPartnerPort partners;
    private final SavePartnerPort savePartners;
    private final Clock clock;

    AdministerPartnersService(LoadPartnerPort partners, SavePartnerPort savePartners, Clock clock) {
        this.partners = partners;
        this.savePartners = savePartners;
        this.clock = clock;
    }

    @Override
    public Outcome create(CreatePartnerCommand command) {
        if (command.administrator().role() != Role.ADMIN) {
            return new Outcome.NotAllowed();
        }
        Partner partner = new Partner(command.id(), command.name(), command.agreementsSigned(), clock.instant());
        return savePartners.saveNew(partner) == SavePartnerPort.SaveOutcome.SAVED
                ? new Outcome.Done(partner) : new Outcome.IdTaken();
    }

    @Override
    public Outcome update(UpdatePartnerCommand command) {
        if (command.administrator().role() != Role.ADMIN) {
            return new Outcome.NotAllowed();
        }
        Optional<Partner> found = partners.loadById(command.id());
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        Partner partner = found.get();
        partner = partner.withName(command.name().orElse(partner.name()))
                .withAgreementsSigned(command.agreementsSigned().orElse(partner.agreementsSigned()));
        savePartners.update(partner);
        return new Outcome.Done(partner);
    }
}
