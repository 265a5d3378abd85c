package dev.latchkey.adapter.persistence.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.UncaughtErrors;
import io.micronaut.transaction.TransactionOperations;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An error thrown on the token writer's thread reaches the uncaught-exception handler (where the bootstrap ends the
 * process on a fatal one), and the writer goes on: no issuance waits for a dead writer.
 */
// A separate thread: a writer that died would leave insert() in an uninterruptible join.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TokenInsertsTest {

    @RegisterExtension
    final UncaughtErrors uncaught = new UncaughtErrors();

    @Test
    void anErrorWhileWritingTokensFailsThatBatchReportsItAndTheWriterGoesOn() throws InterruptedException {
        AtomicInteger writes = new AtomicInteger();
        Error injected = new InternalError("injected into the first write");
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = (TransactionOperations<Connection>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionOperations.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("executeWrite")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (writes.incrementAndGet() == 1) {
                        throw injected;
                    }
                    return java.util.List.of(dev.latchkey.application.port.out.SaveTokenPort.SaveOutcome.SAVED);
                });
        TokenInserts inserts = new TokenInserts(transactions);
        dev.latchkey.domain.Token token = dev.latchkey.domain.Token.issue(dev.latchkey.domain.TokenAttributes.personal(
                dev.latchkey.domain.TokenId.fromRandomBytes(new byte[16]),
                dev.latchkey.domain.AccountId.fromRandomBytes(new byte[16]), dev.latchkey.domain.TokenDescription.none(),
                dev.latchkey.domain.Scopes.none(), dev.latchkey.domain.Expiry.never()), java.time.Instant.EPOCH,
                dev.latchkey.domain.SecretHash.of("lk_example")).token();
        try {
            // The fake store never reads the token.
            assertThatThrownBy(() -> inserts.insert(token, null, java.util.OptionalInt.empty())).cause()
                    .isSameAs(injected);
            inserts.insert(token, null, java.util.OptionalInt.empty());
            assertThat(writes).hasValue(2);
            assertThat(uncaught.reported()).containsExactly(injected);
        } finally {
            inserts.stop();
        }
    }
}
