package dev.latchkey.adapter.cli;

import dev.latchkey.wire.QueryParameters;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase.AuditQuery;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read the audit trail, newest first.")
final class AuditCommand extends StoreCommand implements Runnable {

    @Option(names = "--account", description = "a username")
    String account;
    @Option(names = "--token", description = "a token id")
    String token;
    @Option(names = "--type", description = "such as token.revoked or login.failed")
    String type;
    @Option(names = "--since", description = "an ISO-8601 instant, or a duration ago such as P1D")
    String since;
    @Option(names = "--until", description = "an ISO-8601 instant, or a duration ago such as PT1H")
    String until;
    @Mixin
    Paging paging;

    @Override
    public void run() {
        Instant now = useCases().clock().instant();
        AuditQuery query = new AuditQuery(operator(), Optional.ofNullable(account).map(this::accountId),
                Optional.ofNullable(token).map(value -> QueryParameters.tokenId("--token", value)),
                Optional.ofNullable(type).map(value -> QueryParameters.auditEventType("--type", value)),
                Optional.ofNullable(since).map(value -> QueryParameters.instantOrAgo("--since", value, now)),
                Optional.ofNullable(until).map(value -> QueryParameters.instantOrAgo("--until", value, now)),
                paging.page, paging.size);
        ReadAuditTrailUseCase.Page found = useCases().auditTrail().read(query);
        table(List.of("WHEN", "TYPE", "ACTOR", "ACCOUNT", "TOKEN", "COUNT", "DETAIL"),
                found.events().stream().map(AuditCommand::row).toList());
    }

    private AccountId accountId(String username) {
        return useCases().readAccounts().find(operator(), Username.of(username))
                .orElseThrow(AccountsCommand::noSuchAccount).id();
    }

    private static List<String> row(AuditEvent event) {
        return Arrays.asList(event.occurredAt().toString(), event.type().wireName(), event.actor().asText(),
                event.account().map(AccountId::toString).orElse(null), event.token().map(TokenId::toString).orElse(null),
                String.valueOf(event.count()), event.detail().isEmpty() ? null : event.detail());
    }
}
