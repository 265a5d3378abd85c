package dev.latchkey.adapter.rest.oauth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.latchkey.adapter.rest.jose.JwsKeys;
import dev.latchkey.adapter.rest.outbound.ClientKeySetFetcher;
import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.InvalidValueException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of clients that sign their assertions ({@code private_key_jwt}): a key set given at registration,
 * checked then and parsed once; or one the client publishes at its {@code jwks_uri}, fetched under the outbound rules
 * and kept for {@link #FRESH_FOR}. An assertion signed with a {@code kid} the kept set lacks fetches the set again
 * (at most once per {@link #REFETCH_AFTER}), so that a client that publishes a new key and signs with it at once is
 * not refused: rotation needs no call to Latchkey. A set that cannot be fetched leaves the last good one in use.
 */
@Singleton
public final class ClientKeySets {

    static final int MAX_KEYS = 20;
    static final Duration FRESH_FOR = Duration.ofMinutes(5);
    static final Duration REFETCH_AFTER = Duration.ofSeconds(30);
    private static final int MOST_SETS_KEPT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClientKeySets.class);

    private record Fetched(JWKSet keys, Instant at) {
    }

    private final ClientKeySetFetcher fetcher;
    private final Clock clock;
    private final JwsKeys usable = new JwsKeys();
    private final Map<String, JWKSet> listed = new ConcurrentHashMap<>();
    private final Map<URI, Fetched> published = new ConcurrentHashMap<>();

    /** Keys, as a client's registration shows them: the public JSON of a listed set. */
    public static Map<String, Object> asJson(ClientKeys.Listed keys) {
        try {
            return JSONObjectUtils.parse(keys.jwks());
        } catch (ParseException stored) {
            return Map.of("keys", List.of());
        }
    }

    ClientKeySets(ClientKeySetFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * The key set a client registers, checked: a JWK Set of 1 to {@value #MAX_KEYS} public signing keys, each usable
     * with one of {@link JwsKeys#ALGORITHMS}, each with a distinct {@code kid} when there are several (so that an
     * assertion names the one it is signed with), none for encryption. Kept as its public JSON.
     *
     * @throws InvalidValueException if it is not such a set
     */
    public ClientKeys.Listed registrable(Map<String, Object> jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException | RuntimeException malformed) {
            throw new InvalidValueException("jwks", "is not a JWK Set: " + malformed.getMessage());
        }
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw new InvalidValueException("jwks", "must hold 1 to " + MAX_KEYS + " keys");
        }
        Set<String> kids = new HashSet<>();
        for (JWK key : keys) {
            if (key.isPrivate()) {
                throw new InvalidValueException("jwks", "holds a private key: register public keys only, and "
                        + "replace the key that was sent");
            }
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                throw new InvalidValueException("jwks", "holds a key whose use is not sig");
            }
            if (!usable.usable(key)) {
                throw new InvalidValueException("jwks", "holds a key that signs with none of " + JwsKeys.ALGORITHM_NAMES
                        + " (EC keys on P-256, RSA keys of 2048 bits or more, Ed25519 keys)");
            }
            if (keys.size() > 1 && (key.getKeyID() == null || !kids.add(key.getKeyID()))) {
                throw new InvalidValueException("jwks", "holds several keys: give each a distinct kid");
            }
        }
        return new ClientKeys.Listed(set.toString(true));
    }

    /**
     * Why a {@code jwks_uri} cannot be registered (not https, or an internal address, unless insecure destinations
     * are allowed); empty when it can.
     */
    public Optional<String> refusal(ClientKeys.Published keys) {
        return fetcher.refusal(keys.jwksUri());
    }

    /**
     * The client's keys now, for an assertion whose header names {@code kid} (or none): fetched if never fetched or
     * stale, or fetched again if {@code kid} is unknown and the set is older than {@link #REFETCH_AFTER}.
     */
    List<JWK> keysFor(ClientKeys keys, Optional<String> kid) {
        if (keys instanceof ClientKeys.Listed given) {
            return listed(given.jwks()).getKeys();
        }
        URI uri = ((ClientKeys.Published) keys).jwksUri();
        Instant now = clock.instant();
        Fetched kept = published.get(uri);
        boolean stale = kept == null || kept.at().plus(FRESH_FOR).isBefore(now);
        boolean unknownKid = kept != null && kid.isPresent() && kept.keys().getKeyByKeyId(kid.get()) == null
                && kept.at().plus(REFETCH_AFTER).isBefore(now);
        if (stale || unknownKid) {
            // A fetch waits on the network: on the event loop, hand the request to the blocking executor first.
            MemoryOnly.mayWait();
            Optional<Fetched> fetched = fetch(uri, now);
            // A failed fetch is not tried again at once: the last good set, or none, stands for a while.
            kept = fetched.orElseGet(() -> remember(uri, new Fetched(Optional.ofNullable(published.get(uri))
                    .map(Fetched::keys).orElseGet(JWKSet::new), now)));
        }
        return kept.keys().getKeys();
    }

    private Optional<Fetched> fetch(URI uri, Instant now) {
        ClientKeySetFetcher.Fetched fetched = fetcher.fetch(uri);
        if (fetched instanceof ClientKeySetFetcher.Fetched.Failed failed) {
            LOG.warn("A client's key set could not be fetched from {}: {}", uri, failed.reason());
            return Optional.empty();
        }
        try {
            JWKSet set = JWKSet.parse(((ClientKeySetFetcher.Fetched.KeySet) fetched).json());
            // Only public signing keys count, whatever else a published set holds.
            JWKSet publicKeys = new JWKSet(set.getKeys().stream().filter(key -> !key.isPrivate())
                    .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                    .limit(MAX_KEYS).toList());
            return Optional.of(remember(uri, new Fetched(publicKeys, now)));
        } catch (ParseException | RuntimeException malformed) {
            LOG.warn("A client's key set at {} is not a JWK Set", uri);
            return Optional.empty();
        }
    }

    private Fetched remember(URI uri, Fetched fetched) {
        if (published.size() >= MOST_SETS_KEPT) {
            published.clear();
        }
        published.put(uri, fetched);
        return fetched;
    }

    private JWKSet listed(String json) {
        JWKSet known = listed.get(json);
        if (known != null) {
            return known;
        }
        JWKSet parsed;
        try {
            parsed = JWKSet.parse(json);
        } catch (ParseException stored) {
            // Registration stored only sets that parsed; one that does not now holds no key anyone can use.
            parsed = new JWKSet();
        }
        if (listed.size() >= MOST_SETS_KEPT) {
            listed.clear();
        }
        listed.put(json, parsed);
        return parsed;
    }
}
