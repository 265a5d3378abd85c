package dev.latchkey.bootstrap.cli;

import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.util.Map;

/**
 * The application's context without its HTTP server, started on first use: the configured database, migrated as the
 * service would migrate it, and the use cases wired as in the service.
 */
final class Store implements AutoCloseable {

    private final Map<String, Object> properties;
    private final BufferedReader input;
    private ApplicationContext context;

    /** With settings beyond the configuration (tests name their database this way) and where input comes from. */
    Store(Map<String, Object> properties, BufferedReader input) {
        this.properties = Map.copyOf(properties);
        this.input = input;
    }

    /** The command's standard input, where secrets come from. */
    BufferedReader input() {
        return input;
    }

    <T> T get(Class<T> type) {
        if (context == null) {
            try {
                context = ApplicationContext.builder().deduceEnvironment(false).environments("cli")
                        .properties(properties).start();
            } catch (RuntimeException unopened) {
                throw new Refusal("cannot open the store: " + rootMessage(unopened) + hint(unopened));
            }
        }
        return context.getBean(type);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The embedded H2 store is one process's at a time: the running service holds it. */
    private static String hint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("already in use")) {
                return ". The embedded H2 database is open in the running service: stop the service for the "
                        + "command, or use the HTTP API (on PostgreSQL, commands and the service run together)";
            }
        }
        return "";
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
