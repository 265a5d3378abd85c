package dev.latchkey.bootstrap.ops;

import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.adapter.rest.security.DirectRouteCounts;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.RevocationReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Latchkey's own meters, at {@code /prometheus} beside the JVM's and the introspection timer ({@link IntrospectionTimer}):
 * {@code latchkey_events_total{type,reason}} (tokens issued, used, revoked and refused, logins failed, …, by reason),
 * {@code latchkey_cache_gets_total{cache,result}} (the token check's hit ratio),
 * {@code latchkey_password_hashes_waiting} (the password-hash queue), and
 * {@code latchkey_http_direct_total{outcome}} (requests for the directly served routes answered directly, or passed on
 * to Micronaut's routing: ADR 23).
 */
@Singleton
final class LatchkeyMetrics implements MeterBinder {

    private static final List<String> CACHES = List.of("tokens", "accounts", "partners", "clients");

    private final StoreMetrics store;
    private final DirectRouteCounts direct;

    LatchkeyMetrics(StoreMetrics store, DirectRouteCounts direct) {
        this.store = store;
        this.direct = direct;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (AuditEventType type : AuditEventType.values()) {
            for (String reason : reasonsOf(type)) {
                FunctionCounter.builder("latchkey.events", store, metrics -> metrics.events(type, reason))
                        .description("Security events since start, as the audit trail records them")
                        .tags("type", type.wireName(), "reason", reason.toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
        for (String cache : CACHES) {
            for (boolean hit : new boolean[] {true, false}) {
                FunctionCounter.builder("latchkey.cache.gets", store, metrics -> metrics.cacheGets(cache, hit))
                        .description("Lookups answered from memory (hit) or from the store (miss)")
                        .tags("cache", cache, "result", hit ? "hit" : "miss")
                        .register(registry);
            }
        }
        FunctionCounter.builder("latchkey.http.direct", direct, DirectRouteCounts::served)
                .description("Requests for the directly served routes (ADR 23) answered without Micronaut's routing")
                .tags("outcome", "served")
                .register(registry);
        FunctionCounter.builder("latchkey.http.direct", direct, DirectRouteCounts::passedOn)
                .description("Requests for the directly served routes (ADR 23) answered without Micronaut's routing")
                .tags("outcome", "passed_on")
                .register(registry);
        Gauge.builder("latchkey.password.hashes.waiting", store, StoreMetrics::waitingPasswordHashes)
                .description("Password hashes waiting for a free hashing slot")
                .register(registry);
    }

    private static List<String> reasonsOf(AuditEventType type) {
        return switch (type) {
            case TOKEN_REVOKED -> Arrays.stream(RevocationReason.values()).map(Enum::name).toList();
            case TOKEN_REFUSED, LOGIN_FAILED ->
                    Arrays.stream(AuthenticateUseCase.Reason.values()).map(Enum::name).toList();
            default -> List.of("");
        };
    }
}
