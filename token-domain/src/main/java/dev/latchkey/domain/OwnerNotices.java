package dev.latchkey.domain;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * What a token's owner is told by mail (issue 25), and when: a token of theirs is about to expire; someone else
 * revoked it, or it was found leaked; or a refresh token was used twice and its grant revoked. Each message names the
 * token by its description and id and links to the console; none holds a secret, and nothing the owner did
 * themselves is reported back to them.
 */
public final class OwnerNotices {

    /** The audit events that may become a message; {@link #mailFor} decides for each. */
    public static final Set<AuditEventType> MAILED = Set.of(AuditEventType.TOKEN_EXPIRING,
            AuditEventType.TOKEN_REVOKED, AuditEventType.TOKEN_LEAKED, AuditEventType.REFRESH_TOKEN_REUSED);
    /** Revocations someone else may make that the owner would not otherwise learn of. */
    private static final Set<String> TOLD_REVOCATIONS = Set.of(RevocationReason.REQUESTED.name(),
            RevocationReason.GRANT_REVOKED.name());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private OwnerNotices() {
    }

    /** Whether a token is one its owner keeps and would want to hear about: see {@link ExpiryNotices#announces}. */
    public static boolean concernsItsOwner(Token token) {
        return ExpiryNotices.announces(token) || token.kind() == TokenKind.PERSONAL;
    }

    /**
     * The message that tells the owner of this event, or empty when there is nothing to tell them: the event is not
     * one mailed, the token is not one they keep, or they did it themselves.
     *
     * @param token   the event's token as it is now, if it still exists
     * @param actor   who did it, as the owner would recognise them (a username), when it was an account
     * @param console where the owner manages their tokens
     */
    public static Optional<OwnerMail> mailFor(AuditEvent event, Account owner, Optional<Token> token,
                                              Optional<String> actor, URI console) {
        if (!MAILED.contains(event.type()) || token.isEmpty() || !event.account().equals(Optional.of(owner.id()))) {
            return Optional.empty();
        }
        Token about = token.get();
        String name = named(about);
        String footer = "\nManage your tokens: " + console + "\n\nYou get these notices because you own the token. "
                + "To stop them, send PATCH /api/v1/account {\"notifications\": false}.\n";
        String greeting = "Hello " + owner.username().value() + ",\n\n";
        return switch (event.type()) {
            case TOKEN_EXPIRING -> concernsItsOwner(about) ? Optional.of(expiring(event, about, name, greeting, footer))
                    : Optional.empty();
            case TOKEN_LEAKED -> Optional.of(new OwnerMail("Your Latchkey token " + name
                    + " was found leaked and revoked", greeting + "Your token " + name + " (id " + about.id()
                    + ") was found in a public place and revoked at once, at " + WHEN.format(event.occurredAt())
                    + ", so that nobody can use it.\n\nFound by: " + event.detailValue("source").orElse("a scanner")
                    + "\nWhere: " + event.detailValue("url").orElse("not given") + "\n\nMake a new token for "
                    + "whatever used it, keep it out of code and logs, and check the audit trail for uses you do "
                    + "not recognise.\n" + footer));
            case TOKEN_REVOKED -> revokedBySomeoneElse(event, owner, about, name, actor, greeting, footer);
            case REFRESH_TOKEN_REUSED -> Optional.of(new OwnerMail("An app's access to your Latchkey account was "
                    + "revoked", greeting + "A refresh token of " + about.client().map(ClientId::value)
                    .map(client -> "the app " + client).orElse("an app") + " was used a second time at "
                    + WHEN.format(event.occurredAt()) + ". Only one party should ever hold it, so everything that app "
                    + "was given with it is revoked, and it must ask you again.\n\nIf you did not expect this, "
                    + "someone may have copied the app's tokens: check the audit trail.\n" + footer));
            default -> Optional.empty();
        };
    }

    private static OwnerMail expiring(AuditEvent event, Token about, String name, String greeting, String footer) {
        Instant expiresAt = about.expiry().instant().orElseThrow();
        String within = event.detailValue("warning").map(warning -> " (within " + warning + ")").orElse("");
        return new OwnerMail("Your Latchkey token " + name + " expires on " + WHEN.format(expiresAt), greeting
                + "Your token " + name + " (id " + about.id() + ") expires on " + WHEN.format(expiresAt) + within
                + ", in " + roughly(Duration.between(event.occurredAt(), expiresAt)) + ".\nScopes: "
                + (about.scopes().values().isEmpty() ? "none" : String.join(" ", new java.util.TreeSet<>(
                        about.scopes().values()))) + "\n\nIf it is still in use, make a new one or rotate it before "
                + "then, and give the new one to whatever uses it.\n" + footer);
    }

    private static Optional<OwnerMail> revokedBySomeoneElse(AuditEvent event, Account owner, Token about, String name,
                                                            Optional<String> actor, String greeting, String footer) {
        boolean byOwner = event.actor().accountId().equals(Optional.of(owner.id()));
        boolean told = event.detailValue("reason").filter(TOLD_REVOCATIONS::contains).isPresent();
        if (byOwner || !told || !concernsItsOwner(about)) {
            return Optional.empty();
        }
        String who = actor.map(username -> "by " + username).orElse("by " + event.actor().asText());
        return Optional.of(new OwnerMail("Your Latchkey token " + name + " was revoked", greeting + "Your token "
                + name + " (id " + about.id() + ") was revoked " + who + " at " + WHEN.format(event.occurredAt())
                + ". It no longer works.\n\nIf you still need one, make a new token; if you did not expect this, "
                + "ask your administrators.\n" + footer));
    }

    /** The token as the owner knows it: its description, quoted, or its kind when it has none. */
    private static String named(Token token) {
        String description = token.description().value().strip();
        return description.isEmpty() ? "(no description)" : "\"" + description + "\"";
    }

    private static String roughly(Duration left) {
        long hours = Math.max(0, left.toHours());
        if (hours >= 48) {
            return (hours + 12) / 24 + " days";
        }
        return hours >= 1 ? hours + (hours == 1 ? " hour" : " hours") : "less than an hour";
    }
}
