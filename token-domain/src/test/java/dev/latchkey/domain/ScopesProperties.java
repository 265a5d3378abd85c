package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ScopesProperties {

    @Provide
    Arbitrary<Set<String>> validScopeSets() {
        Arbitrary<String> scope = Arbitraries.strings().withCharRange('!', '~').excludeChars('"', '\\')
                .ofMinLength(1).ofMaxLength(Scopes.MAX_SCOPE_LENGTH);
        return scope.set().ofMaxSize(Scopes.MAX_COUNT);
    }

    @Property
    void spaceDelimitedFormRoundTrips(@ForAll("validScopeSets") Set<String> scopes) {
        Scopes original = Scopes.of(scopes);

        assertThat(Scopes.parseSpaceDelimited(original.asSpaceDelimited())).isEqualTo(original);
    }

    @Property
    void everySetContainsItsSubsets(@ForAll("validScopeSets") Set<String> scopes) {
        Scopes all = Scopes.of(scopes);
        Scopes some = Scopes.of(scopes.stream().limit(scopes.size() / 2).toList());

        assertThat(all.containsAll(some)).isTrue();
        assertThat(all.containsAll(Scopes.none())).isTrue();
    }

    @Provide
    Arbitrary<String> reservedLookalikes() {
        Arbitrary<String> reserved = Arbitraries.oneOf(Arbitraries.just(Scopes.INTROSPECT),
                Arbitraries.longs().between(1, 999_999).map(id -> Scopes.PARTNER_PREFIX + id));
        return reserved.flatMap(scope -> Arbitraries.integers().between(1, (1 << Math.min(scope.length(), 20)) - 1)
                .map(flips -> {
                    StringBuilder changed = new StringBuilder(scope);
                    for (int index = 0; index < Math.min(scope.length(), 20); index++) {
                        if ((flips & (1 << index)) != 0) {
                            changed.setCharAt(index, Character.toUpperCase(scope.charAt(index)));
                        }
                    }
                    return changed.toString();
                })).filter(scope -> !scope.equals(scope.toLowerCase(java.util.Locale.ROOT)));
    }

    @Property
    void nobodyMayHoldAScopeThatDiffersFromAReservedOneOnlyInCase(@ForAll("reservedLookalikes") String lookalike) {
        for (Role role : Role.values()) {
            Account account = Account.create(AccountId.fromRandomBytes(new byte[16]), Username.of("someone"),
                    new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), role,
                    java.time.Instant.EPOCH).withProfile(java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.of(PartnerId.of(1)));

            assertThat(account.mayHold(Scopes.of(lookalike))).as(role + " holding " + lookalike).isFalse();
        }
    }

    @Property
    void usernamesAreTheSameAccountWhateverTheirCase(@ForAll("usernames") String username) {
        assertThat(Username.of(username.toUpperCase(java.util.Locale.ROOT)).canonical())
                .isEqualTo(Username.of(username.toLowerCase(java.util.Locale.ROOT)).canonical())
                .isEqualTo(Username.canonical(" " + username + " "));
    }

    @Provide
    Arbitrary<String> usernames() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@+-")
                .ofMinLength(1).ofMaxLength(Username.MAX_LENGTH);
    }
}
