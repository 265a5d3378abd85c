package dev.latchkey.application.port.out;

import java.net.URI;
import java.util.Optional;

/**
 * Which URLs events may be sent to: {@code https} to hosts whose every address is public, unless the installation
 * allows insecure destinations (development and tests).
 */
public interface WebhookDestinationsPort {

    /** Whether {@code http} and internal addresses are allowed. */
    boolean insecureAllowed();

    /** Why events may not be sent to the URL (its host is internal, or does not resolve); empty when they may. */
    Optional<String> refusal(URI url);
}
