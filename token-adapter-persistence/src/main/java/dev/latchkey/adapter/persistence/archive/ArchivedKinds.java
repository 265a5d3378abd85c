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
            plain("partner"),
            plain("account"),
            plain("token_policy"),
            plain("oauth_client"),
            plain("token"),
            plain("rotation"),
            plain("consent"),
            // A node makes its own keys when a store has none: an import into an otherwise empty store replaces them.
            new Kind("signing_key", List.of(new SealedColumn("private_key",
                    row -> SecretWrapping.signingKeyPurpose((String) row.get("kid")))), true),
            new Kind("server_key", List.of(new SealedColumn("material", row -> (String) row.get("purpose"))), true),
            new Kind("webhook_endpoint", List.of(
                    new SealedColumn("secret", row -> SecretWrapping.webhookSecretPurpose((String) row.get("id"))),
                    new SealedColumn("previous_secret",
                            row -> SecretWrapping.webhookSecretPurpose((String) row.get("id")))), false),
            plain("leak_notice"),
            plain(AUDIT));

    private ArchivedKinds() {
    }

    private static Kind plain(String table) {
        return new Kind(table, List.of(), false);
    }

    static Optional<Kind> named(String table) {
        return ALL.stream().filter(kind -> kind.table().equals(table)).findFirst();
    }
}
