package dev.latchkey.adapter.rest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.adapter.rest.oauth.IssuerLocation;
import dev.latchkey.application.port.out.MailSenderPort;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.OwnerMail;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP relay adapter against a real SMTP server on loopback (GreenMail): what it sends, and how it fails. */
class SmtpMailSenderTest {

    private static final OwnerMail MAIL = new OwnerMail("Your Latchkey token \"für CI ✓\" was revoked",
            "Hello alice,\n\nYour token was revoked.\n");
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final IssuerLocation location = mock(IssuerLocation.class);

    SmtpMailSenderTest() {
        smtp.start();
        when(location.ofService()).thenReturn("https://latchkey.example");
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private SmtpMailSender sender(int port, String username, String password) {
        return new SmtpMailSender("127.0.0.1", port, false, username, password, "Latchkey <latchkey@example.com>",
                location);
    }

    @Test
    void aMessageReachesTheRelayAsPlainUtf8TextFromTheConfiguredSender() throws Exception {
        smtp.setUser("relay-user", "relay-password");

        MailSenderPort.Result result = sender(smtp.getSmtp().getPort(), "relay-user", "relay-password")
                .send(EmailAddress.of("alice@example.com"), MAIL);

        assertThat(result).isEqualTo(new MailSenderPort.Result.Sent());
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo(MAIL.subject());
        assertThat(received.getFrom()[0].toString()).isEqualTo("Latchkey <latchkey@example.com>");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(GreenMailUtil.getBody(received).replace("\r\n", "\n")).isEqualTo(MAIL.body().strip());
    }

    @Test
    void aRelayThatCannotBeReachedIsAFailureToTryAgain() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        MailSenderPort.Result result = sender(closed, null, null).send(EmailAddress.of("alice@example.com"), MAIL);

        assertThat(result).isInstanceOfSatisfying(MailSenderPort.Result.Failed.class, failed -> {
            assertThat(failed.permanent()).isFalse();
            assertThat(failed.why()).contains("127.0.0.1");
        });
    }

    @Test
    void aRefusalOfTheRecipientIsFinalOnlyWhenTheReplyIs5xx() throws Exception {
        InternetAddress alice = new InternetAddress("alice@example.com");
        MessagingException refused = new MessagingException("could not send", new SMTPAddressFailedException(alice,
                "RCPT TO", 550, "550 no such user"));
        MessagingException deferred = new MessagingException("could not send", new SMTPAddressFailedException(alice,
                "RCPT TO", 451, "451 try again later"));

        assertThat(SmtpMailSender.refusedForGood(refused)).isTrue();
        assertThat(SmtpMailSender.refusedForGood(deferred)).isFalse();
        assertThat(SmtpMailSender.refusedForGood(new MessagingException("connection reset"))).isFalse();
    }

    @Test
    void aMissingOrInvalidSenderAddressStopsStartUp() {
        for (String from : new String[] {null, " ", "not an address", "a@b@c"}) {
            assertThatThrownBy(() -> new SmtpMailSender("127.0.0.1", 25, true, null, null, from, location))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("latchkey.mail.from");
        }
        assertThatThrownBy(() -> new SmtpMailSender("127.0.0.1", 70_000, true, null, null, "l@example.com",
                location)).hasMessageContaining("latchkey.mail.port");
    }

    @Test
    void theConsoleLinkIsTheServicesPublicAddress() {
        assertThat(sender(25, null, null).console()).hasToString("https://latchkey.example/console/tokens");
    }
}
