package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * Sirdata's partner token (seeds/sirdata-get-token.md): the documented GET with a JSON body for partner 12345, the
 * documented response, the bare {@code Authorization: <token>} header, and no access before the agreements are signed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SirdataContract extends DialectContract {

    private static final String PATH = "/api/v1/public/auth/partner/12345/token";
    private static final String CREDENTIALS = "{\"login\": \"partner-user\", \"password\": \"partner-password\"}";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> ADMIN_JSON = Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD),
            "Content-Type", "application/json");

    @BeforeAll
    void partnerAndAccount() throws Exception {
        assertThat(send("POST", "/api/v1/admin/partners", ADMIN_JSON,
                "{\"id\": 12345, \"name\": \"Acme Media\", \"agreementsSigned\": false}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/admin/partners", ADMIN_JSON,
                "{\"id\": 777, \"name\": \"Other\", \"agreementsSigned\": true}").statusCode()).isEqualTo(201);
        assertThat(createAccount("{\"username\":\"partner-user\",\"password\":\"partner-password\","
                + "\"partnerId\":12345}").statusCode()).isEqualTo(201);
        assertThat(createAccount("{\"username\":\"other-user\",\"password\":\"other-password\","
                + "\"partnerId\":777}").statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> getToken(String path, String body) throws Exception {
        return send("GET", path, JSON, body);
    }

    private void signAgreements(boolean signed) throws Exception {
        assertThat(send("PATCH", "/api/v1/admin/partners/12345", ADMIN_JSON,
                "{\"agreementsSigned\": " + signed + "}").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void noTokenBeforeTheAgreementsAreSignedEvenWithTheRightPassword() throws Exception {
        assertThat(getToken(PATH, CREDENTIALS).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void theDocumentedRequestGetsTheDocumentedResponseOnceSigned() throws Exception {
        signAgreements(true);

        HttpResponse<String> response = getToken(PATH, CREDENTIALS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> token = body(response);
        assertThat(token).containsOnlyKeys("token", "partner_id", "expiration_time").containsEntry("partner_id", 12345);
        assertThat((String) token.get("expiration_time"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}[+-]\\d\\d:\\d\\d");
        String bare = (String) token.get("token");
        assertThat(send("GET", "/api/v1/tokens/self", Map.of("Authorization", bare), null).statusCode())
                .as("Authorization: <token>").isEqualTo(200);
        assertThat(introspect(bare)).containsEntry("active", true).containsEntry("scope", "partner:12345");
    }

    @Test
    @Order(3)
    void unsigningTheAgreementsStopsTheTokensAlreadyIssued() throws Exception {
        signAgreements(true);
        String bare = (String) body(getToken(PATH, CREDENTIALS)).get("token");

        signAgreements(false);

        assertThat(send("GET", "/api/v1/tokens/self", Map.of("Authorization", bare), null).statusCode()).isEqualTo(401);
        signAgreements(true);
        assertThat(send("GET", "/api/v1/tokens/self", Map.of("Authorization", bare), null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void wrongPasswordsAndOtherPartnersAccountsAre401() throws Exception {
        signAgreements(true);
        assertThat(getToken(PATH, "{\"login\": \"partner-user\", \"password\": \"wrong\"}").statusCode()).isEqualTo(401);
        assertThat(getToken(PATH, "{\"login\": \"other-user\", \"password\": \"other-password\"}").statusCode())
                .as("an account of another partner").isEqualTo(401);
        assertThat(getToken("/api/v1/public/auth/partner/999/token", CREDENTIALS).statusCode())
                .as("a partner that does not exist").isEqualTo(401);
    }

    @Test
    @Order(5)
    void invalidInputIs400() throws Exception {
        assertThat(getToken("/api/v1/public/auth/partner/abc/token", CREDENTIALS).statusCode()).isEqualTo(400);
        assertThat(getToken(PATH, "{\"login\": \"partner-user\"}").statusCode()).isEqualTo(400);
        assertThat(getToken(PATH, "{not json").statusCode()).isEqualTo(400);
        assertThat(send("GET", PATH, Map.of(), null).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void usersCannotGiveThemselvesAPartnerScope() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", Map.of("Authorization",
                basic("other-user", "other-password"), "Content-Type", "application/json"),
                "{\"scopes\": [\"partner:12345\"]}");

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
