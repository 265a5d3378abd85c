package dev.latchkey.adapter.persistence.archive;

import dev.latchkey.adapter.persistence.keys.SecretWrapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables an archive carries, in an order that loads (each after the tables it refers to), and the columns among
 * them that hold values sealed by the master key, with the purpose each is sealed for.
 *
 * <p>Left out, because a running service rebuilds them or they live minutes: sessions, authorization codes, device
 * and pushed requests in flight, used proofs, login and issuance allowances, the change log, the expiry scan's
 * position, and the mail and webhook outboxes (their entries are in the audit trail; undelivered ones are not moved).
 */
final class ArchivedKinds {

    /** A column sealed by the master key, and the purpose it is sealed for, from its row. */
    record SealedColumn(String column, Function<Map<String, Object>, String> purpose) {
    }

    record Kind(String table, List<SealedColumn> sealed, boolean generatedAtStart) {
    }

    static final String AUDIT = "audit_event";

    static final List<Kind> ALL = List.of(
            // The keys first, though they refer to nothing: an import refuses keys its store's master key cannot open
            // (a file made without --rewrap-for), and refuses them in its first batch, before anything else is written.
            // A node makes its own keys when a store has none: an import into an otherwise empty store replaces them.
            new Kind("signing_key", List.of(new SealedColumn("private_key",
                    row -> SecretWrapping.signingKeyPurpose((String) row.get("kid")))), true),
            new Kind("server_key", List.of(new SealedColumn("material", row -> (String) row.get("purpose"))), true),
            plain("partner"),
            plain("account"),
            plain("token_policy"),
            plain("oauth_client"),
            plain("token"),
            plain("rotation"),
            plain("consent"),
            new Kind("webhook_endpoint", List.of(
                    new SealedColumn("secret", row -> SecretWrapping.webhookSecretPurpose((String) row.get("id"))),
                    new SealedColumn("previous_secret",
                            row -> SecretWrapping.webhookSecretPurpose((String) row.get("id")))), false),
            plain("leak_notice"),
            plain(AUDIT));

    /**
     * The tables an archive leaves out, each for a reason; every table of the schema is in {@link #ALL} or here, so a
     * table a later migration adds is placed by whoever adds it ({@code StoreArchiveContract} fails until it is).
     */
    static final Map<String, String> LEFT_OUT = Map.ofEntries(
            Map.entry("flyway_schema_history", "the schema's own history, made by migrating the other store"),
            Map.entry("change_log", "what each node must drop from its caches: a new store starts afresh"),
            Map.entry("change_log_head", "the change log's position, made by the migrations"),
            Map.entry("sign_in_session", "browser sessions, hours long: people sign in again"),
            Map.entry("authorization_code", "codes in flight, a minute long"),
            Map.entry("device_authorization", "device sign-ins in flight, minutes long"),
            Map.entry("pushed_authorization_request", "pushed requests in flight, a minute long"),
            Map.entry("proof_replay", "DPoP proofs already used, kept for their few minutes of validity"),
            Map.entry("login_allowance", "login attempts left per minute and hour"),
            Map.entry("expiry_scan", "where the expiry notices' scan got to: it starts again"),
            Map.entry("mail_message", "the owners' mail outbox: what it told of is in the audit trail"),
            Map.entry("webhook_message", "the webhook outbox: what it told of is in the audit trail"),
            Map.entry("webhook_attempt", "the webhook outbox's delivery attempts"));

    private ArchivedKinds() {
    }

    private static Kind plain(String table) {
        return new Kind(table, List.of(), false);
    }

    static Optional<Kind> named(String table) {
        return ALL.stream().filter(kind -> kind.table().equals(table)).findFirst();
    }
}
