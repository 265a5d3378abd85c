package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PostgresWebhooksTest extends WebhooksScenario {

    private static final int EVENTS = 1_000;

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }

    /**
     * Two nodes on one PostgreSQL, both sending, and events committed on both: a healthy receiver gets each of 1,000
     * events exactly once (at least once is the promise; with no failure, nothing is sent twice).
     */
    @Test
    void twoNodesDeliverEachOfAThousandEventsExactlyOnce() throws Exception {
        register("/thousand", "[\"token.issued\"]");
        Set<String> issued = ConcurrentHashMap.newKeySet();
        try (LatchkeyNode other = new LatchkeyNode(datasource(), settings())) {
            List<LatchkeyNode> nodes = List.of(node(), other);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> running = new java.util.ArrayList<>();
                for (int client = 0; client < 4; client++) {
                    int first = client;
                    running.add(clients.submit(() -> {
                        for (int i = first; i < EVENTS; i += 4) {
                            HttpResponse<String> token = call(nodes.get(i % 2), "POST", "/api/v1/tokens",
                                    "{\"description\":\"event " + i + "\"}");
                            assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
                            issued.add((String) EndToEndScenario.infoOf(body(token)).get("tokenId"));
                        }
                        return null;
                    }));
                }
                for (Future<?> client : running) {
                    client.get(2, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }
            await("/thousand", all -> all.size() >= EVENTS, Duration.ofMinutes(2));
            Thread.sleep(2000);
        }

        List<Received> deliveries = at("/thousand");
        assertThat(deliveries).hasSize(EVENTS);
        assertThat(deliveries.stream().map(delivery -> delivery.headers().get("webhook-id"))
                .collect(Collectors.toSet())).hasSize(EVENTS);
        assertThat(deliveries.stream().map(this::tokenIdOf).collect(Collectors.toSet())).isEqualTo(issued);
    }
}
