package dev.latchkey.adapter.cli;

import dev.latchkey.wire.FileFailures;
import dev.latchkey.wire.PolicyDocument;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.TokenPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Show, set, remove and simulate issuance policies.",
        subcommands = {PoliciesCommand.ListPolicies.class, PoliciesCommand.Set.class, PoliciesCommand.Remove.class,
                PoliciesCommand.Simulate.class})
final class PoliciesCommand {

    static final List<String> HEADER = List.of("SCOPE", "DEFAULT LIFETIME", "MAXIMUM LIFETIME",
            "NEVER-EXPIRING ROLES", "MAXIMUM ACTIVE TOKENS", "ALLOWED SCOPES");

    /** Which policy a command is about: {@code --organization NAME}, or the default without it. */
    static Scope scope(String organization) {
        return organization == null ? new Scope.Default() : new Scope.OfOrganization(Organization.of(organization));
    }

    static TokenPolicy read(Path file) {
        try {
            return PolicyDocument.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw StoreCommand.refused("cannot read " + file + ": " + FileFailures.reason(unreadable));
        }
    }

    static List<String> row(String scope, TokenPolicy policy) {
        return List.of(scope, seconds(policy.defaultLifetime().toSeconds()), policy.maximumLifetime().getSeconds() + "s",
                policy.neverExpiringRoles().isEmpty() ? "none" : policy.neverExpiringRoles().stream()
                        .map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(",")),
                policy.maximumActiveTokens().map(String::valueOf).orElse("any"),
                policy.allowedScopes().map(scopes -> scopes.values().isEmpty() ? "none"
                        : String.join(",", scopes.values())).orElse("any"));
    }

    private static String seconds(long seconds) {
        return seconds < 0 ? "never" : seconds + "s";
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The default (stored, or configured) and every organization's policy.")
    static final class ListPolicies extends StoreCommand implements Runnable {
        @Override
        public void run() {
            ManagePoliciesUseCase.PolicyOverview listed = useCases().policies().list(operator());
            List<List<String>> rows = new ArrayList<>();
            TokenPolicy storedDefault = listed.stored().get(new Scope.Default());
            rows.add(row(storedDefault == null ? "default (configured)" : "default",
                    storedDefault == null ? listed.configuredDefault() : storedDefault));
            for (Map.Entry<Scope, TokenPolicy> entry : listed.stored().entrySet()) {
                if (entry.getKey() instanceof Scope.OfOrganization organization) {
                    rows.add(row("organization:" + organization.organization().name(), entry.getValue()));
                }
            }
            table(HEADER, rows);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a policy from a JSON file, as the API takes it (see docs/api.md).")
    static final class Set extends StoreCommand implements Runnable {
        @Option(names = "--organization", description = "the organization's policy; without it, the default")
        String organization;
        @Option(names = "--file", required = true)
        Path file;

        @Override
        public void run() {
            TokenPolicy policy = read(file);
            useCases().policies().set(operator(), scope(organization), policy);
            table(HEADER, List.of(row(organization == null ? "default" : "organization:" + organization, policy)));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a policy: its accounts fall back to the default.")
    static final class Remove extends StoreCommand implements Runnable {
        @Option(names = "--organization", description = "the organization's policy; without it, the default")
        String organization;

        @Override
        public void run() {
            if (!useCases().policies().remove(operator(), scope(organization))) {
                throw refused("no policy is set for this scope");
            }
            out().println("removed");
            out().flush();
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "List the active tokens a proposed policy would break; nothing is enforced.")
    static final class Simulate extends StoreCommand implements Runnable {
        @Option(names = "--organization", description = "simulate it for this organization; without it, as default")
        String organization;
        @Option(names = "--file", required = true)
        Path file;

        @Override
        public void run() {
            ManagePoliciesUseCase.Simulation simulated = useCases().policies().simulate(operator(),
                    scope(organization), read(file));
            table(List.of("TOKEN", "ACCOUNT", "USERNAME", "RULE", "DETAIL"), simulated.breaches().stream()
                    .map(breach -> List.of(breach.token().toString(), breach.account().toString(),
                            breach.username().value(), breach.rule().wireName(), breach.detail())).toList());
            spec.commandLine().getErr().println(simulated.breachCount() + " of " + simulated.tokensChecked()
                    + " active tokens would break the policy");
            spec.commandLine().getErr().flush();
        }
    }
}
