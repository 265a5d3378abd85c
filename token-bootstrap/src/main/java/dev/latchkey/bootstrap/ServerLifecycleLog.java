package dev.latchkey.bootstrap;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import dev.latchkey.application.port.out.LoadAccountPort;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log when the service starts listening, on which port, and when it stops, so that an operator (or a
 * supervisor reading the log) can tell a stop asked for from a crash.
 */
@Singleton
final class ServerLifecycleLog {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycleLog.class);

    private final LoadAccountPort accounts;
    private final String store;
    private final boolean bootstrapAdministratorSet;

    ServerLifecycleLog(LoadAccountPort accounts, @Value("${datasources.default.url:}") String url,
                       @Nullable @Value("${" + BootstrapAdministrator.USERNAME_PROPERTY + ":}") String administrator) {
        this.accounts = accounts;
        this.store = storeOf(url);
        this.bootstrapAdministratorSet = administrator != null && !administrator.isEmpty();
    }

    @EventListener
    void listening(ServerStartupEvent started) {
        LOG.info("Listening on port {}; store: {}", started.getSource().getPort(), store);
        if (!bootstrapAdministratorSet && !accounts.anyAccountExists()) {
            LOG.warn("No account exists and no bootstrap administrator is configured, so no one can sign in: set "
                    + "LATCHKEY_BOOTSTRAP_ADMIN_USERNAME and LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD, or run "
                    + "`latchkey accounts create --username … --role admin` with the service stopped");
        }
    }

    /**
     * The database as operators need to see it, without what a JDBC URL may carry after its path: parameters, which
     * can hold a password.
     */
    static String storeOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "H2 " + url.substring("jdbc:h2:".length()).split(";", 2)[0];
        }
        if (url.startsWith("jdbc:postgresql:")) {
            String rest = url.substring("jdbc:postgresql:".length()).split("\\?", 2)[0];
            return "PostgreSQL " + rest.replaceFirst("^//[^@/]*@", "//");
        }
        return url.isEmpty() ? "none configured" : url.split("[;?]", 2)[0];
    }

    @EventListener
    void stoppedListening(ServerShutdownEvent stopped) {
        LOG.info("Stopped listening on port {}; requests in flight may finish", stopped.getSource().getPort());
    }

    /** After the requests in flight: what is left is closing the store, which writes the last-use times first. */
    @EventListener
    void stopping(ShutdownEvent stopping) {
        LOG.info("Requests in flight are done; closing the store");
    }
}
