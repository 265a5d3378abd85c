package dev.latchkey.application.port.in;

import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Token;
import java.util.Objects;

/**
 * Issues a partner-scoped token (scope {@code partner:<id>}) to an account of that partner, with its password, and
 * only once the partner's legal and sales agreements are signed.
 */
public interface IssuePartnerTokenUseCase {

    Outcome issue(IssuePartnerTokenCommand command);

    /** Signs a partner's member in with login and password and issues a token scoped to that partner. */
    record IssuePartnerTokenCommand(String login, String password, String address, PartnerId partner,
                                    Lifetime lifetime) {
        public IssuePartnerTokenCommand {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public String toString() {
            return "IssuePartnerTokenCommand[login=" + login + ", password=redacted, partner=" + partner + "]";
        }
    }

    /** Why no partner token was issued. */
    enum Reason {
        BAD_CREDENTIALS,
        NOT_A_MEMBER,
        UNKNOWN_PARTNER,
        AGREEMENTS_NOT_SIGNED,
        /** The issuance policy governing the account refuses it: its scope, or the count of active tokens. */
        POLICY_VIOLATED
    }

    /** A partner-scoped token, or why there is none. */
    sealed interface Outcome {
        /** The token, and its credential in clear, here only. */
        record Issued(Token token, String credential) implements Outcome {
            @Override
            public String toString() {
                return "Issued[token=" + token + ", credential=redacted]";
            }
        }

        /** The reason is for logs; the platform answers every one of them with 401. */
        record Refused(Reason reason) implements Outcome {
        }
    }
}
