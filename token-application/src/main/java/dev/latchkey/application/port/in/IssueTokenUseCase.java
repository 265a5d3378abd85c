package dev.latchkey.application.port.in;

import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.SecretHash;
import java.util.Objects;
import java.util.Optional;

/** Issues a new personal token to the caller. */
public interface IssueTokenUseCase {

    Outcome issue(IssueTokenCommand command);

    /**
     * The policy that governs the issuer's next token, so that a form can offer only the lifetimes it allows. The
     * issue itself checks again: the policy may change in between.
     */
    TokenPolicy policyFor(Caller issuer);

    /**
     * @param lifetime                  how long the token should live: as asked, the policy's default, or a
     *                                  surface's own lifetime fitted to the policy
     * @param supersedesSameDescription revoke the issuer's earlier personal tokens with the same description, so that
     *                                  it holds one per description at a time
     */
    record IssueTokenCommand(Caller issuer, TokenDescription description, Scopes scopes, LifetimeRequest lifetime,
                             CredentialFormat format, boolean supersedesSameDescription) {

        /**
         * An opaque {@code lk_} token, the native format, with the lifetime asked for, or the policy's default when
         * none was.
         */
        public IssueTokenCommand(Caller issuer, TokenDescription description, Scopes scopes,
                                 Optional<Lifetime> requestedLifetime) {
            this(issuer, description, scopes, requestedLifetime.map(LifetimeRequest::explicit)
                    .orElseGet(LifetimeRequest::policyDefault), CredentialFormat.OPAQUE, false);
        }

        public IssueTokenCommand {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(lifetime, "lifetime");
        }
    }

    /** How the new token's credential is encoded. */
    enum CredentialFormat {
        /** An {@code lk_} secret. */
        OPAQUE,
        /** A signed JWT that carries its owner's username, e-mail and organization, for clients that read them. */
        ACCOUNT_JWT
    }

    /** A new token, or the rule that refused it. */
    sealed interface Outcome {
        /** The credential (an opaque secret, or a signed JWT) is in clear here and nowhere else: show it once. */
        record Issued(Token token, String credential) implements Outcome {
            public SecretHash credentialHash() {
                return SecretHash.of(credential);
            }

            @Override
            public String toString() {
                return "Issued[token=" + token + ", credential=redacted]";
            }
        }

        /** The issuance policy governing the account refuses the request; the violation names its rule. */
        record PolicyViolated(TokenPolicy.Violation violation) implements Outcome {
        }

        /** The token the caller presented may not issue this token (scopes or lifetime beyond its own). */
        record DelegationRefused(String reason) implements Outcome {
        }

        /** The account may not hold a requested scope (the privileged ones are for administrators). */
        record ScopeNotAllowed(String reason) implements Outcome {
        }
    }
}
