package dev.latchkey.adapter.rest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.application.port.out.WebhookSenderPort.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook requests go to public addresses only, follow no redirect, wait at most 10 s and read a bounded answer. */
class WebhookSenderTest {

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private URI receive(int status, byte[] answer, Map<String, String> headers, long delayMillis) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @Test
    void anInternalAddressIsRefusedBeforeAnyConnectionUnlessInsecureDestinationsAreAllowed() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout(300);
            WebhookSender sender = new WebhookSender(new WebhookDestinations(false));
            for (String host : List.of("127.0.0.1", "localhost")) {
                Response refused = sender.send(URI.create("http://" + host + ":" + listening.getLocalPort() + "/"),
                        Map.of("webhook-id", "msg_1"), "{}".getBytes(StandardCharsets.UTF_8));

                assertThat(refused.status()).as(host).isEmpty();
                assertThat(refused.excerpt()).as(host).contains("refused", "internal address");
            }
            assertThatThrownBy(listening::accept).as("no connection was made")
                    .isInstanceOf(SocketTimeoutException.class);
            sender.close();
        }
        WebhookDestinations strict = new WebhookDestinations(false);
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://localhost/",
                "https://10.0.0.1/", "https://127.0.0.1/", "https://[::1]/", "https://[fd00:ec2::254]/")) {
            assertThat(strict.refusal(URI.create(url))).as(url).isPresent();
        }
    }

    @Test
    void theBodyAndHeadersArriveAndTheAnswerIsKeptToItsFirstKilobyte() throws Exception {
        URI url = receive(200, "x".repeat(100_000).getBytes(StandardCharsets.UTF_8), Map.of(), 0);
        WebhookSender sender = new WebhookSender(new WebhookDestinations(true));

        Response answered = sender.send(url, Map.of("webhook-id", "msg_7"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(answered.status()).contains(200);
        assertThat(answered.excerpt()).hasSize(1024);
        assertThat(received).containsExactly("POST /hook msg_7 {\"a\":1}");
        sender.close();
    }

    @Test
    void aRedirectIsAnAnswerNotAPlaceToGo() throws Exception {
        URI url = receive(302, new byte[0], Map.of("Location", "http://127.0.0.1:1/elsewhere"), 0);
        WebhookSender sender = new WebhookSender(new WebhookDestinations(true));

        assertThat(sender.send(url, Map.of(), new byte[0]).status()).contains(302);
        assertThat(received).hasSize(1);
        sender.close();
    }

    @Test
    void aReceiverThatDoesNotAnswerWithinTenSecondsIsAFailedAttempt() throws Exception {
        URI url = receive(200, new byte[0], Map.of(), 12_000);
        WebhookSender sender = new WebhookSender(new WebhookDestinations(true));

        Response late = sender.send(url, Map.of(), new byte[0]);

        assertThat(late.status()).isEmpty();
        assertThat(late.duration()).isBetween(java.time.Duration.ofSeconds(9), java.time.Duration.ofSeconds(12));
        assertThat(late.excerpt()).contains("10 s");
        sender.close();
    }
}
