package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads tokens: by id, by the hash of a presented secret, and by owner or filter for listings and revocations. */
public interface LoadTokenPort {

    Optional<Token> loadById(TokenId id);

    Optional<Token> loadBySecretHash(SecretHash hash);

    /** The owner's tokens, newest first. */
    List<Token> loadOwnedBy(AccountId owner, long offset, int limit);

    long countOwnedBy(AccountId owner);

    /**
     * The tokens of one owner, or of every account when {@code owner} is empty, that match the filter at {@code now},
     * newest first. The store may narrow with its own query; every token it returns matches
     * {@link TokenFilter#matches}.
     */
    List<Token> loadMatching(Optional<AccountId> owner, TokenFilter filter, Instant now, long offset, int limit);

    long countMatching(Optional<AccountId> owner, TokenFilter filter, Instant now);

    /**
     * The selected tokens that a revocation effective at {@code at} could still change: those with no revocation, or
     * with one that takes effect after {@code at}. Read from the store itself, not from a cache.
     */
    List<Token> loadRevocable(Selection selection, Instant at);

    /** A set of tokens that one decision revokes together. */
    sealed interface Selection {

        /** Every token of a grant: its access and refresh tokens, and tokens exchanged from them. */
        record OfGrant(GrantId grant) implements Selection {
            public OfGrant {
                Objects.requireNonNull(grant, "grant");
            }
        }

        /** Every token issued to a client. */
        record IssuedTo(ClientId client) implements Selection {
            public IssuedTo {
                Objects.requireNonNull(client, "client");
            }
        }

        /** Every token an account owns, of every kind. */
        record OwnedBy(AccountId owner) implements Selection {
            public OwnedBy {
                Objects.requireNonNull(owner, "owner");
            }
        }

        /** The tokens made with this token as their credential: its direct delegates, of every kind. */
        record DelegatesOf(TokenId delegator) implements Selection {
            public DelegatesOf {
                Objects.requireNonNull(delegator, "delegator");
            }
        }

        /** An account's personal tokens with one description: those a new token with that description supersedes. */
        record PersonalDescribed(AccountId owner, TokenDescription description) implements Selection {
            public PersonalDescribed {
                Objects.requireNonNull(owner, "owner");
                Objects.requireNonNull(description, "description");
            }
        }
    }
}
