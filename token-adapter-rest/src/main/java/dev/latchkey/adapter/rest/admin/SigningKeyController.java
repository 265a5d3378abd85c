package dev.latchkey.adapter.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.adapter.rest.jwt.SigningKeys;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import io.micronaut.security.authentication.Authentication;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * The JWT signing keys, for administrators: see which key signs, which comes next and which are retired, and make a
 * successor now (after a suspected key compromise, say) rather than at the end of the rotation period.
 */
@Tag(name = "Signing keys",
        description = "The keys that sign JWT access tokens, and their rotation. " + "Administrators only.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/admin/signing-keys")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class SigningKeyController {

    private final SigningKeys keys;
    private final RotateSigningKeyUseCase rotation;

    SigningKeyController(SigningKeys keys, RotateSigningKeyUseCase rotation) {
        this.keys = keys;
        this.rotation = rotation;
    }

    /** The keys that sign JWT access tokens, with their state. */
    @Get
    @ApiResponse(responseCode = "200", description = "Every key with its state",
            content = @Content(schema = @Schema(implementation = KeyList.class)))
    KeyList list() {
        return new KeyList(keys.statuses().stream().map(KeyInfo::of).toList());
    }

    /** The successor is published at once and signs after {@code latchkey.oauth.jwt.publish-ahead}. */
    @Post("/rotate")
    @ApiResponse(responseCode = "201", description = "The successor, published now and signing later",
            content = @Content(schema = @Schema(implementation = KeyInfo.class)))
    @ApiResponse(responseCode = "409", description = "JWT access tokens are not signed with key pairs here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> rotate(HttpRequest<?> request, Authentication authentication) {
        RotateSigningKeyUseCase.Outcome outcome = rotation.rotate(AuthenticatedCaller.of(authentication));
        if (outcome instanceof RotateSigningKeyUseCase.Outcome.Rotated rotated) {
            return HttpResponse.status(HttpStatus.CREATED).body(keys.statuses().stream()
                    .filter(status -> status.kid().equals(rotated.key().kid())).findFirst().map(KeyInfo::of)
                    .orElseThrow(() -> new IllegalStateException("a key just made is not in the ring")));
        }
        return Problems.response(request, ProblemType.SIGNING_KEYS_NOT_IN_USE,
                "Access tokens are not signed with key pairs here: set latchkey.oauth.access-token-format=jwt "
                        + "with latchkey.oauth.jwt.algorithm ES256 or RS256.");
    }

    @Serdeable
    record KeyInfo(String kid, String algorithm, String state, String createdAt, String activatesAt) {
        static KeyInfo of(SigningKeys.Status status) {
            return new KeyInfo(status.kid(), status.algorithm(), status.state(),
                    Timestamps.isoMillis(status.createdAt()), Timestamps.isoMillis(status.activatesAt()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyList(List<KeyInfo> data) {
    }
}
