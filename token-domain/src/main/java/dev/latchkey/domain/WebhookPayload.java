package dev.latchkey.domain;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of a delivery, in the Standard Webhooks shape {@code {"type", "timestamp", "data"}}. {@code data} names
 * the token, the account, the client and scopes of the token, the reason, the actor and the trail's detail, never a
 * secret. Made from the stored message alone and the token's attributes, which never change, so every retry of a
 * message sends the same bytes.
 */
public final class WebhookPayload {

    private WebhookPayload() {
    }

    /** What is known of the token an event is about: its kind, client and scopes. */
    public record TokenFacts(TokenKind kind, Optional<ClientId> client, Scopes scopes) {
    }

    /** The body of the message, as UTF-8 JSON. */
    public static byte[] of(WebhookMessage message, Optional<TokenFacts> token) {
        OutboundEvent event = message.event();
        StringBuilder data = new StringBuilder("{");
        event.token().ifPresent(id -> field(data, "tokenId", string(id.toString())));
        token.ifPresent(facts -> {
            field(data, "tokenKind", string(facts.kind().name().toLowerCase(Locale.ROOT)));
            facts.client().ifPresent(client -> field(data, "clientId", string(client.value())));
            field(data, "scopes", strings(List.copyOf(new java.util.TreeSet<>(facts.scopes().values()))));
        });
        event.account().ifPresent(id -> field(data, "accountId", string(id.toString())));
        AuditEvent.valueIn(event.detail(), "reason").map(reason -> reason.toLowerCase(Locale.ROOT))
                .ifPresent(reason -> field(data, "reason", string(reason)));
        field(data, "actor", string(event.actor().asText()));
        field(data, "detail", string(event.detail()));
        if (event.count() != 1) {
            field(data, "count", Long.toString(event.count()));
        }
        data.append('}');
        String body = "{\"type\":" + string(event.type()) + ",\"timestamp\":"
                + string(DateTimeFormatter.ISO_INSTANT.format(event.occurredAt())) + ",\"data\":" + data + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }


    private static void field(StringBuilder object, String name, String json) {
        if (object.length() > 1) {
            object.append(',');
        }
        object.append(string(name)).append(':').append(json);
    }

    private static String strings(List<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (String value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(string(value));
        }
        return array.append(']').toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7). */
    static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
