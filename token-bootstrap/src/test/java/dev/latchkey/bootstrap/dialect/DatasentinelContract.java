package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Datasentinel user tokens (seeds/datasentinel-access-token.md): the documented curl calls with the documented
 * credentials ({@code myUser:myPassword}), the JWT's claims, the token-info response and its 401s.
 */
abstract class DatasentinelContract extends DialectContract {

    private static final String MY_USER = basic("myUser", "myPassword");

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.accounts.password-minimum-length", 8);
    }

    @BeforeAll
    void documentedUsers() throws Exception {
        assertThat(createAccount("{\"username\":\"myUser\",\"password\":\"myPassword\","
                + "\"email\":\"test@datasentinel.io\",\"organization\":\"Main Org.\"}").statusCode()).isEqualTo(201);
        assertThat(createAccount("{\"username\":\"colleague\",\"password\":\"colleague-pass\","
                + "\"email\":\"c@datasentinel.io\",\"organization\":\"Main Org.\"}").statusCode()).isEqualTo(201);
        assertThat(createAccount("{\"username\":\"outsider\",\"password\":\"outsider-pass\","
                + "\"email\":\"o@elsewhere.io\",\"organization\":\"ds-data\"}").statusCode()).isEqualTo(201);
    }

    /** {@code curl -u myUser:myPassword -k -X POST https://<<platform-server>>/ds-api/user-token} */
    private HttpResponse<String> createToken(String authorization) throws Exception {
        return send("POST", "/ds-api/user-token", Map.of("Authorization", authorization), null);
    }

    private String userToken() throws Exception {
        return (String) body(createToken(MY_USER)).get("user-token");
    }

    /** {@code curl -u myUser:myPassword -k -X GET https://<<platform-server>>/ds-api/user-token?token=$TOKEN} */
    private HttpResponse<String> tokenInfo(String authorization, String parameter, String token) throws Exception {
        return send("GET", "/ds-api/user-token?" + parameter + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                Map.of("Authorization", authorization), null);
    }

    @Test
    void theDocumentedPostReturnsA24HourHs256Jwt() throws Exception {
        HttpResponse<String> response = createToken(MY_USER);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(body(response)).containsOnlyKeys("user-token");
        SignedJWT jwt = SignedJWT.parse((String) body(response).get("user-token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("database")).isEqualTo("Main Org.");
        assertThat(claims.getStringClaim("email")).isEqualTo("test@datasentinel.io");
        assertThat(claims.getStringClaim("user")).isEqualTo("myUser");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theDocumentedGetDescribesTheToken() throws Exception {
        String token = userToken();

        for (String parameter : new String[] {"token", "user-token"}) {
            HttpResponse<String> response = tokenInfo(MY_USER, parameter, token);
            assertThat(response.statusCode()).as(parameter).isEqualTo(200);
            Map<String, Object> info = body(response);
            assertThat(info).containsOnlyKeys("email", "expire_time", "organization_name", "user")
                    .containsEntry("email", "test@datasentinel.io").containsEntry("organization_name", "Main Org.")
                    .containsEntry("user", "myUser");
            assertThat((String) info.get("expire_time")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        }
        assertThat(tokenInfo(basic("colleague", "colleague-pass"), "token", token).statusCode())
                .as("an account of the same organization").isEqualTo(200);
    }

    @Test
    void everyRefusalIsA401() throws Exception {
        String token = userToken();

        assertThat(createToken(basic("myUser", "wrong")).statusCode()).isEqualTo(401);
        assertThat(tokenInfo(basic("myUser", "wrong"), "token", token).statusCode()).isEqualTo(401);
        assertThat(tokenInfo(basic("outsider", "outsider-pass"), "token", token).statusCode())
                .as("another organization's token").isEqualTo(401);
        assertThat(tokenInfo(MY_USER, "token", "eyJhbGciOiJIUzI1NiJ9.e30.x").statusCode()).as("garbage").isEqualTo(401);
        send("POST", "/oauth2/revoke", Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/x-www-form-urlencoded"), "token=" + token);
        assertThat(tokenInfo(MY_USER, "token", token).statusCode()).as("revoked").isEqualTo(401);
    }

    @Test
    void theUserTokenHeaderAuthenticatesAndTheTokenIsAnOrdinaryToken() throws Exception {
        String token = userToken();

        assertThat(send("GET", "/api/v1/tokens/self", Map.of("user-token", token), null).statusCode()).isEqualTo(200);
        assertThat(introspect(token)).containsEntry("active", true).containsEntry("username", "myUser");
        assertThat(send("GET", "/api/v1/tokens?size=100", Map.of("Authorization", MY_USER), null).body())
                .contains(SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
    }
}
