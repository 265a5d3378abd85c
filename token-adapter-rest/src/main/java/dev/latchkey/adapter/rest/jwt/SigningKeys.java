package dev.latchkey.adapter.rest.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.latchkey.application.port.out.SigningKeyPort;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import dev.latchkey.application.port.out.SigningKeyPort.StoredSigningKey;
import dev.latchkey.domain.SigningKeySchedule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asymmetric keys that sign JWT access tokens: which one signs now, which ones resource servers must find, and
 * the making of new ones, by the rules of {@link SigningKeySchedule}. Keys live in the store (encrypted under the
 * master key) and in memory here; every node reads the store at start-up and every refresh interval, and all nodes
 * switch keys at the instant a key's activation names, without talking to each other.
 *
 * <p>When a successor is made is the core's decision ({@code RotateSigningKeyUseCase}, which records it): when the
 * signing key has signed for the rotation period (any node's {@link SigningKeyMaintenance} notices), or when an
 * administrator asks. A key made while another signs is published at once and activates after
 * {@code publish-ahead}; the very first key activates at once, since nothing was signed before it.
 */
@Singleton
@Requires(beans = {SigningKeyPort.class, SigningSettings.class})
public class SigningKeys implements ApplicationEventListener<StartupEvent>, SigningKeyRingPort {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    /** A key's status at a moment, for administrators. */
    public record Status(String kid, String algorithm, Instant createdAt, Instant activatesAt, String state) {
    }

    private record Snapshot(Map<String, JWK> byKid, List<StoredSigningKey> stored, SigningKeySchedule schedule) {
    }

    private final SigningKeyPort store;
    private final SigningSettings settings;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private volatile PublishedDocument document;

    private record PublishedDocument(Snapshot from, List<String> kids, byte[] json) {
    }

    SigningKeys(SigningKeyPort store, SigningSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.snapshot = new Snapshot(Map.of(), List.of(),
                new SigningKeySchedule(List.of(), settings.longestTokenLifetime()));
    }

    @Override
    public void onApplicationEvent(StartupEvent started) {
        start();
    }

    /** Reads the keys other nodes made; the first one is made by the maintenance, at the same start. */
    void start() {
        if (settings.asymmetric()) {
            maintain();
        }
    }

    /** Other nodes may have made a key; keys whose tokens have all expired may go. */
    @Scheduled(fixedDelay = "${latchkey.oauth.jwt.key-refresh-interval:30s}",
            initialDelay = "${latchkey.oauth.jwt.key-refresh-interval:30s}")
    void maintainQuietly() {
        if (!settings.asymmetric()) {
            return;
        }
        try {
            maintain();
        } catch (RuntimeException failure) {
            LOG.warn("Could not refresh the JWT signing keys; the ones in memory serve until the next try", failure);
        }
    }

    /** The key to sign with now, with its private part. */
    JWK signingKey() {
        Snapshot current = snapshot;
        return current.schedule().signingAt(clock.instant()).map(version -> current.byKid().get(version.kid()))
                .orElseThrow(() -> new IllegalStateException("no JWT signing key is active yet"));
    }

    /** Whether a key of this id is published now: one to come, the signing one, or a retired one still in use. */
    boolean publishes(String kid) {
        return snapshot.schedule().publishedAt(clock.instant()).stream().anyMatch(version -> version.kid().equals(kid));
    }

    /** The public keys resource servers must find now: those to come, the signing one, and retired ones in use. */
    public JWKSet published() {
        return published(snapshot, snapshot.schedule().publishedAt(clock.instant()));
    }

    /**
     * {@link #published()} as the bytes of its JSON document (RFC 7517), written again only when the keys or the ones
     * published change: resource servers fetch it often, and it changes a few times a key's lifetime.
     */
    public byte[] publishedDocument() {
        Snapshot current = snapshot;
        List<String> kids = current.schedule().publishedAt(clock.instant()).stream()
                .map(SigningKeySchedule.Version::kid).toList();
        PublishedDocument last = document;
        if (last != null && last.from() == current && last.kids().equals(kids)) {
            return last.json();
        }
        byte[] json = published(current, current.schedule().publishedAt(clock.instant())).toString(true)
                .getBytes(StandardCharsets.UTF_8);
        document = new PublishedDocument(current, kids, json);
        return json;
    }

    private static JWKSet published(Snapshot current, List<SigningKeySchedule.Version> versions) {
        return new JWKSet(versions.stream().map(version -> current.byKid().get(version.kid()).toPublicJWK()).toList());
    }

    public List<Status> statuses() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        String signing = current.schedule().signingAt(now).map(SigningKeySchedule.Version::kid).orElse("");
        List<String> published = current.schedule().publishedAt(now).stream().map(SigningKeySchedule.Version::kid)
                .toList();
        return current.stored().stream().sorted(Comparator.comparing(StoredSigningKey::activatesAt))
                .map(key -> new Status(key.kid(), key.algorithm(), key.createdAt(), key.activatesAt(),
                        key.kid().equals(signing) ? "signing" : key.activatesAt().isAfter(now) ? "next"
                                : published.contains(key.kid()) ? "retired" : "expired"))
                .toList();
    }

    @Override
    public synchronized MadeKey makeSuccessor() {
        refresh();
        Status made = add(snapshot.stored().isEmpty() ? clock.instant()
                : clock.instant().plus(settings.publishAhead()));
        LOG.info("Made the JWT signing key {}; it signs from {}", made.kid(), made.activatesAt());
        return new MadeKey(made.kid(), made.algorithm(), made.activatesAt());
    }

    @Override
    public synchronized boolean dueForRotation() {
        refresh();
        return snapshot.schedule().needsRotationAt(clock.instant(), settings.rotationPeriod());
    }

    @Override
    public boolean inUse() {
        return settings.asymmetric();
    }

    /** Reads the keys, and deletes those no token of which can still be valid. */
    private synchronized void maintain() {
        refresh();
        Instant now = clock.instant();
        for (SigningKeySchedule.Version expired : snapshot.schedule().removableAt(now)) {
            store.remove(expired.kid());
            LOG.info("Deleted the JWT signing key {}: every token it signed has expired", expired.kid());
        }
    }

    private Status add(Instant activatesAt) {
        JWK key = generate();
        Instant now = clock.instant();
        try {
            StoredSigningKey stored = key instanceof ECKey ec
                    ? new StoredSigningKey(ec.getKeyID(), JWSAlgorithm.ES256.getName(),
                            ec.toECPrivateKey().getEncoded(), ec.toECPublicKey().getEncoded(), now, activatesAt)
                    : new StoredSigningKey(key.getKeyID(), JWSAlgorithm.RS256.getName(),
                            key.toRSAKey().toRSAPrivateKey().getEncoded(),
                            key.toRSAKey().toRSAPublicKey().getEncoded(), now, activatesAt);
            store.add(stored);
        } catch (JOSEException unexpected) {
            throw new IllegalStateException("could not encode a new signing key", unexpected);
        }
        refresh();
        return statuses().stream().filter(status -> status.kid().equals(key.getKeyID())).findFirst().orElseThrow();
    }

    private JWK generate() {
        try {
            return JWSAlgorithm.ES256.equals(settings.algorithm())
                    ? new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate()
                    : new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        } catch (JOSEException unexpected) {
            throw new IllegalStateException("could not generate a signing key", unexpected);
        }
    }

    private void refresh() {
        List<StoredSigningKey> stored = store.all();
        Map<String, JWK> byKid = stored.stream().collect(Collectors.toMap(StoredSigningKey::kid, SigningKeys::jwk));
        snapshot = new Snapshot(Map.copyOf(byKid), stored, new SigningKeySchedule(stored.stream()
                .map(key -> new SigningKeySchedule.Version(key.kid(), key.activatesAt())).toList(),
                settings.longestTokenLifetime()));
    }

    private static JWK jwk(StoredSigningKey key) {
        try {
            if (JWSAlgorithm.ES256.getName().equals(key.algorithm())) {
                KeyFactory factory = KeyFactory.getInstance("EC");
                return new ECKey.Builder(Curve.P_256,
                        (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(key.publicKey())))
                        .privateKey((ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey())))
                        .keyID(key.kid()).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build();
            }
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(key.publicKey())))
                    .privateKey((RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey())))
                    .keyID(key.kid()).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        } catch (GeneralSecurityException | ClassCastException unreadable) {
            throw new IllegalStateException("the stored signing key " + key.kid() + " cannot be read", unreadable);
        }
    }
}
