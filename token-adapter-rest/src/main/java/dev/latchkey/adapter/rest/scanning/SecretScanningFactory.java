package dev.latchkey.adapter.rest.scanning;

import dev.latchkey.adapter.rest.outbound.OutboundDestinations;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** GitHub's secret-scanning partner endpoint is off unless {@code latchkey.secret-scanning.github.enabled} is true. */
@Factory
@Requires(property = SecretScanningFactory.ENABLED, value = "true")
class SecretScanningFactory {

    static final String ENABLED = "latchkey.secret-scanning.github.enabled";
    static final String GITHUB_KEYS = "https://api.github.com/meta/public_keys/secret_scanning";

    @Singleton
    GitHubScanningKeySource gitHubScanningKeys(
            @Value("${latchkey.secret-scanning.github.keys-url:" + GITHUB_KEYS + "}") String keysUrl,
            @Nullable @Value("${latchkey.secret-scanning.github.keys-file:}") String keysFile,
            @Value("${latchkey.secret-scanning.github.refetch-at-most-every:1m}") Duration refetchAtMostEvery,
            @Value("${latchkey.outbound.allow-internal-destinations:false}") boolean allowInternal,
            JsonMapper json, Clock clock) {
        return new GitHubScanningKeySource(URI.create(keysUrl.strip()),
                Optional.ofNullable(keysFile).filter(file -> !file.isBlank()).map(Path::of), refetchAtMostEvery,
                new OutboundDestinations(allowInternal), json, clock);
    }
}
