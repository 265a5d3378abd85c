package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The RFC 8414 metadata names the configured issuer, or the server's own URL; never a host a client wrote into
 * {@code Host} or {@code X-Forwarded-Host}, unless a configured trusted proxy sent the request.
 */
class IssuerTest {

    private static final Pattern ISSUER = Pattern.compile("\"issuer\":\"([^\"]+)\"");

    private static String issuerSeenBy(LatchkeyNode node, String extraHeaders) throws Exception {
        URI url = URI.create(node.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: evil.example\r\n"
                    + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher issuer = ISSUER.matcher(response);
            assertThat(issuer.find()).as(response).isTrue();
            return issuer.group(1);
        }
    }

    private static LatchkeyNode node(Map<String, Object> settings) {
        return new LatchkeyNode(new InMemoryH2Database().start(), settings);
    }

    @Test
    void unconfiguredTheIssuerIsTheServersOwnUrlWhateverTheClientWrites() throws Exception {
        try (LatchkeyNode node = node(Map.of())) {
            String own = node.url().replaceAll("/+$", "");

            assertThat(issuerSeenBy(node, "")).isEqualTo(own);
            assertThat(issuerSeenBy(node, "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
                    + "Forwarded: host=evil.example;proto=https\r\n")).isEqualTo(own);
        }
    }

    @Test
    void aConfiguredIssuerIsAlwaysTheIssuer() throws Exception {
        try (LatchkeyNode node = node(Map.of("latchkey.issuer", "https://tokens.example.com/"))) {
            assertThat(issuerSeenBy(node, "X-Forwarded-Host: evil.example\r\n"))
                    .isEqualTo("https://tokens.example.com");
        }
    }

    @Test
    void forwardedHeadersAreBelievedFromATrustedProxyOnly() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("latchkey.http.trusted-proxies", java.util.List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
        try (LatchkeyNode node = node(settings)) {
            assertThat(issuerSeenBy(node, "X-Forwarded-Host: tokens.example.com\r\nX-Forwarded-Proto: https\r\n"))
                    .isEqualTo("https://tokens.example.com");
        }
    }
}
