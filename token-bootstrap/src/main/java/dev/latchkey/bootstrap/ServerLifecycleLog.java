package dev.latchkey.bootstrap;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
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

    @EventListener
    void listening(ServerStartupEvent started) {
        LOG.info("Listening on port {}", started.getSource().getPort());
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
