package dev.latchkey.adapter.persistence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What reaches the JVM's default uncaught-exception handler during a test, where the bootstrap ends the process on a
 * fatal error: kept here instead, and the handler put back after the test.
 */
public final class UncaughtErrors implements BeforeEachCallback, AfterEachCallback {

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previous;

    @Override
    public void beforeEach(ExtensionContext context) {
        reported.clear();
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> reported.add(failure));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    public List<Throwable> reported() {
        return reported;
    }
}
