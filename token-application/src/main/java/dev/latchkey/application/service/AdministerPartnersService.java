package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerUpdate;
import java.time.Clock;
import java.util.Optional;

final class AdministerPartnersService implements AdministerPartnersUseCase {

    private final LoadPartnerPort partners;
    private final SavePartnerPort savePartners;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    AdministerPartnersService(LoadPartnerPort partners, SavePartnerPort savePartners, TransactionPort transactions,
                              RecordAuditEventPort audit, Clock clock) {
        this.partners = partners;
        this.savePartners = savePartners;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome create(CreatePartnerCommand command) {
        command.administrator().requireAdministrator();
        Partner partner = new Partner(command.id(), command.name(), command.agreementsSigned(), clock.instant());
        return transactions.inTransaction(() -> {
            if (savePartners.saveNew(partner) != SavePartnerPort.SaveOutcome.SAVED) {
                return new Outcome.IdTaken();
            }
            record(AuditEventType.PARTNER_CREATED, command.administrator(), partner);
            return new Outcome.Done(partner);
        });
    }

    @Override
    public Outcome update(UpdatePartnerCommand command) {
        command.administrator().requireAdministrator();
        Optional<Partner> found = partners.loadById(command.id());
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        PartnerUpdate update = PartnerUpdate.of(found.get());
        if (command.name().isPresent()) {
            update = update.then(partner -> partner.rename(command.name().get()));
        }
        if (command.agreementsSigned().isPresent()) {
            update = update.then(partner -> command.agreementsSigned().get() ? partner.signAgreements()
                    : partner.withdrawAgreements());
        }
        PartnerUpdate done = update;
        if (done.changed()) {
            transactions.inTransaction(() -> {
                savePartners.update(done.partner());
                record(AuditEventType.PARTNER_CHANGED, command.administrator(), done.partner());
                return null;
            });
        }
        return new Outcome.Done(done.partner());
    }

    @Override
    public Outcome list(Caller administrator) {
        administrator.requireAdministrator();
        return new Outcome.Listed(partners.loadAll());
    }

    private void record(AuditEventType type, Caller administrator, Partner partner) {
        audit.record(AuditEvent.of(clock.instant(), type, administrator.actor(), Optional.empty(),
                Optional.empty(), PartnerUpdate.of(partner).auditDetail()));
    }
}
