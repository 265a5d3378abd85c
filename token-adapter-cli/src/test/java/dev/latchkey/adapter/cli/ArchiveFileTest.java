package dev.latchkey.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveFileTest {

    @TempDir
    Path directory;

    private static StoreRecord record(String kind, String id) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("count", 42L);
        fields.put("enabled", true);
        fields.put("description", "quotes \" and newlines \n and ünïcödé");
        fields.put("revoked_at", null);
        return new StoreRecord(kind, fields);
    }

    private Path written(List<StoreRecord> records) {
        Path file = directory.resolve("store.jsonl");
        try (ArchiveFile.Writer writer = new ArchiveFile.Writer(file, new ArchiveFile.Header(1, "24",
                Instant.parse("2026-12-06T09:00:00Z"), false))) {
            records.forEach(writer::write);
        }
        return file;
    }

    private static List<StoreRecord> read(Path file) {
        List<StoreRecord> records = new ArrayList<>();
        ArchiveFile.records(file).forEachRemaining(records::add);
        return records;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private Path withLines(List<String> lines) throws IOException {
        Path file = directory.resolve("edited.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void recordsRoundTripWithEveryKindOfValue() throws IOException {
        List<StoreRecord> records = List.of(record("account", "a"), record("token", "t1"), record("token", "t2"));
        Path file = written(records);

        ArchiveFile.Header header = ArchiveFile.verify(file);

        assertThat(header).isEqualTo(new ArchiveFile.Header(1, "24", Instant.parse("2026-12-06T09:00:00Z"), false));
        assertThat(read(file)).isEqualTo(records);
        assertThat(lines(file)).hasSize(5).first().asString().startsWith("{\"format\":\"latchkey-export\"");
        assertThat(lines(file).get(4)).isEqualTo("{\"end\":{\"records\":3,\"counts\":{\"account\":1,\"token\":2}}}");
    }

    @Test
    void aFileCutShortIsRefusedWhereverItWasCut() throws IOException {
        Path file = written(List.of(record("account", "a"), record("token", "t1")));
        List<String> whole = lines(file);
        for (int kept = 1; kept < whole.size(); kept++) {
            Path cut = withLines(whole.subList(0, kept));
            assertThatThrownBy(() -> ArchiveFile.verify(cut)).as("kept %d lines", kept)
                    .isInstanceOf(Refusal.class).hasMessageContaining("cut short");
        }
        String half = String.join("\n", whole).substring(0, String.join("\n", whole).length() - 10);
        Files.writeString(file, half);
        assertThatThrownBy(() -> ArchiveFile.verify(file)).isInstanceOf(Refusal.class);
    }

    @Test
    void aFileWhoseLinesDifferFromItsCountsIsRefused() throws IOException {
        List<String> whole = new ArrayList<>(lines(written(List.of(record("account", "a"), record("token", "t1")))));
        List<String> extra = new ArrayList<>(whole);
        extra.add(2, whole.get(2));
        assertThatThrownBy(() -> ArchiveFile.verify(withLines(extra))).hasMessageContaining("altered");
        List<String> after = new ArrayList<>(whole);
        after.add(whole.get(1));
        assertThatThrownBy(() -> ArchiveFile.verify(withLines(after))).hasMessageContaining("follows");
    }

    @Test
    void aNewerFormatAndWhatIsNoExportAreRefused() throws IOException {
        List<String> whole = new ArrayList<>(lines(written(List.of(record("account", "a")))));
        List<String> newer = new ArrayList<>(whole);
        newer.set(0, whole.get(0).replace("\"formatVersion\":1", "\"formatVersion\":2"));
        assertThatThrownBy(() -> ArchiveFile.verify(withLines(newer))).hasMessageContaining("format version 2");

        assertThatThrownBy(() -> ArchiveFile.verify(withLines(List.of("{\"hello\":1}"))))
                .hasMessageContaining("not a Latchkey export");
        assertThatThrownBy(() -> ArchiveFile.verify(withLines(List.of("PK\u0003\u0004 zip"))))
                .hasMessageContaining("not a Latchkey export");
        assertThatThrownBy(() -> ArchiveFile.verify(withLines(List.of())))
                .hasMessageContaining("empty");
    }

    @Test
    void malformedRecordLinesAreRefusedByLine() throws IOException {
        String header = lines(written(List.of())).get(0);
        String end = "{\"end\":{\"records\":1,\"counts\":{\"token\":1}}}";
        for (String line : List.of("[1,2]", "{\"kind\":\"token\"}", "{\"kind\":\"token\",\"fields\":{\"a\":1.5}}",
                "{\"kind\":\"token\",\"fields\":{\"a\":{\"b\":1}}}", "{\"kind\":\"token\",\"fields\":{},\"more\":1}",
                "{\"kind\":\"token\",\"fields\":{\"a\":1,\"a\":2}}", "{\"kind\":\"token\",\"fields\":{}} {}",
                "{\"kind\":\"token\",\"fields\":{\"a\":[1]}}", "not json")) {
            assertThatThrownBy(() -> ArchiveFile.verify(withLines(List.of(header, line, end)))).as(line)
                    .isInstanceOf(Refusal.class).hasMessageContaining("line 2");
        }
    }
}
