package dev.latchkey.adapter.persistence.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.adapter.persistence.TestDatabase;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.Consent;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.TokenId;
import java.util.EnumSet;
import java.util.Locale;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SigningKeyPort;
import dev.latchkey.application.port.out.StoreArchivePort;
import dev.latchkey.application.port.out.StoreArchivePort.ArchiveRefusedException;
import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Token;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store as records: written out, loaded into another store (an in-memory H2 beside this contract's database, so
 * that the PostgreSQL subclass moves between the two kinds), and the same records read back there; tokens, keys and
 * the audit trail work where they land.
 */
abstract class StoreArchiveContract extends StoreContract {

    private StoreArchivePort archive;
    private final List<Token> tokens = new ArrayList<>();
    private Account owner;

    @BeforeAll
    void stored() {
        archive = context.getBean(StoreArchivePort.class);
        owner = newAccount();
        // More than a page, so that paging by the primary key is crossed.
        for (int i = 0; i < StoreArchiveAdapter.PAGE + 7; i++) {
            tokens.add(newToken(owner, NOW, Expiry.at(NOW.plusSeconds(3600))));
        }
        // A consent's key is two columns: the archive's key handling is not only for single ones.
        OAuthClient client = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "app",
                ClientType.PUBLIC, Optional.empty(), Optional.empty(), EnumSet.of(GrantType.AUTHORIZATION_CODE),
                Optional.empty(), new SignInSettings(List.of(RedirectUri.parse("http://127.0.0.1/cb")), true, true),
                KeySettings.none(), true, NOW);
        context.getBean(SaveClientPort.class).saveNew(client);
        context.getBean(ConsentPort.class).save(new Consent(owner.id(), client.id(), Scopes.of("read"), NOW));
        context.getBean(SigningKeyPort.class).add(new SigningKeyPort.StoredSigningKey("kid-" + RANDOM.nextInt(),
                "ES256", random(67), random(91), NOW, NOW));
        context.getBean(RecordAuditEventPort.class).record(AuditEvent.of(NOW, AuditEventType.TOKEN_ISSUED,
                Actor.account(owner.id()), Optional.of(owner.id()), Optional.of(tokens.get(0).id()), "archived"));
    }

    private List<StoreRecord> exported(boolean withAudit, Optional<String> rewrapFor) {
        List<StoreRecord> records = new ArrayList<>();
        archive.read(withAudit, rewrapFor, records::add);
        return records;
    }

    private static Map<String, Object> withMasterKey(Map<String, Object> database, String masterKey) {
        Map<String, Object> settings = new HashMap<>(database);
        settings.put("flyway.datasources.default.enabled", true);
        settings.put("latchkey.master-key", masterKey);
        return settings;
    }

    private static Map<String, Long> countsOf(List<StoreRecord> records) {
        return records.stream().collect(Collectors.groupingBy(StoreRecord::kind, LinkedHashMap::new,
                Collectors.counting()));
    }

    @Test
    void everyRecordLoadsIntoAnotherStoreAndReadsBackTheSame() {
        List<StoreRecord> records = exported(true, Optional.empty());
        assertThat(countsOf(records)).containsEntry("account", (long) countsOf(records).get("account"))
                .containsKey("signing_key").containsKey("audit_event");
        assertThat(countsOf(records).get("token")).isGreaterThanOrEqualTo(tokens.size());
        assertThat(records.stream().filter(each -> each.kind().equals("token"))
                .map(each -> each.fields().get("id")).collect(Collectors.toSet())).hasSize(
                        countsOf(records).get("token").intValue());

        try (ApplicationContext target = startContext(withMasterKey(new InMemoryH2Database().start(), MASTER_KEY))) {
            StoreArchivePort there = target.getBean(StoreArchivePort.class);
            assertThat(there.holdsAnything()).isFalse();
            assertThat(there.schemaVersion()).isEqualTo(archive.schemaVersion());
            there.beginLoading(true);
            Map<String, Long> written = there.write(records);
            there.finishLoading();

            assertThat(written).isEqualTo(countsOf(records));
            List<StoreRecord> readBack = new ArrayList<>();
            there.read(true, Optional.empty(), readBack::add);
            assertThat(readBack).containsExactlyInAnyOrderElementsOf(records);
            LoadTokenPort loads = target.getBean(LoadTokenPort.class);
            assertThat(loads.loadBySecretHash(tokens.get(3).secretHash())).contains(tokens.get(3));
            assertThat(target.getBean(SigningKeyPort.class).all()).hasSize(countsOf(records).get("signing_key")
                    .intValue());
            // The trail goes on numbering after the entries it was given.
            target.getBean(RecordAuditEventPort.class).record(AuditEvent.of(Instant.now(),
                    AuditEventType.TOKEN_ISSUED, Actor.operator(), Optional.empty(), Optional.empty(), "after"));

            assertThat(there.write(records)).as("the same records a second time").isEmpty();
            there.clear();
            assertThat(there.holdsAnything()).isFalse();
        }
    }

    @Test
    void aRecordHeldAlreadyIsWrittenOnceHoweverTheFileSpellsItsKey() throws Exception {
        List<StoreRecord> records = exported(false, Optional.empty());
        // Into a store of this contract's kind: the query for the keys a batch holds already is the database's.
        try (TestDatabase other = database();
             ApplicationContext target = startContext(withMasterKey(other.start(), MASTER_KEY))) {
            StoreArchivePort there = target.getBean(StoreArchivePort.class);
            there.beginLoading(true);
            there.write(records);

            StoreRecord token = records.stream().filter(each -> each.kind().equals("token")).findFirst()
                    .orElseThrow();
            Map<String, Object> capitals = new LinkedHashMap<>(token.fields());
            capitals.put("id", ((String) token.fields().get("id")).toUpperCase(Locale.ROOT));
            StoreRecord consent = records.stream().filter(each -> each.kind().equals("consent")).findFirst()
                    .orElseThrow();
            Map<String, Object> consentInCapitals = new LinkedHashMap<>(consent.fields());
            consentInCapitals.put("account_id", ((String) consent.fields().get("account_id")).toUpperCase(Locale.ROOT));
            assertThat(there.write(List.of(new StoreRecord("token", capitals), consent,
                    new StoreRecord("consent", consentInCapitals)))).as("records the store holds").isEmpty();

            Map<String, Object> another = new LinkedHashMap<>(token.fields());
            another.put("id", TokenId.fromRandomBytes(random(16)).toString());
            another.put("secret_hash", "f".repeat(64));
            StoreRecord anotherToken = new StoreRecord("token", another);
            assertThat(there.write(List.of(anotherToken, anotherToken))).as("a record a file holds twice")
                    .isEqualTo(Map.of("token", 1L));
        }
    }

    @Test
    void aPolicyMergedIntoARunningStoreIsSeenByANodeThatRememberedItsAbsence() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("scope", "organization:Merged Org " + RANDOM.nextInt(1_000_000));
        policy.put("default_lifetime_seconds", 3600L);
        policy.put("maximum_lifetime_seconds", 86400L);
        policy.put("never_expiring_roles", "");
        policy.put("maximum_active_tokens", null);
        policy.put("allowed_scopes", null);
        policy.put("updated_at", NOW.toString());
        String organization = ((String) policy.get("scope")).substring("organization:".length());
        dev.latchkey.application.port.out.LoadPolicyPort.Scope scope =
                new dev.latchkey.application.port.out.LoadPolicyPort.Scope.OfOrganization(
                        dev.latchkey.domain.Organization.of(organization));
        dev.latchkey.application.port.out.LoadPolicyPort policies =
                context.getBean(dev.latchkey.application.port.out.LoadPolicyPort.class);
        assertThat(policies.load(scope)).as("absent, and remembered so").isEmpty();

        archive.beginLoading(false);
        assertThat(archive.write(List.of(new StoreRecord("token_policy", policy))))
                .containsEntry("token_policy", 1L);
        archive.finishLoading();

        assertThat(policies.load(scope)).isPresent();
    }

    @Test
    void keysThisStoresMasterKeyCannotOpenAreRefusedBeforeAnythingIsWritten() {
        List<StoreRecord> records = exported(false, Optional.empty());
        String another = java.util.Base64.getEncoder().encodeToString(random(32));
        try (ApplicationContext target = startContext(withMasterKey(new InMemoryH2Database().start(), another))) {
            StoreArchivePort there = target.getBean(StoreArchivePort.class);
            there.beginLoading(true);
            assertThatThrownBy(() -> there.write(records.subList(0, Math.min(records.size(), 1_000))))
                    .isInstanceOf(ArchiveRefusedException.class)
                    .hasMessageContaining("sealed by master key").hasMessageContaining("--rewrap-for");
            assertThat(there.holdsAnything()).isFalse();

            // A key moved to another key's row is refused too, under the right master key: it is sealed for its kid.
            StoreRecord key = records.stream().filter(each -> each.kind().equals("signing_key")).findFirst()
                    .orElseThrow();
            Map<String, Object> moved = new LinkedHashMap<>(key.fields());
            moved.put("kid", "another-kid");
            try (ApplicationContext same = startContext(withMasterKey(new InMemoryH2Database().start(), MASTER_KEY))) {
                StoreArchivePort sameKey = same.getBean(StoreArchivePort.class);
                assertThatThrownBy(() -> sameKey.write(List.of(new StoreRecord("signing_key", moved))))
                        .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("not sealed for its place");
            }
        }
    }

    @Test
    void keysRewrappedForAnotherMasterKeyOpenOnlyUnderIt() {
        String another = java.util.Base64.getEncoder().encodeToString(random(32));
        List<StoreRecord> records = exported(false, Optional.of(another));
        assertThat(countsOf(records)).doesNotContainKey("audit_event");
        Set<Object> sealed = new HashSet<>();
        records.stream().filter(each -> each.kind().equals("signing_key"))
                .forEach(each -> sealed.add(each.fields().get("private_key")));
        Set<Object> asStored = new HashSet<>();
        exported(false, Optional.empty()).stream().filter(each -> each.kind().equals("signing_key"))
                .forEach(each -> asStored.add(each.fields().get("private_key")));
        assertThat(sealed).doesNotContainAnyElementsOf(asStored);

        Map<String, Object> database = new InMemoryH2Database().start();
        try (ApplicationContext target = startContext(withMasterKey(database, another))) {
            StoreArchivePort there = target.getBean(StoreArchivePort.class);
            there.beginLoading(true);
            there.write(records);
            assertThat(target.getBean(SigningKeyPort.class).all()).extracting(SigningKeyPort.StoredSigningKey::kid)
                    .containsExactlyInAnyOrderElementsOf(context.getBean(SigningKeyPort.class).all().stream()
                            .map(SigningKeyPort.StoredSigningKey::kid).toList());
        }
        // A node given the old master key does not start on the store: its keys are sealed for the new one.
        assertThatThrownBy(() -> startContext(withMasterKey(database, MASTER_KEY)).close())
                .hasMessageContaining("wrapped by master key");
    }

    @Test
    void everyTableOfTheSchemaIsArchivedOrLeftOutForAReason() throws Exception {
        java.util.Set<String> tables = new java.util.TreeSet<>();
        try (java.sql.Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(context.getBean(javax.sql.DataSource.class)).getConnection();
             java.sql.ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                     new String[] {"TABLE"})) {
            while (found.next()) {
                tables.add(found.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        java.util.Set<String> placed = new java.util.TreeSet<>(ArchivedKinds.LEFT_OUT.keySet());
        ArchivedKinds.ALL.forEach(kind -> placed.add(kind.table()));

        assertThat(tables).isNotEmpty().isEqualTo(placed);
    }

    @Test
    void aTargetKeyThatIsNoKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> exported(false, Optional.of("not-a-key-at-all")))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageNotContaining("not-a-key-at-all");
    }

    @Test
    void recordsThatDoNotFitTheSchemaAreRefused() {
        try (ApplicationContext target = startContext(withMasterKey(new InMemoryH2Database().start(), MASTER_KEY))) {
            StoreArchivePort there = target.getBean(StoreArchivePort.class);
            StoreRecord account = exported(false, Optional.empty()).stream()
                    .filter(each -> each.kind().equals("account")).findFirst().orElseThrow();

            Map<String, Object> unknownField = new LinkedHashMap<>(account.fields());
            unknownField.put("shoe_size", 44L);
            assertThatThrownBy(() -> there.write(List.of(new StoreRecord("account", unknownField))))
                    .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("shoe_size");
            Map<String, Object> wrongShape = new LinkedHashMap<>(account.fields());
            wrongShape.put("created_at", 12L);
            assertThatThrownBy(() -> there.write(List.of(new StoreRecord("account", wrongShape))))
                    .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("wrong shape");
            Map<String, Object> missingColumn = new LinkedHashMap<>(account.fields());
            missingColumn.remove("username");
            assertThatThrownBy(() -> there.write(List.of(new StoreRecord("account", missingColumn))))
                    .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("do not fit this store");
            assertThatThrownBy(() -> there.write(List.of(new StoreRecord("change_log", Map.of("seq", 1L)))))
                    .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("change_log");
            assertThat(there.holdsAnything()).isFalse();
        }
    }
}
