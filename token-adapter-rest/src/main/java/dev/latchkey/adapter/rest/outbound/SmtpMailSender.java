package dev.latchkey.adapter.rest.outbound;

import dev.latchkey.adapter.rest.oauth.IssuerLocation;
import dev.latchkey.application.port.out.MailSenderPort;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.OwnerMail;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owners' mail through the SMTP relay an operator configures ({@code latchkey.mail.*}): plain text in UTF-8, with
 * STARTTLS required unless turned off, the relay's certificate and name checked, and every step bounded by a
 * timeout. A relay's 5xx refusal of the message or its recipient is final; anything else is tried again later.
 */
@Singleton
@Requires(property = "latchkey.mail.host")
public final class SmtpMailSender implements MailSenderPort {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Session session;
    private final InternetAddress from;
    private final IssuerLocation location;

    SmtpMailSender(@Value("${latchkey.mail.host}") String host, @Value("${latchkey.mail.port:587}") int port,
                   @Value("${latchkey.mail.starttls:true}") boolean starttls,
                   @Nullable @Value("${latchkey.mail.username:}") String username,
                   @Nullable @Value("${latchkey.mail.password:}") String password,
                   @Nullable @Value("${latchkey.mail.from:}") String from, IssuerLocation location) {
        this.location = location;
        this.from = sender(from);
        if (port < 1 || port > 65_535) {
            throw new ConfigurationException("latchkey.mail.port: " + port + " is not a port");
        }
        Properties settings = new Properties();
        settings.put("mail.smtp.host", host);
        settings.put("mail.smtp.port", Integer.toString(port));
        settings.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        settings.put("mail.smtp.starttls.required", Boolean.toString(starttls));
        settings.put("mail.smtp.ssl.checkserveridentity", "true");
        String millis = Long.toString(TIMEOUT.toMillis());
        settings.put("mail.smtp.connectiontimeout", millis);
        settings.put("mail.smtp.timeout", millis);
        settings.put("mail.smtp.writetimeout", millis);
        boolean authenticates = username != null && !username.isBlank();
        settings.put("mail.smtp.auth", Boolean.toString(authenticates));
        Authenticator credentials = authenticates ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, password == null ? "" : password);
            }
        } : null;
        this.session = Session.getInstance(settings, credentials);
        if (!starttls) {
            LOG.warn("latchkey.mail.starttls is false: mail to owners, and the relay's password if one is set, cross "
                    + "the network to {}:{} unencrypted", host, port);
        }
    }

    private static InternetAddress sender(String from) {
        if (from == null || from.isBlank()) {
            throw new ConfigurationException("latchkey.mail.from: set the address owners' mail comes from, "
                    + "such as latchkey@example.com");
        }
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException invalid) {
            throw new ConfigurationException("latchkey.mail.from: " + invalid.getMessage());
        }
    }

    @Override
    public Result send(EmailAddress to, OwnerMail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.value(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
            return new Result.Sent();
        } catch (MessagingException failed) {
            return new Result.Failed(describe(failed), refusedForGood(failed));
        }
    }

    /** Whether the relay refused the message or its recipient with a 5xx reply, anywhere in the chain of failures. */
    static boolean refusedForGood(MessagingException failed) {
        for (Exception cause = failed; cause != null;
             cause = cause instanceof MessagingException messaging ? messaging.getNextException() : null) {
            int code = cause instanceof SMTPAddressFailedException address ? address.getReturnCode()
                    : cause instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : cause instanceof SMTPSenderFailedException sender ? sender.getReturnCode() : 0;
            if (code >= 500 && code < 600) {
                return true;
            }
            if (cause instanceof AddressException) {
                return true;
            }
        }
        return false;
    }

    /** The failure as an operator reads it in the outbox, one line. */
    private static String describe(MessagingException failed) {
        String message = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
        Exception next = failed.getNextException();
        if (next != null && next.getMessage() != null) {
            message += ": " + next.getMessage();
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    @Override
    public URI console() {
        return URI.create(location.ofService() + "/console/tokens");
    }
}
