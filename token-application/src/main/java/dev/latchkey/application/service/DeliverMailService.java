package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeliverMailUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.MailOutboxPort;
import dev.latchkey.application.port.out.MailOutboxPort.QueuedMail;
import dev.latchkey.application.port.out.MailSenderPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.DeliverySchedule;
import dev.latchkey.domain.OwnerMail;
import dev.latchkey.domain.OwnerNotices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

final class DeliverMailService implements DeliverMailUseCase {

    /** How long a claim holds: a relay's slowest answer many times over, for the handful of messages one claim takes. */
    static final Duration CLAIM = Duration.ofMinutes(5);

    private final String node;
    private final MailOutboxPort outbox;
    private final MailSenderPort sender;
    private final LoadAccountPort accounts;
    private final LoadTokenPort tokens;
    private final RandomnessPort randomness;
    private final Clock clock;

    DeliverMailService(String node, MailOutboxPort outbox, MailSenderPort sender, LoadAccountPort accounts,
                       LoadTokenPort tokens, RandomnessPort randomness, Clock clock) {
        this.node = node;
        this.outbox = outbox;
        this.sender = sender;
        this.accounts = accounts;
        this.tokens = tokens;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public int sendDue(int max) {
        Instant now = clock.instant();
        int sent = 0;
        for (QueuedMail mail : outbox.claimDue(node, now, now.plus(CLAIM), max)) {
            if (send(mail)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Decides, with the facts as they are now, what the message says and whether it goes at all: the owner may have
     * removed their address or turned notices off since it was queued.
     */
    private boolean send(QueuedMail mail) {
        AuditEvent event = mail.event();
        Optional<Account> owner = event.account().flatMap(accounts::loadById);
        if (owner.isEmpty() || owner.get().email().isEmpty() || !owner.get().notifications()) {
            outbox.skipped(mail, owner.isEmpty() ? "the account is gone"
                    : owner.get().email().isEmpty() ? "the account has no e-mail address" : "notices are off");
            return false;
        }
        Optional<String> actor = event.actor().accountId().flatMap(accounts::loadById)
                .map(account -> account.username().value());
        Optional<OwnerMail> message = OwnerNotices.mailFor(event, owner.get(), event.token().flatMap(tokens::loadById),
                actor, sender.console());
        if (message.isEmpty()) {
            outbox.skipped(mail, "nothing to tell the owner");
            return false;
        }
        Instant now = clock.instant();
        MailSenderPort.Result result = sender.send(owner.get().email().get(), message.get());
        if (result instanceof MailSenderPort.Result.Failed failed) {
            Optional<Instant> retryAt = failed.permanent() ? Optional.empty() : DeliverySchedule.nextAttempt(
                    mail.firstAttemptAt().orElse(now), mail.attempts() + 1, now, RetryJitter.spread(randomness));
            if (retryAt.isPresent()) {
                outbox.retry(mail, now, failed.why(), retryAt.get());
            } else {
                outbox.failed(mail, now, failed.why());
            }
            return false;
        }
        outbox.sent(mail, now);
        return true;
    }
}
