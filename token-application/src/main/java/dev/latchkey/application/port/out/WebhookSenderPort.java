package dev.latchkey.application.port.out;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one webhook request: a POST of the body with the headers given, to a public address only (checked again at
 * the connection, after the name is resolved), without following redirects, giving up after its timeout, and reading
 * at most a bounded part of the answer.
 */
public interface WebhookSenderPort {

    Response send(URI url, Map<String, String> headers, byte[] body);

    /**
     * What came of it: the status, if an answer came, how long it took, and the start of the answer's body, or why
     * no answer came (refused destination, timeout, connection failure).
     */
    record Response(Optional<Integer> status, Duration duration, String excerpt) {
        public Response {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(excerpt, "excerpt");
        }
    }
}
