package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Masters India access tokens (seeds/mastersindia-access-tokens.md): the documented request with the documented
 * example user, the 206 and 400 refusals, the refresh, and {@code Authorization: JWT <token>}.
 */
abstract class MastersIndiaContract extends DialectContract {

    /** The request body as the documentation's table gives it. */
    private static final String SEED_REQUEST = "{\"username\": \"sample_user\", \"password\": \"1234Pass\"}";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Override
    protected Map<String, Object> settings() {
        // The documented example password has 8 characters: NIST's floor, below Latchkey's default of 12.
        return Map.of("latchkey.accounts.password-minimum-length", 8);
    }

    @BeforeAll
    void documentedUser() throws Exception {
        assertThat(createAccount("{\"username\":\"sample_user\",\"password\":\"1234Pass\"}").statusCode())
                .isEqualTo(201);
    }

    private HttpResponse<String> tokenAuth(String body) throws Exception {
        return send("POST", "/api/v1/token-auth/", JSON, body);
    }

    private HttpResponse<String> refresh(String body) throws Exception {
        return send("POST", "/api/v2/api-token-refresh/", JSON, body);
    }

    private int useWithJwtScheme(String token) throws Exception {
        return send("GET", "/api/v1/tokens/self", Map.of("Authorization", "JWT " + token), null).statusCode();
    }

    @Test
    void theDocumentedRequestGivesAnAccessAndARefreshToken() throws Exception {
        HttpResponse<String> response = tokenAuth(SEED_REQUEST);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> tokens = body(response);
        assertThat(tokens).containsOnlyKeys("token", "refresh token");
        String access = (String) tokens.get("token");
        for (Object jwt : tokens.values()) {
            assertThat(com.nimbusds.jwt.SignedJWT.parse((String) jwt).getJWTClaimsSet().getStringClaim("user"))
                    .as("access and refresh tokens are JWTs, as on the platform").isEqualTo("sample_user");
        }
        assertThat(useWithJwtScheme(access)).isEqualTo(200);
        Map<String, Object> info = body(send("GET", "/api/v1/tokens/self", Map.of("Authorization", "JWT " + access),
                null));
        assertThat(java.time.Duration.between(java.time.Instant.parse((String) info.get("createdAt")),
                java.time.Instant.parse((String) info.get("expiresAt")))).hasHours(24);
        assertThat(introspect(access)).containsEntry("active", true).containsEntry("username", "sample_user");
    }

    @Test
    void wrongCredentialsAre206WithThePlatformsMessage() throws Exception {
        HttpResponse<String> response = tokenAuth("{\"username\": \"sample_user\", \"password\": \"nope\"}");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(body(response)).containsEntry("error", "Unable to login with provided credential");
    }

    @Test
    void missingFieldsAre400PerField() throws Exception {
        assertThat(body(tokenAuth("{\"password\": \"1234Pass\"}"))).isEqualTo(Map.of("username",
                List.of("missing field")));
        HttpResponse<String> both = tokenAuth("{}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(body(both)).containsOnlyKeys("username", "password");
        assertThat(tokenAuth("not json").statusCode()).isEqualTo(400);
    }

    @Test
    void aRefreshGivesANewPairAndInvalidatesTheOldOne() throws Exception {
        Map<String, Object> first = body(tokenAuth(SEED_REQUEST));

        HttpResponse<String> refreshed = refresh("{\"token\": \"" + first.get("refresh token") + "\"}");

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        Map<String, Object> second = body(refreshed);
        assertThat(useWithJwtScheme((String) second.get("token"))).isEqualTo(200);
        assertThat(useWithJwtScheme((String) first.get("token"))).as("the previous access token").isEqualTo(401);
        assertThat(refresh("{\"token\": \"" + first.get("refresh token") + "\"}").statusCode())
                .as("a used refresh token").isEqualTo(206);
        assertThat(refresh("{\"token\": \"garbage\"}").statusCode()).as("an invalid one").isEqualTo(206);
        assertThat(body(refresh("{}"))).containsEntry("token", List.of("missing field"));
    }

    @Test
    void refreshTokensRedeemOnlyWhereTheyWereMade() throws Exception {
        String platformRefresh = body(tokenAuth(SEED_REQUEST)).get("refresh token").toString();
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

        HttpResponse<String> atTokenEndpoint = send("POST", "/oauth2/token", form,
                "grant_type=refresh_token&refresh_token=" + platformRefresh);
        assertThat(atTokenEndpoint.statusCode()).isEqualTo(400);
        assertThat(body(atTokenEndpoint)).containsEntry("error", "invalid_grant");

        Object endpointRefresh = body(send("POST", "/oauth2/token", form,
                "grant_type=password&username=sample_user&password=1234Pass")).get("refresh_token");
        HttpResponse<String> atPlatform = refresh("{\"token\": \"" + endpointRefresh + "\"}");
        assertThat(atPlatform.statusCode()).isEqualTo(206);

        assertThat(refresh("{\"token\": \"" + platformRefresh + "\"}").statusCode())
                .as("still good where it was made").isEqualTo(200);
    }
}
