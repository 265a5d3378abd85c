package dev.latchkey.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    record Sample(String name, Boolean enabled, Long count, BigDecimal seconds, List<String> tags) {
    }

    @Test
    void aWellFormedBodyIsReadWithItsExactTypes() throws Exception {
        Sample sample = StrictJson.read(
                "{\"name\":\"n\",\"enabled\":false,\"count\":3,\"seconds\":-1,\"tags\":[\"a\",\"b\"]}", Sample.class);

        assertThat(sample).isEqualTo(new Sample("n", false, 3L, new BigDecimal(-1), List.of("a", "b")));
        assertThat(StrictJson.read("{}", Sample.class)).isEqualTo(new Sample(null, null, null, null, null));
    }

    record Patch(@NullClears String email, List<String> scopes) {
    }

    @Test
    void anExplicitNullIsRefusedUnlessItMeansClearing() throws Exception {
        assertThatThrownBy(() -> StrictJson.read("{\"name\":null}", Sample.class))
                .hasMessageContaining("must not be null; leave the field out instead");
        assertThatThrownBy(() -> StrictJson.read("{\"scopes\":null}", Patch.class))
                .isInstanceOf(StrictJson.MalformedJson.class).hasMessageContaining("must not be null");
        assertThat(StrictJson.read("{\"email\":null}", Patch.class)).isEqualTo(new Patch(null, null));
    }

    record Limits(Integer maximum, Sample sample) {
    }

    @Test
    void anIntegerStaysAnIntegerAndANestedObjectIsReadAsStrictly() throws Exception {
        Limits limits = StrictJson.read("{\"maximum\":3,\"sample\":{\"name\":\"n\"}}", Limits.class);

        assertThat(limits).isEqualTo(new Limits(3, new Sample("n", null, null, null, null)));
        assertThatThrownBy(() -> StrictJson.read("{\"maximum\":2147483648}", Limits.class))
                .hasMessageContaining("must be a whole number within range");
        assertThatThrownBy(() -> StrictJson.read("{\"sample\":\"n\"}", Limits.class))
                .hasMessageContaining("must be an object");
        assertThatThrownBy(() -> StrictJson.read("{\"sample\":{\"nmae\":\"n\"}}", Limits.class))
                .hasMessageContaining("is not a field of this request");
    }

    record Registration(String name, java.util.Map<String, Object> jwks) {
    }

    @Test
    void aDocumentFieldIsReadAsTheObjectItIsAndAnythingElseThereIsRefused() throws Exception {
        Registration read = StrictJson.read("{\"name\":\"n\",\"jwks\":{\"keys\":[{\"kty\":\"EC\",\"n\":1}]}}",
                Registration.class);

        assertThat(read.jwks()).isEqualTo(java.util.Map.of("keys", List.of(java.util.Map.of("kty", "EC", "n",
                BigDecimal.ONE))));
        for (String notAnObject : new String[] {"[]", "\"keys\"", "1", "true"}) {
            assertThatThrownBy(() -> StrictJson.read("{\"jwks\":" + notAnObject + "}", Registration.class))
                    .as(notAnObject).hasMessage("must be an object").isInstanceOfSatisfying(
                            StrictJson.MalformedJson.class, malformed -> assertThat(malformed.field()).isEqualTo("jwks"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"enabled\":\"yes\"}                 | enabled | must be true or false",
        "{\"enabled\":1}                       | enabled | must be true or false",
        "{\"seconds\":true}                    | seconds | must be a number",
        "{\"seconds\":\"60\"}                  | seconds | must be a number",
        "{\"count\":1.5}                       | count   | must be a whole number within range",
        "{\"count\":9223372036854775808}       | count   | must be a whole number within range",
        "{\"name\":42}                         | name    | must be a string",
        "{\"tags\":[\"a\",1]}                  | tags    | must be an array of strings",
        "{\"tags\":\"a\"}                      | tags    | must be an array of strings",
        "{\"name\":\"a\",\"name\":\"b\"}       | name    | appears more than once",
        "{\"nmae\":\"typo\"}                   | nmae    | is not a field of this request; the fields are count, enabled, name, seconds, tags",
        "{\"seconds\":1e999999000000009720951473964979620} | seconds | is not a number within range",
        "{\"seconds\":1e999999999}               | seconds | is not a number within range",
    })
    void aWrongFieldIsRefusedByName(String body, String field, String reason) {
        assertThatThrownBy(() -> StrictJson.read(body, Sample.class))
                .isInstanceOfSatisfying(StrictJson.MalformedJson.class, malformed -> {
                    assertThat(malformed.field()).isEqualTo(field);
                    assertThat(malformed.getMessage()).isEqualTo(reason);
                });
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"a\"} trailing     | has data after the JSON object",
        "{\"name\":\"a\"}{}            | has data after the JSON object",
        "''                            | is empty; send a JSON object",
        "'   '                         | is empty; send a JSON object",
        "[1,2]                         | must be a JSON object",
        "\"text\"                      | must be a JSON object",
        "{\"name\":\"hunter2-secret\"  | is not valid JSON",
        "{'name':'single quotes'}      | is not valid JSON",
        "{\"name\":\"a\",}             | is not valid JSON",
    })
    void aBodyThatIsNotOneJsonObjectIsRefusedWithoutQuotingIt(String body, String reason) {
        assertThatThrownBy(() -> StrictJson.read(body, Sample.class))
                .isInstanceOfSatisfying(StrictJson.MalformedJson.class, malformed -> {
                    assertThat(malformed.field()).isEmpty();
                    assertThat(malformed.getMessage()).isEqualTo(reason).doesNotContain("hunter2");
                    assertThat(malformed.describe()).doesNotContain("hunter2", "java.", "Jackson", "JsonParse");
                });
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsAnything() {
        String deep = "{\"tags\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> StrictJson.read(deep, Sample.class))
                .isInstanceOf(StrictJson.MalformedJson.class);
    }

    @Test
    void namesFromTheInputAreShownOnlyAsPrintableAsciiAndShort() {
        assertThat(StrictJson.shown("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(StrictJson.shown("x".repeat(500))).hasSize(65);
    }
}
