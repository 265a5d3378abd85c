package dev.latchkey.wire;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read or written, in words an operator acts on. The JDK's exceptions for the commonest
 * failures carry only the path as their message ({@code NoSuchFileException: /srv/x}), so told as they are they
 * repeat the path and leave out the reason.
 */
public final class FileFailures {

    private FileFailures() {
    }

    /**
     * The reason alone, without the path: the caller names the file as the operator knows it. Any exception is told,
     * an {@link IOException} in these words.
     */
    public static String reason(Exception failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "it exists already";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (failure instanceof CharacterCodingException) {
            return "not UTF-8 text";
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
