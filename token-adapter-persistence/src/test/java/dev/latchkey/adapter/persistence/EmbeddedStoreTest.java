package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where an H2 URL keeps its files, as the service's default and operators' own URLs spell them. */
class EmbeddedStoreTest {

    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

    @Test
    void aFileDatabaseIsFoundWhereverItsUrlPutsIt() {
        Path here = Path.of("").toAbsolutePath();
        assertThat(EmbeddedStore.dataDirectory("jdbc:h2:file:./data/latchkey" + OPTIONS))
                .contains(here.resolve("data"));
        assertThat(EmbeddedStore.databaseFile("jdbc:h2:file:./data/latchkey" + OPTIONS))
                .contains(here.resolve("data/latchkey.mv.db"));
        assertThat(EmbeddedStore.databaseFile("jdbc:h2:/srv/latchkey/store"))
                .contains(Path.of("/srv/latchkey/store.mv.db"));
        assertThat(EmbeddedStore.databaseFile("jdbc:h2:~/keys/db" + OPTIONS))
                .contains(Path.of(System.getProperty("user.home"), "keys", "db.mv.db"));
    }

    @Test
    void aDatabaseThatIsNoFileOfThisHostHasNone() {
        for (String url : new String[] {"jdbc:h2:mem:test" + OPTIONS, "jdbc:h2:tcp://db/latchkey",
                "jdbc:h2:ssl://db/latchkey", "jdbc:postgresql://db.internal:5432/latchkey", ""}) {
            assertThat(EmbeddedStore.dataDirectory(url)).as(url).isEmpty();
            assertThat(EmbeddedStore.databaseFile(url)).as(url).isEmpty();
        }
    }
}
