package dev.latchkey.adapter.cli;

import dev.latchkey.wire.QueryParameters;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase.AdministratorListing;
import dev.latchkey.application.port.in.ListTokensUseCase.AdministratorQuery;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenStatus;
import dev.latchkey.domain.Username;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokens", mixinStandardHelpOptions = true, description = "List and revoke tokens of any account.",
        subcommands = {TokensCommand.ListTokens.class, TokensCommand.Revoke.class, TokensCommand.RevokeAll.class})
final class TokensCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens, newest first.")
    static final class ListTokens extends StoreCommand implements Runnable {
        @Option(names = "--account", description = "one account's tokens (a username); default: every account's")
        String account;
        @Option(names = "--status", description = "active, expired or revoked")
        String status;
        @Option(names = "--expiring-within", description = "an ISO-8601 duration, such as P7D")
        String expiringWithin;
        @Option(names = "--unused-for", description = "an ISO-8601 duration, such as P90D")
        String unusedFor;
        @Mixin
        Paging paging;

        @Override
        public void run() {
            TokenFilter filter = QueryParameters.tokenFilter(status, expiringWithin, unusedFor);
            AdministratorListing listing = useCases().tokens().listForAdministrator(
                    new AdministratorQuery(operator(), Optional.ofNullable(account).map(Username::of), filter,
                            paging.page, paging.size));
            if (!(listing instanceof AdministratorListing.Listed listed)) {
                throw refused("no account has this username");
            }
            table(List.of("TOKEN", "ACCOUNT", "KIND", "STATUS", "DESCRIPTION", "CREATED", "EXPIRES", "LAST USED"),
                    listed.listing().tokens().stream().map(ListTokens::row).toList());
        }

        private static List<String> row(TokenDetails details) {
            Token token = details.token();
            return Arrays.asList(token.id().toString(), token.owner().toString(),
                    token.kind().name().toLowerCase(Locale.ROOT), status(details.status()),
                    token.description().value().isEmpty() ? null : token.description().value(),
                    token.createdAt().toString(), token.expiry().instant().map(Object::toString).orElse("never"),
                    token.lastUsedAt().map(Object::toString).orElse(null));
        }

        private static String status(TokenStatus status) {
            return status.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one token, whoever holds it.")
    static final class Revoke extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "TOKEN_ID")
        String tokenId;

        @Override
        public void run() {
            TokenId id = TokenId.parse(tokenId).orElseThrow(() -> refused("no token has this id"));
            RevokeAccountTokensUseCase.Outcome outcome = useCases().revokeAccountTokens().revoke(operator(), id);
            if (!(outcome instanceof RevokeAccountTokensUseCase.Outcome.Revoked revoked)) {
                throw refused("no token has this id");
            }
            out().println((revoked.revoked() == 1 ? "revoked " : "already revoked ") + id);
            out().flush();
        }
    }

    @Command(name = "revoke-all", mixinStandardHelpOptions = true,
            description = "Revoke every token an account holds now, in one step.")
    static final class RevokeAll extends StoreCommand implements Runnable {
        @Option(names = "--account", required = true, description = "the account's username")
        String account;

        @Override
        public void run() {
            RevokeAccountTokensUseCase.Outcome outcome = useCases().revokeAccountTokens().revokeAll(operator(),
                    Username.of(account));
            if (!(outcome instanceof RevokeAccountTokensUseCase.Outcome.Revoked revoked)) {
                throw refused("no account has this username");
            }
            out().println("revoked " + revoked.revoked() + " tokens of " + account);
            out().flush();
        }
    }
}
