package dev.latchkey.application.port.in;

import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import java.util.Objects;

/**
 * Signs in with a username and password and issues a token in one step, for platforms whose token endpoint takes the
 * password itself (the Sample Token API's {@code grant_type=password}). Login limits and the issuance policy apply as
 * they do anywhere.
 */
public interface IssueTokenWithPasswordUseCase {

    Outcome issue(PasswordIssueCommand command);

    /**
     * @param supersedesSameDescription revoke the account's earlier personal tokens with this description, so that it
     *                                  holds one per description
     */
    record PasswordIssueCommand(String username, String password, String address, TokenDescription description,
                                Lifetime lifetime, boolean supersedesSameDescription) {
        public PasswordIssueCommand {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public String toString() {
            return "PasswordIssueCommand[username=" + username + ", password=redacted]";
        }
    }

    /** A new token for the signed-in account, or why there is none. */
    sealed interface Outcome {
        /** The token, its credential (to be shown once), and who signed in. */
        record Issued(Caller caller, Token token, String credential) implements Outcome {
            @Override
            public String toString() {
                return "Issued[caller=" + caller + ", token=" + token + ", credential=redacted]";
            }
        }

        /** The username or password is wrong, or the account cannot sign in; which, is not told. */
        record BadCredentials() implements Outcome {
        }

        /** Signed in, and the issue refused: the issue's own outcome says why. */
        record IssueRefused(IssueTokenUseCase.Outcome refusal) implements Outcome {
        }
    }
}
