package dev.latchkey.application.port.out;

import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import java.util.List;
import java.util.Optional;

/** Reads partners, the organizations whose signed agreements partner-scoped tokens depend on. */
public interface LoadPartnerPort {

    Optional<Partner> loadById(PartnerId id);

    /** Every partner, by id. */
    List<Partner> loadAll();
}
