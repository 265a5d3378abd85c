package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryPartnerStore implements LoadPartnerPort, SavePartnerPort {

    private final Map<PartnerId, Partner> partners = new ConcurrentHashMap<>();

    @Override
    public java.util.List<Partner> loadAll() {
        return partners.values().stream().sorted(java.util.Comparator.comparingLong(partner -> partner.id().value()))
                .toList();
    }

    @Override
    public Optional<Partner> loadById(PartnerId id) {
        return Optional.ofNullable(partners.get(id));
    }

    @Override
    public SaveOutcome saveNew(Partner partner) {
        return partners.putIfAbsent(partner.id(), partner) == null ? SaveOutcome.SAVED : SaveOutcome.ID_TAKEN;
    }

    @Override
    public void update(Partner partner) {
        partners.put(partner.id(), partner);
    }
}
