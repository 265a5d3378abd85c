package dev.latchkey.adapter.persistence.changelog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.adapter.persistence.CacheSettings;
import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenPolicy;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * What a node keeps in memory for the token check, each cache wired to the change-log subjects that invalidate it.
 * Which token a secret hash belongs to never changes, so that mapping needs no invalidation.
 */
@Singleton
public final class PersistenceCaches {

    public final LeasedCache<UUID, Token> tokens;
    public final Cache<SecretHash, UUID> tokenIdsBySecretHash;
    public final LeasedCache<UUID, Account> accounts;
    public final LeasedCache<Long, Partner> partners;
    public final LeasedCache<String, OAuthClient> clients;
    public final LeasedCache<String, TokenPolicy> policies;

    PersistenceCaches(ChangeFeed feed, CacheSettings settings, JdbcTransactions writes, StoreMetrics metrics) {
        tokens = new LeasedCache<>(feed, settings.maximumEntries(), writes::inTransaction, "tokens", metrics,
                false);
        tokenIdsBySecretHash = Caffeine.newBuilder().maximumSize(settings.maximumEntries()).build();
        accounts = new LeasedCache<>(feed, settings.maximumEntries(), writes::inTransaction, "accounts", metrics,
                false);
        partners = new LeasedCache<>(feed, settings.maximumEntries(), writes::inTransaction, "partners", metrics,
                false);
        clients = new LeasedCache<>(feed, settings.maximumEntries(), writes::inTransaction, "clients", metrics,
                false);
        policies = new LeasedCache<>(feed, settings.maximumEntries(), writes::inTransaction, "policies", metrics,
                true);
        feed.onChange(Change.Kind.TOKEN, id -> tokens.invalidate(UUID.fromString(id)));
        feed.onChange(Change.Kind.ACCOUNT, id -> accounts.invalidate(UUID.fromString(id)));
        feed.onChange(Change.Kind.PARTNER, id -> partners.invalidate(Long.valueOf(id)));
        feed.onChange(Change.Kind.CLIENT, clients::invalidate);
        feed.onChange(Change.Kind.POLICY, policies::invalidate);
    }
}
