package dev.latchkey.wire;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;

/**
 * Why a file could not be read or written, in words an operator acts on. The JDK's exceptions for the commonest
 * failures carry only the path as their message ({@code NoSuchFileException: /srv/x}), so told as they are they
 * repeat the path and leave out the reason.
 */
public final class FileFailures {

    /** The failures whose message is the path alone, and what they mean. */
    private static final Map<Class<? extends IOException>, String> KNOWN = Map.of(
            NoSuchFileException.class, "no such file or directory",
            AccessDeniedException.class, "permission denied",
            FileAlreadyExistsException.class, "it exists already",
            NotDirectoryException.class, "not a directory",
            DirectoryNotEmptyException.class, "the directory is not empty",
            CharacterCodingException.class, "not UTF-8 text");

    private FileFailures() {
    }

    /**
     * The reason alone, without the path: the caller names the file as the operator knows it. Any exception is told,
     * an {@link IOException} in these words.
     */
    public static String reason(Exception failure) {
        for (Map.Entry<Class<? extends IOException>, String> known : KNOWN.entrySet()) {
            if (known.getKey().isInstance(failure)) {
                return known.getValue();
            }
        }
        // Otherwise the operating system's own words ("Is a directory", "No space left on device", "Read-only file
        // system"), begun in lower case like the reasons above, as they follow a colon.
        String reason = failure instanceof FileSystemException system ? system.getReason() : failure.getMessage();
        if (reason == null || reason.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
}
