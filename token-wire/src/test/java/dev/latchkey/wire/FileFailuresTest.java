package dev.latchkey.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reasons as the file system gives them, from real failures, never the path alone. */
class FileFailuresTest {

    @TempDir
    Path directory;

    private static String reasonOf(IoAction action) {
        try {
            action.run();
        } catch (IOException failure) {
            return FileFailures.reason(failure);
        }
        throw new AssertionError("the action did not fail");
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void eachCommonFailureIsToldByItsReasonNotItsPath() throws IOException {
        Path missing = directory.resolve("missing/file");
        Path file = Files.writeString(directory.resolve("file"), "text");
        assertThat(reasonOf(() -> Files.readString(missing))).isEqualTo("no such file or directory");
        assertThat(reasonOf(() -> Files.createFile(file))).isEqualTo("it exists already");
        assertThat(reasonOf(() -> Files.createFile(file.resolve("below")))).isEqualTo("not a directory");
        assertThat(reasonOf(() -> Files.readString(directory))).isEqualTo("is a directory");
        assertThat(reasonOf(() -> Files.delete(directory))).isEqualTo("the directory is not empty");
        Path latin1 = Files.write(directory.resolve("latin1"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertThat(reasonOf(() -> Files.readString(latin1, StandardCharsets.UTF_8))).isEqualTo("not UTF-8 text");
        assertThat(FileFailures.reason(new MalformedInputException(1))).isEqualTo("not UTF-8 text");
        assertThat(FileFailures.reason(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(FileFailures.reason(new IOException())).isEqualTo("IOException");
    }
}
