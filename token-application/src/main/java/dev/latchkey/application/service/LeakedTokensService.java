package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.out.LeakNoticePort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.ReportLimitPort;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class LeakedTokensService implements LeakedTokensUseCase {

    /** What the trail says found a publicly reported secret. */
    static final String PUBLIC_REPORT = "public report";

    private final PresentedCredentials credentials;
    private final TokenDetailsReader reader;
    private final TokenLifecycle lifecycle;
    private final LoadAccountPort accounts;
    private final RecordAuditEventPort audit;
    private final ReportLimitPort limits;
    private final LeakNoticePort notices;

    LeakedTokensService(PresentedCredentials credentials, TokenDetailsReader reader, TokenLifecycle lifecycle,
                        LoadAccountPort accounts, RecordAuditEventPort audit, ReportLimitPort limits,
                        LeakNoticePort notices) {
        this.credentials = credentials;
        this.reader = reader;
        this.lifecycle = lifecycle;
        this.accounts = accounts;
        this.audit = audit;
        this.limits = limits;
        this.notices = notices;
    }

    @Override
    public List<Finding> report(List<Report> reports) {
        if (reports.size() > MAX_SECRETS_PER_REPORT) {
            throw new IllegalArgumentException("a report carries at most " + MAX_SECRETS_PER_REPORT + " secrets");
        }
        // One transaction for the whole report: every node refuses its tokens within one lease after it commits,
        // waited for once, not once per token; run again whole if it must be, which changes nothing done already.
        return lifecycle.inTransaction(() -> {
            List<Finding> findings = new ArrayList<>(reports.size());
            for (Report report : reports) {
                // Format and checksum first (in PresentedCredentials): a string that is no token costs one hash.
                Optional<Token> token = credentials.find(report.secret());
                token.ifPresent(found -> revokeAsLeaked(found, report));
                findings.add(new Finding(SecretHash.of(report.secret()).toHex(), report.matchType(),
                        token.isPresent()));
            }
            return findings;
        });
    }

    @Override
    public PublicReport reportPublicly(List<String> secrets, String address) {
        if (limits.admit(address) instanceof ReportLimitPort.Admission.Refused refused) {
            return new PublicReport.Limited(refused.retryAfter());
        }
        report(secrets.stream().map(secret -> new Report(secret, "credential", "", PUBLIC_REPORT)).toList());
        return new PublicReport.Received();
    }

    @Override
    public Optional<Identified> identify(Caller administrator, String secret) {
        administrator.requireAdministrator();
        Optional<Token> token = credentials.find(secret).map(reader::reload);
        Instant now = reader.now();
        audit.record(AuditEvent.of(now, AuditEventType.TOKEN_IDENTIFIED, administrator.actor(),
                token.map(Token::owner), token.map(Token::id), "fingerprint=" + AuditText.fingerprint(secret)
                        + " found=" + token.isPresent()));
        return token.flatMap(found -> accounts.loadById(found.owner())
                .map(owner -> new Identified(reader.detailsOf(found), owner)));
    }

    @Override
    public LeakNotices noticesFor(Caller owner, Collection<TokenId> shownTokens) {
        Map<TokenId, LeakNotice> ofTokens = new HashMap<>();
        if (!shownTokens.isEmpty()) {
            notices.ofTokens(owner.accountId(), shownTokens).forEach(notice -> ofTokens.put(notice.token(), notice));
        }
        return new LeakNotices(notices.undismissed(owner.accountId(), MAX_NOTICES_SHOWN).stream()
                .map(notice -> new LeakedToken(notice, reader.loadOwned(owner, notice.token())
                        .map(Token::description).orElse(TokenDescription.none()))).toList(), ofTokens);
    }

    @Override
    public int dismissNotices(Caller owner) {
        return notices.dismissAll(owner.accountId(), reader.now());
    }

    /**
     * Revokes a live token, its grant with it when it is a refresh token, and records who found it where; a token
     * revoked already is left as it is, so a report made twice changes nothing. The owner's notice is written with
     * the revocation, so there is never one without the other.
     */
    private void revokeAsLeaked(Token token, Report report) {
        Instant now = reader.now();
        Actor finder = Actor.system();
        lifecycle.inTransaction(() -> {
            if (lifecycle.revoke(token, now, RevocationReason.LEAKED, finder)) {
                audit.record(AuditEvent.of(now, AuditEventType.TOKEN_LEAKED, finder, Optional.of(token.owner()),
                        Optional.of(token.id()), "source=" + AuditText.value(report.source(), 64) + " type="
                                + AuditText.value(report.matchType(), 64) + " url="
                                + AuditText.value(report.url(), 512)));
                notices.record(LeakNotice.found(token, report.source(), report.url(), now));
            }
            return null;
        });
    }
}
