package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.view.ApplicationsView;
import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.Notice;
import dev.latchkey.application.port.in.AuthorizedApplicationsUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The applications the signed-in person let act for their account, and taking that back: the consent is withdrawn and
 * every token the application holds for the person is revoked, so the next sign-in asks again.
 */
@Hidden
@Controller("/console/applications")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleApplicationsController {

    private static final String TITLE = "Authorized applications";
    private static final Map<String, Notice> DONE = Map.of(
            "revoked", Notice.success("The application's access was revoked, and its tokens with it."),
            "gone", Notice.error("That application had no access to revoke."));

    private final ConsoleAccess access;
    private final ConsoleViews views;
    private final AuthorizedApplicationsUseCase applications;

    ConsoleApplicationsController(ConsoleAccess access, ConsoleViews views,
                                  AuthorizedApplicationsUseCase applications) {
        this.access = access;
        this.views = views;
        this.applications = applications;
    }

    @Get
    MutableHttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String done) {
        Optional<ConsoleAccess.SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        List<ApplicationsView.Row> rows = applications.list(signed.get().caller()).stream()
                .map(application -> new ApplicationsView.Row(application.client().name(),
                        application.client().id().value(), List.copyOf(application.scopes().values()),
                        application.consentedAt(), application.lastUsedAt()))
                .toList();
        Frame frame = signed.get().frame(TITLE);
        return views.page(HttpStatus.OK, "applications", new ApplicationsView(
                Optional.ofNullable(done).map(DONE::get).map(frame::withNotice).orElse(frame),
                signed.get().csrfToken(), rows));
    }

    @Post("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(HttpRequest<?> request, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            boolean revoked = form.get("client_id").flatMap(ConsoleApplicationsController::clientId)
                    .map(client -> applications.revoke(signed.caller(), client)).orElse(false);
            return ConsoleAccess.seeOther("/console/applications?done=" + (revoked ? "revoked" : "gone"));
        });
    }

    private static Optional<ClientId> clientId(String value) {
        try {
            return Optional.of(ClientId.of(value));
        } catch (InvalidValueException malformed) {
            return Optional.empty();
        }
    }
}
