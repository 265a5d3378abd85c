package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "partners", mixinStandardHelpOptions = true, description = "Create, list and sign partners.",
        subcommands = {PartnersCommand.Create.class, PartnersCommand.ListPartners.class, PartnersCommand.Sign.class})
final class PartnersCommand {

    static final List<String> HEADER = List.of("ID", "NAME", "AGREEMENTS SIGNED", "CREATED");

    static List<String> row(Partner partner) {
        return List.of(String.valueOf(partner.id().value()), partner.name(), String.valueOf(partner.agreementsSigned()),
                partner.createdAt().toString());
    }

    static Partner done(AdministerPartnersUseCase.Outcome outcome) {
        if (outcome instanceof AdministerPartnersUseCase.Outcome.Done done) {
            return done.partner();
        }
        if (outcome instanceof AdministerPartnersUseCase.Outcome.IdTaken) {
            throw StoreCommand.refused("another partner has this id");
        }
        throw StoreCommand.refused("no partner has this id");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a partner.")
    static final class Create extends StoreCommand implements Runnable {
        @Option(names = "--id", required = true)
        long id;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--agreements-signed")
        boolean agreementsSigned;

        @Override
        public void run() {
            table(HEADER, List.of(row(done(useCases().partners().create(
                    new AdministerPartnersUseCase.CreatePartnerCommand(operator(), PartnerId.of(id), name,
                            agreementsSigned))))));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List partners, by id.")
    static final class ListPartners extends StoreCommand implements Runnable {
        @Override
        public void run() {
            AdministerPartnersUseCase.Outcome.Listed listed = (AdministerPartnersUseCase.Outcome.Listed)
                    useCases().partners().list(operator());
            table(HEADER, listed.partners().stream().map(PartnersCommand::row).toList());
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Record that a partner signed its agreements: its accounts may use their tokens.")
    static final class Sign extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "PARTNER_ID")
        long id;

        @Override
        public void run() {
            table(HEADER, List.of(row(done(useCases().partners().update(
                    new AdministerPartnersUseCase.UpdatePartnerCommand(operator(), PartnerId.of(id), Optional.empty(),
                            Optional.of(true)))))));
        }
    }
}
