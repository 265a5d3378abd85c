package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.Username;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract of the persistence adapter stands on: the whole adapter started on one real database, migrated
 * by the same Flyway scripts the service uses, and the accounts and tokens most contracts need, stored through the
 * ports the core uses. Each aggregate's contract lives in that aggregate's package, beside its package-private
 * adapter, and runs once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {

    protected static final SecureRandom RANDOM = new SecureRandom();
    /** The master key the store's context is given, as every node is: a test may start another context beside it. */
    protected static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(RANDOM.generateSeed(32));
    /** Databases keep microseconds; the domain must round-trip exactly, so tests use what the column can hold. */
    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final SessionTimeouts SESSION_TIMEOUTS =
            new SessionTimeouts(Duration.ofMinutes(15), Duration.ofHours(8));

    protected ApplicationContext context;
    /** The datasource and settings the context was started with. */
    protected Map<String, Object> properties;
    private TestDatabase database;
    private SaveAccountPort accountStore;
    private SaveTokenPort tokenStore;

    /** The database under test. */
    protected abstract TestDatabase database();

    @BeforeAll
    void startContext() {
        database = database();
        properties = new HashMap<>(database.start());
        properties.put("flyway.datasources.default.enabled", true);
        // The tests flush uses themselves, to see exactly what each flush writes.
        properties.put("latchkey.usage.flush-interval", "1h");
        properties.put("latchkey.audit.count-interval", "1h");
        properties.put("latchkey.master-key", MASTER_KEY);
        configure(properties);
        // What bootstrap configures: the sweep of sign-in sessions needs the timeouts.
        context = startContext(properties);
        accountStore = context.getBean(SaveAccountPort.class);
        tokenStore = context.getBean(SaveTokenPort.class);
    }

    /** Settings a contract adds to the store's, before it starts: a mail relay, for one. */
    protected void configure(Map<String, Object> settings) {
    }

    /** Another context on the same store, as another node would be, with these settings. */
    protected static ApplicationContext startContext(Map<String, Object> settings) {
        return ApplicationContext.builder().properties(settings).singletons(SESSION_TIMEOUTS).start();
    }

    @AfterAll
    void stopContext() throws Exception {
        if (context != null) {
            context.close();
        }
        database.close();
    }

    protected static byte[] random(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    protected Account newAccount() {
        Account account = Account.create(AccountId.fromRandomBytes(random(16)),
                Username.of("user-" + AccountId.fromRandomBytes(random(16)).value().toString().substring(0, 8)),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);
        assertThat(accountStore.saveNew(account)).isEqualTo(SaveAccountPort.SaveOutcome.SAVED);
        return account;
    }

    protected Token newToken(Account owner, Instant createdAt, Expiry expiry) {
        return save(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), owner.id(),
                TokenDescription.of("für CI ✓"), Scopes.of("read", "write:tokens"), expiry), createdAt);
    }

    protected Token newRefreshToken(Account owner, GrantId grant) {
        return save(new TokenAttributes(TokenId.fromRandomBytes(random(16)), owner.id(), TokenKind.REFRESH,
                TokenDescription.none(), Scopes.of("read"), Expiry.at(NOW.plusSeconds(3600)), Optional.of(grant),
                Optional.of(ClientId.of("gateway")), Optional.of(GrantSurface.of("test-surface"))), NOW);
    }

    /** Issues a token with these attributes and stores it with its audit entry. */
    protected Token save(TokenAttributes attributes, Instant createdAt) {
        Token token = Token.issue(attributes, createdAt, TokenSecret.fromRandomBytes(random(32)).hash()).token();
        tokenStore.saveNew(token, issueOf(token));
        return token;
    }

    /** The audit entry a token's issue is stored with. */
    public static AuditEvent issueOf(Token token) {
        return AuditEvent.of(token.createdAt(), AuditEventType.TOKEN_ISSUED, Actor.account(token.owner()),
                Optional.of(token.owner()), Optional.of(token.id()), "test");
    }

    protected static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception notBoth) {
            throw new IllegalStateException("the other writer did not take its first lock", notBoth);
        }
    }

    protected static void awaitOrFail(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the other writer reached its step").isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
