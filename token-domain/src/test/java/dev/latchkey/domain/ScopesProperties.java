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
}
