package dev.latchkey.adapter.persistence.partners;

import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("partner")
record PartnerRow(@Id Long id, String name, boolean agreementsSigned, Instant createdAt) {

    static PartnerRow fromDomain(Partner partner) {
        return new PartnerRow(partner.id().value(), partner.name(), partner.agreementsSigned(), partner.createdAt());
    }

    Partner toDomain() {
        return new Partner(PartnerId.of(id), name, agreementsSigned, createdAt);
    }
}
