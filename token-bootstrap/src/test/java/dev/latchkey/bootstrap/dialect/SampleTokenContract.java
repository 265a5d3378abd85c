package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Sample Token API (seeds/sample-token-api.md): its curl request as written (a GET, a form body labelled
 * {@code application/json}), its response fields and date format, and its one-token-per-user rule.
 */
abstract class SampleTokenContract extends DialectContract {

    /** What {@code --data-urlencode} makes of the documented three parameters. */
    private static final String SEED_BODY = "grant_type=password&username=username&password=password";
    private static final Map<String, String> SEED_HEADERS = Map.of("Content-Type", "application/json");

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.accounts.password-minimum-length", 8);
    }

    @BeforeAll
    void documentedUser() throws Exception {
        assertThat(createAccount("{\"username\":\"username\",\"password\":\"password\"}").statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> seedRequest() throws Exception {
        return send("GET", "/Token", SEED_HEADERS, SEED_BODY);
    }

    @Test
    void theDocumentedGetWithABodyReturnsTheDocumentedFields() throws Exception {
        HttpResponse<String> response = seedRequest();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> token = body(response);
        assertThat(token).containsOnlyKeys("access_token", "token_type", "expires_in", "userName", "userId", "role",
                ".issued", ".expires").containsEntry("token_type", "bearer").containsEntry("userName", "username");
        assertThat(((Number) token.get("expires_in")).longValue()).isBetween(1_209_599L, 1_209_600L);
        assertThat((String) token.get(".issued")).matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
        Instant issued = ZonedDateTime.parse((String) token.get(".issued"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant expires = ZonedDateTime.parse((String) token.get(".expires"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(java.time.Duration.between(issued, expires).toDays()).isEqualTo(14);
        assertThat(useNatively((String) token.get("access_token"))).isEqualTo(200);
    }

    @Test
    void eachCallDiscardsTheUsersEarlierToken() throws Exception {
        String first = (String) body(seedRequest()).get("access_token");
        String second = (String) body(seedRequest()).get("access_token");

        assertThat(useNatively(first)).isEqualTo(401);
        assertThat(useNatively(second)).isEqualTo(200);
        assertThat(introspect(first)).containsEntry("active", false);
    }

    @Test
    void postWorksToo() throws Exception {
        HttpResponse<String> response = send("POST", "/Token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), SEED_BODY);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsTakeThePlatformsShape() throws Exception {
        HttpResponse<String> wrong = send("GET", "/Token", SEED_HEADERS,
                "grant_type=password&username=username&password=wrong-one");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(body(wrong)).isEqualTo(Map.of("error", "invalid_grant",
                "error_description", "The user name or password is incorrect."));

        HttpResponse<String> unsupported = send("GET", "/Token", SEED_HEADERS, "grant_type=client_credentials");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(body(unsupported)).isEqualTo(Map.of("error", "unsupported_grant_type"));
        assertThat(body(send("GET", "/Token", Map.of(), null))).containsEntry("error", "unsupported_grant_type");
    }
}
