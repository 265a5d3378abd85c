package dev.latchkey.adapter.rest.scanning;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.adapter.rest.outbound.OutboundDestinations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's secret-scanning keys, fetched from {@code keys-url} (or read from {@code keys-file}, for an installation
 * without internet) and kept for a day. A report signed by a key identifier not among them has the list fetched
 * again at once, but at most once a minute, so that forged identifiers cannot make Latchkey hammer GitHub. A fetch
 * goes only to a public address (unless internal destinations are allowed), is tried three times with a growing
 * pause, and is logged with what came of it; a failed one keeps the keys there were.
 */
final class GitHubScanningKeySource {

    static final Duration FRESH_FOR = Duration.ofDays(1);
    static final Duration FETCHED_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final int LARGEST_KEY_LIST = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(GitHubScanningKeySource.class);

    private final URI keysUrl;
    private final Optional<Path> keysFile;
    private final Duration fetchedAtMostEvery;
    private final OutboundDestinations destinations;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ScanningKeys keys = ScanningKeys.none();
    private Instant fetchedAt;
    private Instant lastAttempt;

    /** @param fetchedAtMostEvery how soon an unknown identifier may have the list fetched again (a minute) */
    GitHubScanningKeySource(URI keysUrl, Optional<Path> keysFile, Duration fetchedAtMostEvery,
                            OutboundDestinations destinations, JsonMapper json, Clock clock) {
        this.keysUrl = keysUrl;
        this.keysFile = keysFile;
        this.fetchedAtMostEvery = fetchedAtMostEvery;
        this.destinations = destinations;
        this.json = json;
        this.clock = clock;
    }

    /** The keys to check a report signed by {@code identifier} with: fetched again first if need be and allowed. */
    synchronized ScanningKeys keysFor(String identifier) {
        Instant now = clock.instant();
        boolean stale = fetchedAt == null || !now.isBefore(fetchedAt.plus(FRESH_FOR));
        boolean mayFetch = lastAttempt == null || !now.isBefore(lastAttempt.plus(fetchedAtMostEvery));
        if ((stale || !keys.knows(identifier)) && mayFetch) {
            lastAttempt = now;
            fetch().ifPresent(fetched -> {
                keys = fetched;
                fetchedAt = now;
            });
        }
        return keys;
    }

    private Optional<ScanningKeys> fetch() {
        String where = keysFile.map(Path::toString).orElseGet(() -> shown(keysUrl));
        Optional<String> refused = keysFile.isPresent() ? Optional.empty() : destinations.refusal(keysUrl);
        if (refused.isPresent()) {
            LOG.warn("Secret-scanning keys not fetched from {}: {}", where, refused.get());
            return Optional.empty();
        }
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                ScanningKeys fetched = ScanningKeys.of(json.readValue(read(), KeyList.class).publicKeys());
                LOG.info("Fetched {} secret-scanning key(s) from {}", fetched.size(), where);
                return Optional.of(fetched);
            } catch (IOException | RuntimeException failed) {
                LOG.warn("Secret-scanning keys from {}, attempt {} of {}: {}", where, attempt, ATTEMPTS,
                        failed.getMessage());
            }
            if (attempt < ATTEMPTS && !pause(pause)) {
                break;
            }
            pause = pause.multipliedBy(2);
        }
        return Optional.empty();
    }

    private byte[] read() throws IOException {
        if (keysFile.isPresent()) {
            return Files.readAllBytes(keysFile.get());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(keysUrl).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        if (response.body().length > LARGEST_KEY_LIST) {
            throw new IOException("a key list of " + response.body().length + " bytes is not GitHub's");
        }
        return response.body();
    }

    /** The URL as logs show it: scheme, host, port and path, never user information or a query, which may be keys. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GitHub's key list. */
    @Serdeable
    record KeyList(@Nullable @JsonProperty("public_keys") List<Entry> entries) {

        List<ScanningKeys.PublishedKey> publicKeys() {
            return entries == null ? List.of() : entries.stream().map(entry -> new ScanningKeys.PublishedKey(
                    entry.keyIdentifier(), entry.key(), Boolean.TRUE.equals(entry.isCurrent()))).toList();
        }
    }

    @Serdeable
    record Entry(@Nullable @JsonProperty("key_identifier") String keyIdentifier, @Nullable String key,
                 @Nullable @JsonProperty("is_current") Boolean isCurrent) {
    }
}
