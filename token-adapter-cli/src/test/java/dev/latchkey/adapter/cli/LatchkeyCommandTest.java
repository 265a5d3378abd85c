package dev.latchkey.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.BackUpStoreUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.application.port.out.StoreBackupPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.PasswordPolicy;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * The command line as an adapter of its own: each command maps its arguments to a use case's command, prints the
 * outcome, and turns a refusal into exit status 1 and a misuse into 2, with the option named as typed. The use cases
 * are mocks; what they do is tested in the application ring, and the commands on a real store in the bootstrap.
 */
class LatchkeyCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final Account ALICE = Account.create(new AccountId(UUID.randomUUID()), Username.of("alice"),
            new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);

    private final CreateAccountUseCase createAccount = mock(CreateAccountUseCase.class);
    private final ReadAccountsUseCase readAccounts = mock(ReadAccountsUseCase.class);
    private final ChangeAccountUseCase changeAccount = mock(ChangeAccountUseCase.class);
    private final DeleteAccountUseCase deleteAccount = mock(DeleteAccountUseCase.class);
    private final RevokeAccountTokensUseCase revocations = mock(RevokeAccountTokensUseCase.class);
    private final AdministerPartnersUseCase partners = mock(AdministerPartnersUseCase.class);
    private final ListTokensUseCase tokens = mock(ListTokensUseCase.class);
    private final ManagePoliciesUseCase policies = mock(ManagePoliciesUseCase.class);
    private final ReadAuditTrailUseCase auditTrail = mock(ReadAuditTrailUseCase.class);
    private final MoveStoreUseCase moveStore = mock(MoveStoreUseCase.class);
    private final BackUpStoreUseCase backUpStore = mock(BackUpStoreUseCase.class);
    private final OperatorUseCases useCases = new OperatorUseCases() {
        @Override
        public CreateAccountUseCase createAccount() {
            return createAccount;
        }

        @Override
        public ReadAccountsUseCase readAccounts() {
            return readAccounts;
        }

        @Override
        public ChangeAccountUseCase changeAccount() {
            return changeAccount;
        }

        @Override
        public DeleteAccountUseCase deleteAccount() {
            return deleteAccount;
        }

        @Override
        public RevokeAccountTokensUseCase revokeAccountTokens() {
            return revocations;
        }

        @Override
        public AdministerPartnersUseCase partners() {
            return partners;
        }

        @Override
        public ListTokensUseCase tokens() {
            return tokens;
        }

        @Override
        public ManagePoliciesUseCase policies() {
            return policies;
        }

        @Override
        public ReadAuditTrailUseCase auditTrail() {
            return auditTrail;
        }

        @Override
        public MoveStoreUseCase moveStore() {
            return moveStore;
        }

        @Override
        public BackUpStoreUseCase backUpStore() {
            return backUpStore;
        }

        @Override
        public MoveStoreUseCase moveStoreOn(String jdbcUrl, String username, String password) {
            return moveStore;
        }

        @Override
        public void requireStoreExists() {
            // The use cases are mocks: there is a store.
        }

        @Override
        public PasswordPolicy passwordPolicy() {
            return new PasswordPolicy(12);
        }

        @Override
        public Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    };

    private record Run(int status, String out, String err) {
    }

    private Run latchkey(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LatchkeyCommand.run(args, useCases, new BufferedReader(new StringReader(input)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpVersionAndMisuseNeverReachAUseCase() {
        OperatorUseCases untouchable = mock(OperatorUseCases.class);
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"},
                new String[] {"accounts", "--help"}, new String[] {"tokens", "list", "--statuz", "active"})) {
            int status = LatchkeyCommand.run(args, untouchable, new BufferedReader(new StringReader("")),
                    new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            assertThat(status).as(String.join(" ", args)).isEqualTo(args[args.length - 1].equals("active") ? 2 : 0);
        }
        verifyNoInteractions(untouchable);
    }

    @Test
    void anAccountIsCreatedAsTheOperatorWithThePasswordFromStandardInput() {
        when(createAccount.create(any())).thenReturn(new CreateAccountUseCase.Outcome.Created(ALICE));

        Run created = latchkey("alice's long password\n", "accounts", "create", "--username", "alice", "--email",
                "alice@example.com", "--organization", "Blue", "--role", "admin", "--partner-id", "7");

        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("USERNAME\tROLE").contains("alice\tuser\ttrue\t-\t-\t-\t");
        ArgumentCaptor<CreateAccountCommand> command = ArgumentCaptor.forClass(CreateAccountCommand.class);
        verify(createAccount).create(command.capture());
        assertThat(command.getValue()).usingRecursiveComparison().isEqualTo(new CreateAccountCommand(
                Caller.operator(), Username.of("alice"), Password.chosen("alice's long password"), Role.ADMIN,
                Optional.of(EmailAddress.of("alice@example.com")), Optional.of(Organization.of("Blue")),
                Optional.of(PartnerId.of(7))));
    }

    @Test
    void aMissingOrShortPasswordIsMisuseAndNeverPrinted() {
        Run missing = latchkey("", "accounts", "create", "--username", "alice");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("latchkey: password: give it on standard input");

        Run shortPassword = latchkey("short\n", "accounts", "create", "--username", "alice");
        assertThat(shortPassword.status()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("password").doesNotContain("short\n");
        verifyNoInteractions(createAccount);
    }

    @Test
    void eachCreationRefusalIsExitStatusOneInWords() {
        when(createAccount.create(any())).thenReturn(new CreateAccountUseCase.Outcome.UsernameTaken(),
                new CreateAccountUseCase.Outcome.UnknownPartner(PartnerId.of(31)));

        Run taken = latchkey("a long enough password\n", "accounts", "create", "--username", "alice");
        Run unknownPartner = latchkey("a long enough password\n", "accounts", "create", "--username", "alice",
                "--partner-id", "31");

        assertThat(taken.status()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("latchkey: another account has this username\n");
        assertThat(unknownPartner.status()).isEqualTo(1);
        assertThat(unknownPartner.err()).isEqualTo("latchkey: no partner has the id 31; create it first\n");
    }

    @Test
    void disableEnableAndResetPasswordAreOneEditEach() {
        when(changeAccount.change(any())).thenReturn(new ChangeAccountUseCase.Outcome.Changed(ALICE));

        assertThat(latchkey("", "accounts", "disable", "alice").status()).isZero();
        assertThat(latchkey("", "accounts", "enable", "alice").status()).isZero();
        assertThat(latchkey("a brand new password\n", "accounts", "reset-password", "alice", "--revoke-tokens")
                .status()).isZero();

        verify(changeAccount).change(ChangeAccountCommand.of(Caller.operator(), Username.of("alice"),
                new AccountEdit.SetEnabled(false)));
        verify(changeAccount).change(ChangeAccountCommand.of(Caller.operator(), Username.of("alice"),
                new AccountEdit.SetEnabled(true)));
        ArgumentCaptor<ChangeAccountCommand> changes = ArgumentCaptor.forClass(ChangeAccountCommand.class);
        verify(changeAccount, times(3)).change(changes.capture());
        assertThat(changes.getAllValues().get(2)).usingRecursiveComparison().isEqualTo(new ChangeAccountCommand(
                Caller.operator(), Username.of("alice"),
                List.of(new AccountEdit.ResetPassword(Password.chosen("a brand new password"))), true));
    }

    @Test
    void aRefusedChangeOrDeletionAndAnUnknownAccountAreExitStatusOne() {
        when(changeAccount.change(any())).thenReturn(new ChangeAccountUseCase.Outcome.Refused(
                "The last enabled administrator cannot be disabled or demoted."));
        when(deleteAccount.delete(any(), any())).thenReturn(new DeleteAccountUseCase.Outcome.NotFound());
        when(readAccounts.find(any(), any())).thenReturn(Optional.empty());

        Run refused = latchkey("", "accounts", "disable", "root");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("last enabled administrator");
        assertThat(latchkey("", "accounts", "delete", "nobody").err())
                .isEqualTo("latchkey: no account has this username\n");
        assertThat(latchkey("", "accounts", "show", "nobody").status()).isEqualTo(1);
    }

    @Test
    void anOptionsRefusedValueIsNamedAsTheOperatorTypedIt() {
        Run unusedFor = latchkey("", "tokens", "list", "--unused-for", "90days");
        assertThat(unusedFor.status()).isEqualTo(2);
        assertThat(unusedFor.err()).startsWith("latchkey: --unused-for: must be an ISO-8601 duration");

        Run type = latchkey("", "audit", "--type", "token.exploded");
        assertThat(type.status()).isEqualTo(2);
        assertThat(type.err()).startsWith("latchkey: --type: must be one of");
        verifyNoInteractions(tokens, auditTrail);
    }

    @Test
    void theAuditTrailCountsDurationsAgoFromTheServicesClock() {
        when(auditTrail.read(any())).thenReturn(new ReadAuditTrailUseCase.Page(List.of(), 0, 100, 0));

        assertThat(latchkey("", "audit", "--since", "P1D", "--type", "token.revoked").status()).isZero();

        verify(auditTrail).read(new ReadAuditTrailUseCase.AuditQuery(Caller.operator(), Optional.empty(),
                Optional.empty(), Optional.of(AuditEventType.TOKEN_REVOKED), Optional.of(NOW.minus(Duration.ofDays(1))),
                Optional.empty(), 0, 100));
    }

    @Test
    void revokingSaysWhetherTheTokenWasStillValid() {
        TokenId id = TokenId.fromRandomBytes(new byte[16]);
        when(revocations.revoke(any(), eq(id))).thenReturn(new RevokeAccountTokensUseCase.Outcome.Revoked(ALICE, 1),
                new RevokeAccountTokensUseCase.Outcome.Revoked(ALICE, 0),
                new RevokeAccountTokensUseCase.Outcome.TokenNotFound());
        when(revocations.revokeAll(any(), any())).thenReturn(new RevokeAccountTokensUseCase.Outcome.Revoked(ALICE, 3));

        assertThat(latchkey("", "tokens", "revoke", id.toString()).out()).isEqualTo("revoked " + id + "\n");
        assertThat(latchkey("", "tokens", "revoke", id.toString()).out()).isEqualTo("already revoked " + id + "\n");
        assertThat(latchkey("", "tokens", "revoke", id.toString()).status()).isEqualTo(1);
        assertThat(latchkey("", "tokens", "revoke", "not-a-token-id").err())
                .isEqualTo("latchkey: no token has this id\n");
        assertThat(latchkey("", "tokens", "revoke-all", "--account", "alice").out())
                .isEqualTo("revoked 3 tokens of alice\n");
    }

    @Test
    void aPolicyFileIsReadStrictlyAndRemovingNoneIsARefusal(@TempDir Path directory) throws Exception {
        Path unknownField = Files.writeString(directory.resolve("policy.json"),
                "{\"maximumLifetimeSeconds\":86400,\"maximumLifetimeDays\":1}");
        Run refused = latchkey("", "policies", "set", "--file", unknownField.toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("maximumLifetimeDays");
        verifyNoInteractions(policies);

        when(policies.remove(any(), any())).thenReturn(false);
        Run none = latchkey("", "policies", "remove", "--organization", "Blue");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("latchkey: no policy is set for this scope\n");
        verify(policies).remove(Caller.operator(), new Scope.OfOrganization(Organization.of("Blue")));
    }

    @Test
    void aPartnerIdTakenIsARefusal() {
        when(partners.create(any())).thenReturn(new AdministerPartnersUseCase.Outcome.IdTaken());

        Run taken = latchkey("", "partners", "create", "--id", "7", "--name", "Acme");

        assertThat(taken.status()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("latchkey: another partner has this id\n");
    }

    @Test
    void theAdministratorGuardsRefusalIsExitStatusOne() {
        when(readAccounts.find(any(), any())).thenThrow(new NotAnAdministratorException());

        Run refused = latchkey("", "accounts", "show", "alice");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("latchkey: only an administrator may do this\n");
    }

    @Test
    void aFileThatCannotBeReadOrWrittenIsOneLineWithItsReason(@TempDir Path directory) throws Exception {
        when(moveStore.schemaVersion(any())).thenReturn("21");
        Path missing = directory.resolve("missing");
        Path latin1 = Files.write(directory.resolve("latin1.jsonl"), new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});

        assertThat(latchkey("", "export", "--to", missing.resolve("out.jsonl").toString()).err())
                .isEqualTo("latchkey: cannot write " + missing.resolve("out.jsonl.partial")
                        + ": no such file or directory\n");
        assertThat(latchkey("", "import", "--from", missing.toString()).err())
                .isEqualTo("latchkey: cannot read " + missing + ": no such file or directory\n");
        assertThat(latchkey("", "import", "--from", directory.toString()).err())
                .isEqualTo("latchkey: cannot read " + directory + ": is a directory\n");
        assertThat(latchkey("", "import", "--from", latin1.toString()).err())
                .isEqualTo("latchkey: cannot read " + latin1 + ": not UTF-8 text\n");
        assertThat(latchkey("", "policies", "set", "--file", missing.toString()).err())
                .isEqualTo("latchkey: cannot read " + missing + ": no such file or directory\n");
        assertThat(latchkey("", "export", "--to", directory.resolve("x.jsonl").toString(), "--rewrap-for",
                missing.toString()).err())
                .isEqualTo("latchkey: --rewrap-for: cannot read " + missing + ": no such file or directory\n");
        when(backUpStore.backUp(any(), any(), eq(false))).thenThrow(new StoreBackupPort.BackupNotWrittenException(
                missing, new java.nio.file.AccessDeniedException(missing.toString())));
        Run backup = latchkey("", "backup", "--to", missing.toString());
        assertThat(backup.status()).isEqualTo(1);
        assertThat(backup.err()).isEqualTo("latchkey: cannot write the backup in " + missing
                + ": permission denied\n");
    }

    @Test
    void anEmptyPathIsMisuseNotTheWorkingDirectory() {
        for (String[] args : List.of(new String[] {"export", "--to", ""}, new String[] {"import", "--from", " "},
                new String[] {"backup", "--to", ""}, new String[] {"policies", "set", "--file", ""})) {
            Run misused = latchkey("", args);
            assertThat(misused.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(misused.err()).contains("a path is needed, not an empty value");
        }
        Run noPasswordFile = latchkey("", "migrate-store", "--to", "jdbc:postgresql://db/latchkey", "--user", "u",
                "--password-file", "");
        assertThat(noPasswordFile.err()).startsWith("latchkey: --password-file: a file is needed");
        verifyNoInteractions(moveStore, backUpStore, policies);
    }

    @Test
    void aStoreOtherThanPostgresOrH2IsRefusedBeforeAnythingIsRead(@TempDir Path directory) throws Exception {
        Path password = Files.writeString(directory.resolve("password"), "secret\n");

        Run refused = latchkey("", "migrate-store", "--to", "jdbc:mysql://db/latchkey", "--user", "latchkey",
                "--password-file", password.toString());

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).startsWith("latchkey: --to: Latchkey stores its data in PostgreSQL or H2");
        verifyNoInteractions(moveStore);
    }
}
