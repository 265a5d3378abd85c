package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.view.DeviceView;
import dev.latchkey.adapter.rest.console.view.MessageView;
import dev.latchkey.adapter.rest.console.view.Notice;
import dev.latchkey.adapter.rest.problem.HeldRefusals;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.domain.UserCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Where a person approves a device (RFC 8628's verification URI): they sign in, enter or confirm the code their device
 * shows, see which client asks for which scopes, and approve or deny. A wrong code counts against the person's login
 * limits, as a wrong password does, so a stolen session cannot guess its way to someone's waiting device.
 */
@Hidden
@Controller("/console/device")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleDeviceController {

    private static final String TITLE = "Connect a device";

    private final ConsoleAccess access;
    private final ConsoleViews views;
    private final DeviceAuthorizationUseCase devices;
    private final ClientAddresses addresses;
    private final HeldRefusals held;

    ConsoleDeviceController(ConsoleAccess access, ConsoleViews views, DeviceAuthorizationUseCase devices,
                            ClientAddresses addresses, HeldRefusals held) {
        this.access = access;
        this.views = views;
        this.devices = devices;
        this.addresses = addresses;
        this.held = held;
    }

    /** The form to enter a code; a link from the device carries it, and it is only shown, never looked up here. */
    @Get
    MutableHttpResponse<?> form(HttpRequest<?> request, @Nullable @QueryValue("user_code") String userCode) {
        Optional<ConsoleAccess.SignedIn> signed = access.signedIn(request);
        String shown = userCode == null || userCode.length() > 32 ? "" : userCode;
        if (signed.isEmpty()) {
            String back = "/console/device" + (shown.isEmpty() ? ""
                    : "?user_code=" + URLEncoder.encode(shown, StandardCharsets.UTF_8));
            return ConsoleAccess.seeOther(ConsoleAccess.SIGN_IN + "?return="
                    + URLEncoder.encode(back, StandardCharsets.UTF_8));
        }
        return views.page(HttpStatus.OK, "device", new DeviceView(signed.get().frame(TITLE),
                signed.get().csrfToken(), shown, "", List.of()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Mono<MutableHttpResponse<?>> find(HttpRequest<?> request, @Nullable @Body String body) {
        ConsoleAccess.Post post = access.post(request, body);
        if (!(post instanceof ConsoleAccess.Post.Accepted accepted)) {
            return Mono.just(((ConsoleAccess.Post.Refused) post).response());
        }
        ConsoleAccess.SignedIn signed = accepted.signed();
        String entered = accepted.form().get("user_code").orElse("");
        DeviceAuthorizationUseCase.Lookup lookup;
        try {
            lookup = devices.find(signed.caller().accountId(), entered, addresses.of(request));
        } catch (TooManyLoginAttemptsException limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds());
            return held.hold(views.page(HttpStatus.TOO_MANY_REQUESTS, "device", new DeviceView(
                    signed.frame(TITLE).withNotice(Notice.error("Too many wrong codes. Try again in " + seconds
                            + " seconds.")), signed.csrfToken(), "", "", List.of()))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)), limited.retryAfter());
        }
        if (lookup instanceof DeviceAuthorizationUseCase.Lookup.Pending pending) {
            return Mono.just(views.page(HttpStatus.OK, "device", new DeviceView(signed.frame(TITLE),
                    signed.csrfToken(), UserCode.parse(entered).map(UserCode::display).orElse(entered),
                    pending.client().name(),
                    List.copyOf(pending.scopes().values()))));
        }
        return Mono.just(views.page(HttpStatus.NOT_FOUND, "device", new DeviceView(signed.frame(TITLE).withNotice(
                Notice.error("That code is not right, has expired, or was used already.")), signed.csrfToken(), "",
                "", List.of())));
    }

    @Post("/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> decide(HttpRequest<?> request, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            Optional<String> decision = form.get("decision").filter(value -> value.equals("approve")
                    || value.equals("deny"));
            if (decision.isEmpty()) {
                return views.page(HttpStatus.BAD_REQUEST, "device", new DeviceView(signed.frame(TITLE).withNotice(
                        Notice.error("Choose Approve or Deny.")), signed.csrfToken(), "", "", List.of()));
            }
            DeviceAuthorizationUseCase.Decided decided = devices.decide(signed.caller().accountId(),
                    form.get("user_code").orElse(""), decision.get().equals("approve"));
            if (decided instanceof DeviceAuthorizationUseCase.Decided.Approved approved) {
                return views.page(HttpStatus.OK, "message", new MessageView(signed.frame("Device connected"),
                        List.of(approved.client().name() + " can now act for your account on that device. You can "
                                + "go back to it."), "/console/tokens", "Back to your tokens"));
            }
            if (decided instanceof DeviceAuthorizationUseCase.Decided.Denied denied) {
                return views.page(HttpStatus.OK, "message", new MessageView(signed.frame("Device refused"),
                        List.of(denied.client().name() + " was refused. The device gets nothing."),
                        "/console/tokens", "Back to your tokens"));
            }
            return views.page(HttpStatus.NOT_FOUND, "device", new DeviceView(signed.frame(TITLE).withNotice(
                    Notice.error("That request was decided already, or has expired.")), signed.csrfToken(), "", "",
                    List.of()));
        });
    }
}
