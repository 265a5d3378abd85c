package dev.latchkey.adapter.rest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock the bootstrap provides in the service, for this module's tests of the HTTP layer alone: the wall clock,
 * unless a test gives one of its own.
 */
@Factory
class WallClockForTests {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
