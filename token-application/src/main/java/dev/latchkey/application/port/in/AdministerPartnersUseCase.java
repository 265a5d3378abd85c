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

    record CreatePartnerCommand(Caller administrator, PartnerId id, String name, boolean agreementsSigned) {
        public CreatePartnerCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    record UpdatePartnerCommand(Caller administrator, PartnerId id, Optional<String> name,
                                Optional<Boolean> agreementsSigned) {
        public UpdatePartnerCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(agreementsSigned, "agreementsSigned");
        }
    }

    sealed interface Outcome {
        record Done(Partner partner) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        record IdTaken() implements Outcome {
        }

        record NotAllowed() implements Outcome {
        }

        record Listed(java.util.List<Partner> partners) implements Outcome {
            public Listed {
                partners = java.util.List.copyOf(partners);
            }
        }
    }
}
