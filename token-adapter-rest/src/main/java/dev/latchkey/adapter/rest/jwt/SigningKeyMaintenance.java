package dev.latchkey.adapter.rest.jwt;

import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the core, at start-up and every refresh interval, whether a signing key is due, so that a node signs from its
 * first request on and keys rotate on schedule with no administrator. The core decides and records it.
 */
@Singleton
@Requires(beans = {SigningKeys.class, RotateSigningKeyUseCase.class})
class SigningKeyMaintenance implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyMaintenance.class);

    private final RotateSigningKeyUseCase rotation;

    SigningKeyMaintenance(RotateSigningKeyUseCase rotation) {
        this.rotation = rotation;
    }

    @Override
    public void onApplicationEvent(StartupEvent started) {
        rotation.rotateIfDue();
    }

    @Scheduled(fixedDelay = "${latchkey.oauth.jwt.key-refresh-interval:30s}",
            initialDelay = "${latchkey.oauth.jwt.key-refresh-interval:30s}")
    void rotateIfDueQuietly() {
        try {
            rotation.rotateIfDue();
        } catch (RuntimeException failure) {
            LOG.warn("Could not rotate the JWT signing key; the current one signs until the next try", failure);
        }
    }
}
