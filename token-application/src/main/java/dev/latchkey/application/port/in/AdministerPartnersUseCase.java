package dev.latchkey.application.port.in;

import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import java.util.Objects;
import java.util.Optional;

/** Creates and changes partners, whose signed agreements gate partner-scoped tokens; administrators only. */
public interface AdministerPartnersUseCase {

    Outcome create(CreatePartnerCommand command);

    Outcome update(UpdatePartnerCommand command);

    /** Every partner, by id. */
    Outcome list(Caller administrator);

    /** Registers a partner under the id its tokens will name, with its agreements signed or not. */
    record CreatePartnerCommand(Caller administrator, PartnerId id, String name, boolean agreementsSigned) {
        public CreatePartnerCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Renames a partner or signs or unsigns its agreements; an absent field stays as it is. */
    record UpdatePartnerCommand(Caller administrator, PartnerId id, Optional<String> name,
                                Optional<Boolean> agreementsSigned) {
        public UpdatePartnerCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(agreementsSigned, "agreementsSigned");
        }
    }

    /** What an administration of partners came to. */
    sealed interface Outcome {
        /** The partner, as stored now. */
        record Done(Partner partner) implements Outcome {
        }

        /** No partner has that id. */
        record NotFound() implements Outcome {
        }

        /** Another partner already has that id. */
        record IdTaken() implements Outcome {
        }


        /** Every partner, by id. */
        record Listed(java.util.List<Partner> partners) implements Outcome {
            public Listed {
                partners = java.util.List.copyOf(partners);
            }
        }
    }
}
