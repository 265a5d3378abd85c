package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import java.time.Duration;
import java.util.List;
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

    /** The token a secret is, as its owner would see it, and the owner. */
    record Identified(TokenDetails details, Account owner) {
    }
}
