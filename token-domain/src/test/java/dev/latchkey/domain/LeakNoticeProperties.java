package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LeakNoticeProperties {

    private static final Instant FOUND = Instant.parse("2026-12-05T10:00:00Z");
    private static final Token TOKEN = Token.issue(TokenAttributes.personal(
            new TokenId(UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5")),
            new AccountId(UUID.fromString("8d9b4a6e-3f0a-4c3b-9a51-0c2f1c1d2e3f")), TokenDescription.of("ci"),
            Scopes.none(), Expiry.never()), FOUND, SecretHash.of("anything")).token();

    @Provide
    Arbitrary<String> scannerText() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(2_000),
                Arbitraries.strings().all().ofMaxLength(700),
                Arbitraries.strings().withChars("\u0000\u001b[31m\n\r\t \u202e\u200b\uD800\uDC00\uFFFFa").ofMaxLength(80));
    }

    @Property
    void whateverAScannerSendsTheNoticeHoldsShortPrintableText(@ForAll("scannerText") String source,
                                                                @ForAll("scannerText") String location) {
        LeakNotice notice = LeakNotice.found(TOKEN, source, location, FOUND);

        assertThat(notice.source()).isNotEmpty();
        assertThat(notice.source().codePointCount(0, notice.source().length()))
                .isLessThanOrEqualTo(LeakNotice.MAX_SOURCE_LENGTH);
        assertThat(notice.location().codePointCount(0, notice.location().length()))
                .isLessThanOrEqualTo(LeakNotice.MAX_LOCATION_LENGTH);
        assertThat((notice.source() + notice.location()).codePoints())
                .noneMatch(Character::isISOControl)
                .noneMatch(point -> Character.getType(point) == Character.FORMAT)
                .noneMatch(point -> Character.getType(point) == Character.SURROGATE);
        assertThat(notice.location()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
    }

    @Property
    void aNoticeReadBackFromTheStoreIsTheNoticeThatWasWritten(@ForAll("scannerText") String source,
                                                             @ForAll("scannerText") String location) {
        LeakNotice written = LeakNotice.found(TOKEN, source, location, FOUND);

        assertThat(new LeakNotice(written.token(), written.owner(), written.source(), written.location(),
                written.foundAt(), written.dismissedAt())).isEqualTo(written);
    }

    @Example
    void printableTextIsKeptAsTheScannerSentIt() {
        LeakNotice notice = LeakNotice.found(TOKEN, "commit", "https://github.com/acme/app/blob/1a2b/ci.yml#L3", FOUND);

        assertThat(notice.source()).isEqualTo("commit");
        assertThat(notice.location()).isEqualTo("https://github.com/acme/app/blob/1a2b/ci.yml#L3");
        assertThat(notice.token()).isEqualTo(TOKEN.id());
        assertThat(notice.owner()).isEqualTo(TOKEN.owner());
        assertThat(notice.dismissed()).isFalse();
    }

    @Example
    void aSourceOfNothingPrintableIsNamedAsUnnamed() {
        assertThat(LeakNotice.found(TOKEN, "\u001b\n ", "", FOUND).source()).isEqualTo("unnamed source");
    }

    @Example
    void aNoticeOfUnprintableTextCannotBeMadeDirectly() {
        assertThatThrownBy(() -> new LeakNotice(TOKEN.id(), TOKEN.owner(), "commit\u001b[2J", "", FOUND,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeakNotice(TOKEN.id(), TOKEN.owner(), "", "", FOUND, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
