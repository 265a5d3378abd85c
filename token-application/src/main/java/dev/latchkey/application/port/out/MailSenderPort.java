package dev.latchkey.application.port.out;

import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.OwnerMail;
import java.net.URI;

/** Hands a message to the configured mail relay. */
public interface MailSenderPort {

    /** Sends one plain-text message; answers whether the relay took it, and if not, whether to try again. */
    Result send(EmailAddress to, OwnerMail mail);

    /** Where an owner manages their tokens, for the link in every message. */
    URI console();

    /** What became of a message handed to the relay. */
    sealed interface Result {
        /** The relay took the message. */
        record Sent() implements Result {
        }

        /**
         * The relay did not take it: {@code permanent} when it refused it for good (a 5xx reply about the message or
         * its recipient), so that trying again would change nothing.
         */
        record Failed(String why, boolean permanent) implements Result {
        }
    }
}
