package dev.latchkey.adapter.rest.scanning;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.wire.StrictJson;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's secret-scanning partner programme: GitHub posts every match of Latchkey's token pattern it finds in public
 * code, signed with one of its published keys, and each live token among them is revoked at once. The signature is
 * checked over the raw body before anything of it is read; a missing or wrong one is {@code 401}, and nothing is
 * revoked or recorded as a leak.
 */
@Tag(name = "Leaked tokens")
@Controller
@Requires(property = SecretScanningFactory.ENABLED, value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SecretScanningController {

    static final String KEY_IDENTIFIER = "Github-Public-Key-Identifier";
    static final String SIGNATURE = "Github-Public-Key-Signature";
    /** What 1,000 matches with long URLs take, and the server's own limit; anything bigger is no report of GitHub's. */
    static final int LARGEST_REPORT = 1024 * 1024;

    private final GitHubScanningKeySource keys;
    private final LeakedTokensUseCase leaks;

    SecretScanningController(GitHubScanningKeySource keys, LeakedTokensUseCase leaks) {
        this.keys = keys;
        this.leaks = leaks;
    }

    /** GitHub's report of tokens it found in public code: each live one is revoked as leaked. */
    @Post("/api/v1/secret-scanning/github")
    @Consumes(MediaType.ALL)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Match.class)),
            examples = @ExampleObject(value = "[{\"token\":\"lk_...\",\"type\":\"latchkey_token\","
                    + "\"url\":\"https://github.com/octo/app/blob/main/.env\",\"source\":\"content\"}]")))
    @ApiResponse(responseCode = "200", description = "GitHub's feedback: each match's SHA-256, type and label",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = Label.class))))
    @ApiResponse(responseCode = "401", description = "No signature, a wrong one, or an unknown key identifier",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "400", description = "A signed body that is not a list of at most 1,000 matches",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> report(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Optional<String> identifier = request.getHeaders().get(KEY_IDENTIFIER, String.class);
        Optional<String> signature = request.getHeaders().get(SIGNATURE, String.class);
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > LARGEST_REPORT) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, "A report is at most " + LARGEST_REPORT
                    + " bytes.");
        }
        if (identifier.isEmpty() || signature.isEmpty()
                || !keys.keysFor(identifier.get()).verify(identifier.get(), raw, signature.get())) {
            return Problems.response(request, ProblemType.UNAUTHENTICATED, "The report is not signed by one of "
                    + "GitHub's secret-scanning keys.");
        }
        Optional<List<Match>> matches = matchesIn(raw);
        if (matches.isEmpty() || matches.get().size() > LeakedTokensUseCase.MAX_SECRETS_PER_REPORT) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, "A report is a list of at most "
                    + LeakedTokensUseCase.MAX_SECRETS_PER_REPORT + " matches, each with its token, and type, url and "
                    + "source as strings.");
        }
        List<LeakedTokensUseCase.Finding> findings = leaks.report(matches.get().stream()
                .map(match -> new LeakedTokensUseCase.Report(match.token(), orEmpty(match.type()),
                        orEmpty(match.url()), orEmpty(match.source())))
                .toList());
        return HttpResponse.ok(findings.stream().map(finding -> new Label(finding.secretSha256(),
                finding.matchType(), finding.token() ? "true_positive" : "false_positive")).toList());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * The matches of a signed body, read strictly: a JSON array of objects whose {@code token} is a string, and whose
     * {@code type}, {@code url} and {@code source}, if there, are strings too. Members GitHub may add one day are
     * ignored.
     */
    private static Optional<List<Match>> matchesIn(byte[] raw) {
        Map<String, Object> wrapped;
        try {
            // The array as the one member of an object, which StrictJson reads; anything after it is refused.
            wrapped = StrictJson.object("{\"matches\":" + new String(raw, StandardCharsets.UTF_8) + "}");
            StrictJson.requireOnly(wrapped, Set.of("matches"));
        } catch (StrictJson.MalformedJson malformed) {
            return Optional.empty();
        }
        if (!(wrapped.get("matches") instanceof List<?> elements)) {
            return Optional.empty();
        }
        List<Match> matches = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?> match) || !(match.get("token") instanceof String token)
                    || !isTextOrAbsent(match.get("type")) || !isTextOrAbsent(match.get("url"))
                    || !isTextOrAbsent(match.get("source"))) {
                return Optional.empty();
            }
            matches.add(new Match(token, (String) match.get("type"), (String) match.get("url"),
                    (String) match.get("source")));
        }
        return Optional.of(matches);
    }

    private static boolean isTextOrAbsent(Object value) {
        return value == null || value instanceof String;
    }

    /** One match GitHub found. */
    @Serdeable
    record Match(@Nullable String token, @Nullable String type, @Nullable String url, @Nullable String source) {
        @Override
        public String toString() {
            return "Match[token=redacted, type=" + type + ", source=" + source + "]";
        }
    }

    /** GitHub's feedback on one match. */
    @Serdeable
    record Label(@JsonProperty("token_hash") String tokenHash, @JsonProperty("token_type") String tokenType,
                 String label) {
    }
}
