package dev.latchkey.adapter.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import dev.latchkey.wire.FileFailures;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An export file: JSON Lines, one object per line. The first line names the format and its version, the schema
 * version of the store it came from and when; then one line per record ({@code {"kind": ..., "fields": {...}}});
 * the last line counts the records of each kind. A file without that last line, or whose counts differ from its
 * lines, was cut short or altered, and is refused before anything is imported.
 */
final class ArchiveFile {

    static final String FORMAT = "latchkey-export";
    /** The version this Latchkey writes, and the newest it reads. */
    static final int FORMAT_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            // A record holds a token's hashes or a wrapped key: lines of a few kilobytes at most.
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).build())
            .build();

    private ArchiveFile() {
    }

    /** What the first line says. */
    record Header(int formatVersion, String schemaVersion, Instant exportedAt, boolean withAudit) {
    }

    /** Writes a file as its records are handed over, and its last line at {@link #close}. */
    static final class Writer implements AutoCloseable {
        private final Path file;
        private final BufferedWriter out;
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private long records;

        Writer(Path file, Header header) {
            this.file = file;
            try {
                this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                line(json -> {
                    json.writeStringField("format", FORMAT);
                    json.writeNumberField("formatVersion", header.formatVersion());
                    json.writeStringField("schemaVersion", header.schemaVersion());
                    json.writeStringField("exportedAt", header.exportedAt().toString());
                    json.writeBooleanField("withAudit", header.withAudit());
                });
            } catch (IOException failed) {
                throw unwritable(failed);
            }
        }

        void write(StoreRecord record) {
            counts.merge(record.kind(), 1L, Long::sum);
            records++;
            line(json -> {
                json.writeStringField("kind", record.kind());
                json.writeObjectFieldStart("fields");
                for (Map.Entry<String, Object> field : record.fields().entrySet()) {
                    json.writeFieldName(field.getKey());
                    Object value = field.getValue();
                    if (value == null) {
                        json.writeNull();
                    } else if (value instanceof Long number) {
                        json.writeNumber(number);
                    } else if (value instanceof Boolean flag) {
                        json.writeBoolean(flag);
                    } else {
                        json.writeString((String) value);
                    }
                }
                json.writeEndObject();
            });
        }

        long records() {
            return records;
        }

        @Override
        public void close() {
            line(json -> {
                json.writeObjectFieldStart("end");
                json.writeNumberField("records", records);
                json.writeObjectFieldStart("counts");
                for (Map.Entry<String, Long> count : counts.entrySet()) {
                    json.writeNumberField(count.getKey(), count.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            });
            try {
                out.close();
            } catch (IOException failed) {
                throw unwritable(failed);
            }
        }

        /** A disk full or a file system gone read-only while writing: the operator's to fix, told as such. */
        private Refusal unwritable(IOException failed) {
            return new Refusal("cannot write " + file + ": " + FileFailures.reason(failed));
        }

        private interface Fields {
            void write(JsonGenerator json) throws IOException;
        }

        private void line(Fields fields) {
            try {
                StringWriter text = new StringWriter();
                try (JsonGenerator json = JSON.createGenerator(text)) {
                    json.writeStartObject();
                    fields.write(json);
                    json.writeEndObject();
                }
                out.write(text.toString());
                out.write('\n');
            } catch (IOException failed) {
                throw unwritable(failed);
            }
        }
    }

    /**
     * Reads a file through once to check that it is whole: its header readable and of a version this Latchkey reads,
     * every line a record, and a last line whose counts match. Returns the header; refuses with the reason.
     */
    static Header verify(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Header header = header(in.readLine());
            Map<String, Long> counted = new LinkedHashMap<>();
            long lineNumber = 1;
            String line;
            Map<String, Long> stated = null;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (stated != null) {
                    throw new Refusal("line " + lineNumber + " follows the file's last line: the file was altered");
                }
                Map<String, Object> object = parse(line, lineNumber);
                if (object.containsKey("end")) {
                    stated = end(object.get("end"), lineNumber);
                } else {
                    StoreRecord record = record(object, lineNumber);
                    counted.merge(record.kind(), 1L, Long::sum);
                }
            }
            if (stated == null) {
                throw new Refusal("the file ends at line " + lineNumber + " without its last line: it was cut short"
                        + " (" + counted.values().stream().mapToLong(Long::longValue).sum()
                        + " records read); nothing was imported");
            }
            if (!stated.equals(counted)) {
                throw new Refusal("the file's last line counts " + stated + " but the file holds " + counted
                        + ": it was altered; nothing was imported");
            }
            return header;
        } catch (IOException failed) {
            throw new Refusal("cannot read " + file + ": " + FileFailures.reason(failed));
        }
    }

    private static Refusal unreadable(Path file, IOException failed) {
        return new Refusal("cannot read " + file + ": " + FileFailures.reason(failed));
    }

    /** The records of a file {@link #verify} accepted, read a line at a time. */
    static Iterator<StoreRecord> records(Path file) {
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            in.readLine();
        } catch (IOException failed) {
            throw unreadable(file, failed);
        }
        return new Iterator<>() {
            private long lineNumber = 1;
            private StoreRecord next = advance();

            private StoreRecord advance() {
                try {
                    String line = in.readLine();
                    lineNumber++;
                    Map<String, Object> object = line == null ? null : parse(line, lineNumber);
                    if (object == null || object.containsKey("end")) {
                        in.close();
                        return null;
                    }
                    return record(object, lineNumber);
                } catch (IOException failed) {
                    throw unreadable(file, failed);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public StoreRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                StoreRecord current = next;
                next = advance();
                return current;
            }
        };
    }

    /**
     * Per kind, how many records a file holds and a digest of them that does not depend on their order (the sum of
     * each record line's SHA-256, modulo 2^256): two stores that wrote the same records give the same digests.
     */
    static Map<String, String> digests(Path file) {
        Map<String, java.math.BigInteger> sums = new java.util.TreeMap<>();
        Map<String, Long> counts = new java.util.TreeMap<>();
        java.math.BigInteger modulus = java.math.BigInteger.ONE.shiftLeft(256);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            long lineNumber = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                Map<String, Object> object = parse(line, lineNumber);
                if (object.containsKey("end")) {
                    break;
                }
                String kind = record(object, lineNumber).kind();
                java.math.BigInteger hash = new java.math.BigInteger(1, sha256.digest(
                        line.getBytes(StandardCharsets.UTF_8)));
                sums.merge(kind, hash, (sum, more) -> sum.add(more).mod(modulus));
                counts.merge(kind, 1L, Long::sum);
            }
        } catch (IOException failed) {
            throw unreadable(file, failed);
        } catch (java.security.NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
        Map<String, String> digests = new LinkedHashMap<>();
        sums.forEach((kind, sum) -> digests.put(kind, counts.get(kind) + ":" + sum.toString(16)));
        return digests;
    }

    private static Header header(String line) {
        if (line == null) {
            throw new Refusal("the file is empty");
        }
        Map<String, Object> object;
        try {
            object = parse(line, 1);
        } catch (Refusal notJson) {
            throw new Refusal("the file is not a Latchkey export: its first line is not its header");
        }
        if (!FORMAT.equals(object.get("format"))) {
            throw new Refusal("the file is not a Latchkey export: its first line is not its header");
        }
        if (!(object.get("formatVersion") instanceof Long version) || version < 1) {
            throw new Refusal("the file's header has no format version");
        }
        if (version > FORMAT_VERSION) {
            throw new Refusal("the file is of format version " + version + "; this Latchkey reads version "
                    + FORMAT_VERSION + " and older: import it with the Latchkey that exported it, or a newer one");
        }
        if (!(object.get("schemaVersion") instanceof String schema) || !(object.get("exportedAt") instanceof String at)
                || !(object.get("withAudit") instanceof Boolean withAudit)) {
            throw new Refusal("the file's header lacks its schema version, its time or whether it holds the audit "
                    + "trail");
        }
        try {
            return new Header(version.intValue(), schema, Instant.parse(at), withAudit);
        } catch (java.time.format.DateTimeParseException unreadable) {
            throw new Refusal("the file's header has an unreadable time");
        }
    }

    private static StoreRecord record(Map<String, Object> object, long lineNumber) {
        if (!(object.get("kind") instanceof String kind) || !(object.get("fields") instanceof Map<?, ?> fields)
                || object.size() != 2) {
            throw new Refusal("line " + lineNumber + " is not a record: it needs exactly a kind and its fields");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value instanceof Map<?, ?>) {
                throw new Refusal("line " + lineNumber + ": the field '" + name + "' holds an object");
            }
            values.put((String) name, value);
        });
        return new StoreRecord(kind, values);
    }

    private static Map<String, Long> end(Object end, long lineNumber) {
        if (!(end instanceof Map<?, ?> last) || !(last.get("counts") instanceof Map<?, ?> counts)
                || !(last.get("records") instanceof Long)) {
            throw new Refusal("line " + lineNumber + " is not the file's last line as this Latchkey writes it");
        }
        Map<String, Long> stated = new LinkedHashMap<>();
        counts.forEach((kind, count) -> {
            if (!(count instanceof Long number)) {
                throw new Refusal("line " + lineNumber + ": a count is not a number");
            }
            stated.put((String) kind, number);
        });
        return stated;
    }

    /** One line's object: strings, longs, booleans, nulls, and objects of them (one level in a record). */
    private static Map<String, Object> parse(String line, long lineNumber) {
        try (JsonParser json = JSON.createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new Refusal("line " + lineNumber + " is not a JSON object");
            }
            Map<String, Object> object = object(json, lineNumber, 0);
            if (json.nextToken() != null) {
                throw new Refusal("line " + lineNumber + " holds more than one JSON value");
            }
            return object;
        } catch (JsonProcessingException malformed) {
            throw new Refusal("line " + lineNumber + " is not JSON: " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Map<String, Object> object(JsonParser json, long lineNumber, int depth) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            Object read = switch (value) {
                case VALUE_STRING -> json.getText();
                case VALUE_NUMBER_INT -> json.getLongValue();
                case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
                case VALUE_NULL -> null;
                case START_OBJECT -> {
                    if (depth >= 2) {
                        throw new Refusal("line " + lineNumber + " nests objects deeper than a record does");
                    }
                    yield object(json, lineNumber, depth + 1);
                }
                default -> throw new Refusal("line " + lineNumber + ": the field '" + name
                        + "' holds a value a record does not (" + value + ")");
            };
            if (object.containsKey(name)) {
                throw new Refusal("line " + lineNumber + " names the field '" + name + "' twice");
            }
            object.put(Objects.requireNonNull(name), read);
        }
        return object;
    }
}
