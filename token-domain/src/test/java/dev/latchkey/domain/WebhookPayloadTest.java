package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    private static final TokenId TOKEN = new TokenId(UUID.fromString("9d4c7f0e-8a51-4a8e-b0b2-7d6a2f0c1e55"));
    private static final AccountId OWNER = new AccountId(UUID.fromString("6dd194c1-d6eb-40b0-884f-b87133bc0161"));

    private static WebhookMessage message(String type, String detail, long count) {
        return new WebhookMessage(7, WebhookEndpointId.fromRandomBytes(new byte[16]), "msg_1",
                new OutboundEvent(type, Instant.parse("2026-12-05T15:30:00Z"), Actor.account(OWNER),
                        Optional.of(OWNER), Optional.of(TOKEN), detail, count), 0, Optional.empty());
    }

    @Test
    void theBodyNamesTheTokenItsClientAndScopesTheReasonAndTheActor() {
        byte[] body = WebhookPayload.of(message("token.revoked", "reason=CLIENT_DISABLED", 1), Optional.of(
                new WebhookPayload.TokenFacts(TokenKind.ACCESS, Optional.of(ClientId.of("gateway")),
                        Scopes.of("write", "read"))));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"token.revoked\","
                + "\"timestamp\":\"2026-12-05T15:30:00Z\",\"data\":{\"tokenId\":\"" + TOKEN + "\","
                + "\"tokenKind\":\"access\",\"clientId\":\"gateway\",\"scopes\":[\"read\",\"write\"],"
                + "\"accountId\":\"" + OWNER + "\",\"reason\":\"client_disabled\",\"actor\":\"account:" + OWNER
                + "\",\"detail\":\"reason=CLIENT_DISABLED\"}}");
    }

    @Test
    void whateverTheTrailHoldsIsAJsonStringAndACoalescedEventSaysHowMany() {
        String body = new String(WebhookPayload.of(message("login.failed",
                "username=\"a\\b\"\n\u0001\u2028 reason=BAD_CREDENTIALS", 12), Optional.empty()), StandardCharsets.UTF_8);

        assertThat(body).contains("\"detail\":\"username=\\\"a\\\\b\\\"\\n\\u0001\\u2028 reason=BAD_CREDENTIALS\"",
                "\"count\":12", "\"reason\":\"bad_credentials\"").doesNotContain("tokenKind");
        assertThat(body.chars()).noneMatch(c -> c < 0x20);
    }
}
