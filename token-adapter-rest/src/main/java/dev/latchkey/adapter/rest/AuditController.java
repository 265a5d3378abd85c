package dev.latchkey.adapter.rest;

import dev.latchkey.wire.QueryParameters;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ListTokensUseCase.ListTokensQuery;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase.AuditQuery;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail, newest first: every account's events for administrators ({@code /api/v1/admin/audit}), and each
 * caller's own account and tokens ({@code /api/v1/audit}). Filters: {@code account} (a username or an account id),
 * {@code tokenId}, {@code type} (such as {@code token.revoked}), {@code since} and {@code until} (an ISO-8601 instant,
 * or a duration such as {@code P1D} meaning that long ago).
 */
@Tag(name = "Audit trail",
        description = "Who did what to which token, account, partner, client or policy, and " + "when.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "An unknown type, an unreadable instant, or since not before until",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final ReadAuditTrailUseCase trail;
    private final ReadAccountsUseCase accounts;
    private final Clock clock;

    AuditController(ReadAuditTrailUseCase trail, ReadAccountsUseCase accounts, Clock clock) {
        this.trail = trail;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The audit trail of every account, newest first. */
    @Get("/api/v1/admin/audit")
    @Secured("ADMIN")
    @ApiResponse(responseCode = "200", description = "Events, newest first",
            content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @ApiResponse(responseCode = "403", description = "The caller is not an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> everyone(HttpRequest<?> request, @Nullable @QueryValue String account,
                             @Nullable @QueryValue String tokenId, @Nullable @QueryValue String type,
                             @Nullable @QueryValue String since, @Nullable @QueryValue String until,
                             @Nullable @QueryValue String page, @Nullable @QueryValue String size,
                             Authentication authentication) {
        Caller caller = AuthenticatedCaller.of(authentication);
        Optional<AccountId> accountId = Optional.empty();
        if (account != null && !account.isEmpty()) {
            accountId = accountNamed(caller, account);
            if (accountId.isEmpty()) {
                return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
            }
        }
        return read(request, caller, accountId, tokenId, type, since, until, page, size);
    }

    /** The caller's own audit trail, newest first. */
    @Get("/api/v1/audit")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ApiResponse(responseCode = "200", description = "The caller's own events, newest first",
            content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @ApiResponse(responseCode = "403", description = "Another account's events",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> own(HttpRequest<?> request, @Nullable @QueryValue String tokenId, @Nullable @QueryValue String type,
                        @Nullable @QueryValue String since, @Nullable @QueryValue String until,
                        @Nullable @QueryValue String page, @Nullable @QueryValue String size,
                        Authentication authentication) {
        Caller caller = AuthenticatedCaller.of(authentication);
        return read(request, caller, Optional.of(caller.accountId()), tokenId, type, since, until, page, size);
    }

    private HttpResponse<?> read(HttpRequest<?> request, Caller caller, Optional<AccountId> account, String tokenId,
                                 String type, String since, String until, String page, String size) {
        AuditQuery query = new AuditQuery(caller, account,
                optional(tokenId).map(value -> QueryParameters.tokenId("tokenId", value)),
                optional(type).map(value -> QueryParameters.auditEventType("type", value)),
                optional(since).map(value -> QueryParameters.instantOrAgo("since", value, clock.instant())),
                optional(until).map(value -> QueryParameters.instantOrAgo("until", value, clock.instant())),
                number("page", page, 0),
                number("size", size, ListTokensQuery.DEFAULT_SIZE));
        ReadAuditTrailUseCase.Page found = trail.read(query);
        return HttpResponse.ok(new AuditPage(found.events().stream().map(Entry::of).toList(), found.page(),
                found.size(), found.totalEvents()));
    }

    private Optional<AccountId> accountNamed(Caller caller, String account) {
        Optional<AccountId> id = AccountId.parse(account);
        if (id.isPresent()) {
            return id;
        }
        Username username;
        try {
            username = Username.of(account);
        } catch (InvalidValueException notAUsername) {
            return Optional.empty();
        }
        return accounts.find(caller, username).map(Account::id);
    }

    private static Optional<String> optional(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    private static int number(String field, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new InvalidValueException(field, "must be a whole number");
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditPage(List<Entry> data, int page, int size, long total) {
    }

    /** One event as the API shows it; {@code count} is above 1 for coalesced events. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(String occurredAt, String type, String actor, @Nullable String accountId, @Nullable String tokenId,
                 String detail, long count) {
        static Entry of(AuditEvent event) {
            return new Entry(Timestamps.isoMillis(event.occurredAt()), event.type().wireName(),
                    event.actor().asText(), event.account().map(AccountId::toString).orElse(null),
                    event.token().map(TokenId::toString).orElse(null), event.detail(), event.count());
        }
    }
}
