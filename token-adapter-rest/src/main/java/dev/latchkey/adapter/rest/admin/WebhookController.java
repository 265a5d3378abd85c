package dev.latchkey.adapter.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.wire.StrictJson;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.AdministerWebhooksUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Webhook endpoints, for administrators: where Latchkey sends its events, signed as Standard Webhooks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), retried until delivered, in order per
 * endpoint. See docs/operations.md, "Events".
 */
@Tag(name = "Webhooks",
        description = "Endpoints that receive Latchkey's events, their signing secrets, test events and recent "
                + "deliveries. Administrators only.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "A URL, event type, description or organization that cannot be used",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/admin/webhooks")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class WebhookController {

    private static final int DEFAULT_DELIVERIES_SHOWN = 20;

    private final AdministerWebhooksUseCase webhooks;
    private final JsonBodies bodies;

    WebhookController(AdministerWebhooksUseCase webhooks, JsonBodies bodies) {
        this.webhooks = webhooks;
        this.bodies = bodies;
    }

    /** Registers an endpoint; its signing secret is in this answer only. */
    @Post
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Registration.class), examples = @ExampleObject(value =
            "{\"url\":\"https://hooks.example.com/latchkey\",\"events\":[\"token.revoked\",\"token.leaked\"],"
                    + "\"description\":\"security team\"}")))
    @ApiResponse(responseCode = "201", description = "The endpoint, with its signing secret (shown this once)",
            content = @Content(schema = @Schema(implementation = CreatedView.class)))
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        Registration body = bodies.read(request, json, Registration.class);
        AdministerWebhooksUseCase.Created created = webhooks.create(AuthenticatedCaller.of(authentication),
                new AdministerWebhooksUseCase.Registration(body.url(), body.events() == null ? List.of()
                        : body.events(), body.description() == null ? "" : body.description(),
                        Optional.ofNullable(body.organization())));
        WebhookView view = WebhookView.of(created.endpoint());
        return HttpResponse.created(new CreatedView(view, created.secret().reveal()),
                URI.create("/api/v1/admin/webhooks/" + created.endpoint().id()));
    }

    /** Every endpoint, the oldest first. */
    @Get
    @ApiResponse(responseCode = "200", description = "Every endpoint",
            content = @Content(schema = @Schema(implementation = WebhookList.class)))
    HttpResponse<?> list(Authentication authentication) {
        return HttpResponse.ok(new WebhookList(webhooks.list(AuthenticatedCaller.of(authentication)).stream()
                .map(WebhookView::of).toList()));
    }

    /** One endpoint. */
    @Get("/{id}")
    @ApiResponse(responseCode = "200", description = "The endpoint",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @ApiResponse(responseCode = "404", description = "No endpoint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> find(HttpRequest<?> request, @PathVariable String id, Authentication authentication) {
        return endpoint(request, WebhookEndpointId.parse(id).flatMap(found ->
                webhooks.find(AuthenticatedCaller.of(authentication), found)));
    }

    /**
     * Changes an endpoint, as a JSON merge patch: a field present sets it, {@code "organization": null} removes the
     * limit, and {@code "enabled": true} sends again to an endpoint that was disabled.
     */
    @Patch("/{id}")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Changes.class), examples = @ExampleObject(value = "{\"enabled\":true}")))
    @ApiResponse(responseCode = "200", description = "The endpoint as changed",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @ApiResponse(responseCode = "404", description = "No endpoint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> change(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String json,
                           Authentication authentication) {
        Changes body = bodies.read(request, json, Changes.class);
        Set<String> named = namedIn(json);
        Optional<WebhookEndpointId> endpoint = WebhookEndpointId.parse(id);
        if (endpoint.isEmpty()) {
            return notFound(request);
        }
        return endpoint(request, webhooks.change(AuthenticatedCaller.of(authentication), endpoint.get(),
                new AdministerWebhooksUseCase.Change(Optional.ofNullable(body.url()),
                        Optional.ofNullable(body.events()), Optional.ofNullable(body.description()),
                        named.contains("organization") ? Optional.of(Optional.ofNullable(body.organization()))
                                : Optional.empty(), Optional.ofNullable(body.enabled()))));
    }

    /** Deletes an endpoint and the messages waiting for it. */
    @Delete("/{id}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No endpoint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id, Authentication authentication) {
        return WebhookEndpointId.parse(id).filter(found -> webhooks.delete(AuthenticatedCaller.of(authentication),
                found)).<HttpResponse<?>>map(found -> HttpResponse.noContent()).orElseGet(() -> notFound(request));
    }

    /** Makes a new signing secret, shown this once; the old one signs beside it for 24 hours. */
    @Post("/{id}/rotate-secret")
    @ApiResponse(responseCode = "200", description = "The new secret",
            content = @Content(schema = @Schema(implementation = SecretView.class)))
    @ApiResponse(responseCode = "404", description = "No endpoint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> rotateSecret(HttpRequest<?> request, @PathVariable String id, Authentication authentication) {
        return WebhookEndpointId.parse(id).flatMap(found -> webhooks.rotateSecret(
                        AuthenticatedCaller.of(authentication), found))
                .<HttpResponse<?>>map(secret -> HttpResponse.ok(new SecretView(secret.reveal())))
                .orElseGet(() -> notFound(request));
    }

    /** Queues a {@code webhook.test} event to the endpoint, whatever it subscribes to. */
    @Post("/{id}/test")
    @ApiResponse(responseCode = "202", description = "Queued; it arrives in a moment",
            content = @Content(schema = @Schema(implementation = QueuedView.class)))
    @ApiResponse(responseCode = "404", description = "No endpoint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> test(HttpRequest<?> request, @PathVariable String id, Authentication authentication) {
        return WebhookEndpointId.parse(id).flatMap(found -> webhooks.sendTest(AuthenticatedCaller.of(authentication),
                        found))
                .<HttpResponse<?>>map(message -> HttpResponse.status(HttpStatus.ACCEPTED)
                        .body(new QueuedView(message.messageId())))
                .orElseGet(() -> notFound(request));
    }

    /** The endpoint's newest deliveries, each with every attempt: when, the status, how long, the answer's start. */
    @Get("/{id}/deliveries")
    @ApiResponse(responseCode = "200", description = "The newest deliveries, the newest first",
            content = @Content(schema = @Schema(implementation = DeliveryList.class)))
    @ApiResponse(responseCode = "404", description = "No endpoint has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> deliveries(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String limit,
                               Authentication authentication) {
        int shown = limit(limit);
        return WebhookEndpointId.parse(id).flatMap(found -> webhooks.deliveries(
                        AuthenticatedCaller.of(authentication), found, shown))
                .<HttpResponse<?>>map(found -> HttpResponse.ok(new DeliveryList(found.stream()
                        .map(DeliveryView::of).toList())))
                .orElseGet(() -> notFound(request));
    }

    /** Sends a delivered or given-up message again, under its id, after the endpoint's waiting ones. */
    @Post("/{id}/deliveries/{messageId}/redeliver")
    @ApiResponse(responseCode = "202", description = "Queued again",
            content = @Content(schema = @Schema(implementation = QueuedView.class)))
    @ApiResponse(responseCode = "404", description = "No such endpoint, or no such message that is not waiting already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> redeliver(HttpRequest<?> request, @PathVariable String id, @PathVariable String messageId,
                              Authentication authentication) {
        Optional<WebhookEndpointId> endpoint = WebhookEndpointId.parse(id);
        if (endpoint.isEmpty() || webhooks.find(AuthenticatedCaller.of(authentication), endpoint.get()).isEmpty()) {
            return notFound(request);
        }
        return webhooks.redeliver(AuthenticatedCaller.of(authentication), endpoint.get(), messageId)
                ? HttpResponse.status(HttpStatus.ACCEPTED).body(new QueuedView(messageId))
                : Problems.response(request, ProblemType.DELIVERY_NOT_FOUND,
                "The endpoint has no message with this id that is not waiting to be sent already.");
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_DELIVERIES_SHOWN;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= AdministerWebhooksUseCase.MAX_DELIVERIES_SHOWN) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, as any number out of range is.
        }
        throw new dev.latchkey.domain.InvalidValueException("limit", "a number from 1 to "
                + AdministerWebhooksUseCase.MAX_DELIVERIES_SHOWN);
    }

    private static HttpResponse<?> endpoint(HttpRequest<?> request, Optional<WebhookEndpoint> found) {
        return found.<HttpResponse<?>>map(endpoint -> HttpResponse.ok(WebhookView.of(endpoint)))
                .orElseGet(() -> notFound(request));
    }

    private static HttpResponse<?> notFound(HttpRequest<?> request) {
        return Problems.response(request, ProblemType.WEBHOOK_NOT_FOUND, "No webhook endpoint has this id.");
    }

    /** The fields a body names, those set to null included; the body was read once already. */
    private static Set<String> namedIn(String json) {
        try {
            return StrictJson.object(json).keySet();
        } catch (StrictJson.MalformedJson impossible) {
            throw new IllegalStateException("the body was read once already", impossible);
        }
    }

    @Serdeable
    record Registration(@Nullable String url, @Nullable List<String> events, @Nullable String description,
                        @Nullable String organization) {
    }

    @Serdeable
    record Changes(@Nullable String url, @Nullable List<String> events, @Nullable String description,
                   @Nullable String organization, @Nullable Boolean enabled) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WebhookView(String id, String url, String description, @Nullable String organization, List<String> events,
                       boolean enabled, @Nullable String disabledReason, String createdAt) {
        static WebhookView of(WebhookEndpoint endpoint) {
            return new WebhookView(endpoint.id().toString(), endpoint.url().toString(), endpoint.description(),
                    endpoint.organization().orElse(null), List.copyOf(new TreeSet<>(endpoint.events())),
                    endpoint.enabled(), endpoint.disabledReason().orElse(null),
                    Timestamps.isoMillis(endpoint.createdAt()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedView(String id, String url, String description, @Nullable String organization, List<String> events,
                       boolean enabled, @Nullable String disabledReason, String createdAt, String secret) {
        CreatedView(WebhookView view, String secret) {
            this(view.id(), view.url(), view.description(), view.organization(), view.events(), view.enabled(),
                    view.disabledReason(), view.createdAt(), secret);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WebhookList(List<WebhookView> webhooks) {
    }

    @Serdeable
    record SecretView(String secret) {
    }

    @Serdeable
    record QueuedView(String messageId) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryList(List<DeliveryView> deliveries) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryView(String messageId, String type, String occurredAt, String state,
                        @Nullable String nextAttemptAt, List<AttemptView> attempts) {
        static DeliveryView of(WebhookDeliveryPort.Delivery delivery) {
            return new DeliveryView(delivery.message().messageId(), delivery.message().event().type(),
                    Timestamps.isoMillis(delivery.message().event().occurredAt()), delivery.state(),
                    delivery.nextAttemptAt().map(Timestamps::isoMillis).orElse(null),
                    delivery.attempts().stream().map(AttemptView::of).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AttemptView(String at, @Nullable Integer status, long durationMillis, String response) {
        static AttemptView of(WebhookDeliveryPort.Attempt attempt) {
            return new AttemptView(Timestamps.isoMillis(attempt.at()), attempt.status().orElse(null),
                    attempt.duration().toMillis(), attempt.response());
        }
    }
}
