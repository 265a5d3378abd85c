package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is done with a token secret found where others can read it: a scanner's report (GitHub's secret-scanning
 * partner programme), anyone's report, and an administrator's question of what a secret is. A live token among the
 * reported secrets is revoked at once, as leaked; a report tells a reporter nothing a secret did not already say.
 */
public interface LeakedTokensUseCase {

    /** The most secrets one report may carry (GitHub's and our own). */
    int MAX_SECRETS_PER_REPORT = 1_000;

    /**
     * A scanner's matches, judged in order: each that is a Latchkey token (live or not) is a true positive, and a live
     * one is revoked with reason {@code LEAKED}.
     */
    List<Finding> report(List<Report> reports);

    /**
     * Anyone's report of secrets they found: each live token among them is revoked, and the answer is the same
     * whatever they were, unless the address has reported too often.
     */
    PublicReport reportPublicly(List<String> secrets, String address);

    /**
     * Which token a secret is, of any kind Latchkey issues, live or not; recorded in the audit trail by the secret's
     * fingerprint.
     *
     * @throws NotAnAdministratorException unless the caller is an administrator
     */
    Optional<Identified> identify(Caller administrator, String secret);

    /**
     * What the caller is told of their own tokens found leaked: the notices they have not dismissed (the newest
     * {@value #MAX_NOTICES_SHOWN}), and the notice of each of {@code shownTokens} that has one.
     */
    LeakNotices noticesFor(Caller owner, Collection<TokenId> shownTokens);

    /** Dismisses each of the caller's notices shown so far; answers how many there were. */
    int dismissNotices(Caller owner);

    /** The most undismissed notices {@link #noticesFor} answers. */
    int MAX_NOTICES_SHOWN = 20;

    /**
     * One match: the secret, what kind of match it was, and where it was found.
     *
     * @param source where the scanner found it: GitHub's {@code content}, {@code commit}, {@code npm}, or anything else
     */
    record Report(String secret, String matchType, String url, String source) {
        public Report {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(matchType, "matchType");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return "Report[secret=redacted, matchType=" + matchType + ", source=" + source + "]";
        }
    }

    /** The verdict on one match: the SHA-256 of the secret as hex, the match type, and whether it was a token. */
    record Finding(String secretSha256, String matchType, boolean token) {
    }

    /** What a public report came to. */
    sealed interface PublicReport {
        /** Received: whatever the secrets were, the answer is this. */
        record Received() implements PublicReport {
        }

        /** The address reported too often; it may report again after {@code retryAfter}. */
        record Limited(Duration retryAfter) implements PublicReport {
        }
    }

    /**
     * An owner's notices: those not yet dismissed, the newest first, and those of the tokens asked about, by token.
     */
    record LeakNotices(List<LeakedToken> undismissed, Map<TokenId, LeakNotice> ofTokens) {
        public LeakNotices {
            undismissed = List.copyOf(undismissed);
            ofTokens = Map.copyOf(ofTokens);
        }
    }

    /** A notice with the description of its token, as the owner named it, so the owner knows which one it was. */
    record LeakedToken(LeakNotice notice, TokenDescription description) {
        public LeakedToken {
            Objects.requireNonNull(notice, "notice");
            Objects.requireNonNull(description, "description");
        }
    }

    /** The token a secret is, as its owner would see it, and the owner. */
    record Identified(TokenDetails details, Account owner) {
    }
}
