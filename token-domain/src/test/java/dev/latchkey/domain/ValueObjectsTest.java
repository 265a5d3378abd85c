package dev.latchkey.domain;

import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void usernameRejectsColonsWhitespaceAndOverlongNames() {
        assertThatThrownBy(() -> Username.of("a:b")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Username.of("a b")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Username.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Username.of("x".repeat(65))).isInstanceOf(InvalidValueException.class);
        assertThat(Username.of("ops.bot+ci@example.com").value()).isEqualTo("ops.bot+ci@example.com");
    }

    @Test
    void passwordNeverAppearsInToStringOrErrors() {
        Password password = Password.presented("correct horse battery staple");

        assertThat(password.toString()).doesNotContain("horse");
        assertThatThrownBy(() -> Password.chosen("short"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageNotContaining("short");
    }

    @Test
    void chosenPasswordsNeedTwelveCharacters() {
        assertThatThrownBy(() -> Password.chosen("elevenchars")).isInstanceOf(InvalidValueException.class);
        assertThat(Password.chosen("twelve chars").reveal()).isEqualTo("twelve chars");
    }

    @Test
    void presentedPasswordsAreBoundedSoHashingCannotBeAbused() {
        assertThatThrownBy(() -> Password.presented("x".repeat(Password.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Password.presented("")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void passwordHashStaysOutOfToString() {
        PasswordHash hash = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        Account account = Account.create(new AccountId(UUID.randomUUID()), Username.of("ann"), hash, Role.USER,
                java.time.Instant.EPOCH);

        assertThat(hash.toString()).doesNotContain("argon2id");
        assertThat(account.toString()).doesNotContain("argon2id");
    }

    @Test
    void descriptionsAreBoundedAndPrintable() {
        assertThat(TokenDescription.none().value()).isEmpty();
        assertThatThrownBy(() -> TokenDescription.of("x".repeat(201))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TokenDescription.of("line\nbreak")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TokenDescription.of(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void scopesFollowRfc6749ScopeTokenSyntax() {
        assertThat(Scopes.of("read", "write:tokens", "a/b").asSpaceDelimited()).isEqualTo("a/b read write:tokens");
        assertThatThrownBy(() -> Scopes.of("has space")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Scopes.of("quo\"te")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Scopes.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Scopes.of(Arrays.asList("ok", null))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void scopesAreASetWithABound() {
        assertThat(Scopes.of(List.of("b", "a", "b")).values()).containsExactly("a", "b");
        assertThatThrownBy(() -> Scopes.of(java.util.stream.IntStream.range(0, 33).mapToObj(i -> "s" + i).toList()))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void spaceDelimitedScopesParse() {
        assertThat(Scopes.parseSpaceDelimited(" read  write ")).isEqualTo(Scopes.of("read", "write"));
        assertThat(Scopes.parseSpaceDelimited(null)).isEqualTo(Scopes.none());
    }

    @Test
    void aTimeOrderedTokenIdIsVersion7WithItsMillisecondFirst() {
        Instant issuedAt = Instant.parse("2026-12-05T23:59:58.123Z");
        byte[] random = new byte[TokenId.TIME_ORDERED_RANDOM_BYTES];
        java.util.Arrays.fill(random, (byte) 0xff);

        TokenId id = TokenId.timeOrdered(issuedAt, random);

        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        assertThat(id.value().getMostSignificantBits() >>> 16).isEqualTo(issuedAt.toEpochMilli());
        assertThat(TokenId.parse(id.toString())).contains(id);
        assertThatThrownBy(() -> TokenId.timeOrdered(issuedAt, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenId.timeOrdered(Instant.ofEpochMilli(-1), random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenIdsAreVersion4AndParseOnlyTheCanonicalForm() {
        TokenId id = TokenId.fromRandomBytes(new byte[16]);

        assertThat(id.value().version()).isEqualTo(4);
        assertThat(TokenId.parse(id.toString())).contains(id);
        assertThat(TokenId.parse("1-2-3-4-5")).isEmpty();
        assertThat(TokenId.parse("not-a-uuid")).isEmpty();
        assertThat(TokenId.parse(null)).isEmpty();
    }

    @Test
    void secretHashesCompareByValueAndRoundTripThroughHex() {
        SecretHash hash = SecretHash.of("anything");

        assertThat(SecretHash.fromHex(hash.toHex())).isEqualTo(hash);
        assertThat(hash.matches(SecretHash.of("anything else"))).isFalse();
        assertThatThrownBy(() -> SecretHash.fromHex("zz")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void expiryOrdering() {
        Expiry early = Expiry.at(java.time.Instant.EPOCH.plusSeconds(1));
        Expiry late = Expiry.at(java.time.Instant.EPOCH.plusSeconds(2));

        assertThat(Expiry.earliest(late, early)).isEqualTo(early);
        assertThat(Expiry.earliest(Expiry.never(), early)).isEqualTo(early);
        assertThat(Expiry.earliest(Expiry.never(), Expiry.never())).isEqualTo(Expiry.never());
    }

    @org.junit.jupiter.api.Test
    void aRoleIsParsedInAnyCaseAndAnythingElseIsRefusedNamingTheField() {
        org.assertj.core.api.Assertions.assertThat(Role.parse("Admin")).isEqualTo(Role.ADMIN);
        org.assertj.core.api.Assertions.assertThat(Role.parse(" user ")).isEqualTo(Role.USER);
        for (String wrong : java.util.Arrays.asList("root", "", null, "ADMINS")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Role.parse(wrong))
                    .isInstanceOf(InvalidValueException.class).hasMessage("role: must be 'admin' or 'user'");
        }
    }

    @org.junit.jupiter.api.Test
    void aUsernameNoAccountCouldHaveIsNotFoundRatherThanAnError() {
        org.assertj.core.api.Assertions.assertThat(Username.parse("alice")).contains(Username.of("alice"));
        org.assertj.core.api.Assertions.assertThat(Username.parse("x y")).isEmpty();
        org.assertj.core.api.Assertions.assertThat(Username.parse(null)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(Username.parse("a".repeat(Username.MAX_LENGTH + 1))).isEmpty();
    }
}
