package dev.latchkey.application.port.out;

import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import java.util.List;
import java.util.Optional;

public interface LoadPartnerPort {

    Optional<Partner> loadById(PartnerId id);

    /** Every partner, by id. */
    List<Partner> loadAll();
}
