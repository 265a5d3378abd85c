package dev.latchkey.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pages are templates, never Java (issue 22): no string literal in any module's main code holds an HTML element. A
 * page written by concatenation is escaped by hand, value by value, and one forgotten value is an XSS hole; a
 * template escapes every value for where it lands.
 */
class NoMarkupInJavaTest {

    /** A string literal with an opening or closing tag of an element a page is made of. */
    private static final Pattern MARKUP_IN_A_LITERAL = Pattern.compile(
            "\"[^\"\\n]*</?(html|head|body|main|header|nav|section|h[1-6]|p|div|span|a|strong|em|code|pre|ul|ol|li"
                    + "|table|thead|tbody|tr|th|td|caption|form|fieldset|legend|label|input|select|option|button"
                    + "|textarea|br|time|script|style|link|meta|title)[\\s>/][^\"\\n]*\"");

    @Test
    void noMainSourceWritesMarkup() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offending;
        try (Stream<Path> sources = Files.walk(root)) {
            offending = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .filter(path -> !path.toString().contains("/target/"))
                    .filter(NoMarkupInJavaTest::writesMarkup)
                    .map(path -> root.relativize(path).toString()).sorted().toList();
        }
        assertThat(offending).as("main sources with HTML in a string literal").isEmpty();
    }

    @Test
    void theCheckFindsMarkupWhereItIsAndNowhereElse() {
        assertThat(MARKUP_IN_A_LITERAL.matcher("return \"<p>\" + Html.text(name) + \"</p>\";").find()).isTrue();
        assertThat(MARKUP_IN_A_LITERAL.matcher("page(\"<td class=\\\"actions\\\">\")").find()).isTrue();
        assertThat(MARKUP_IN_A_LITERAL.matcher("\"Send it as Authorization: Bearer <token>\"").find()).isFalse();
        assertThat(MARKUP_IN_A_LITERAL.matcher("\"a < b and c > d\"").find()).isFalse();
        assertThat(MARKUP_IN_A_LITERAL.matcher("List<String> names = new ArrayList<>();").find()).isFalse();
    }

    private static boolean writesMarkup(Path source) {
        try {
            return MARKUP_IN_A_LITERAL.matcher(Files.readString(source)).find();
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read " + source, unreadable);
        }
    }
}
