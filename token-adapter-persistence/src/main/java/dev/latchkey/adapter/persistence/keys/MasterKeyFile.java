package dev.latchkey.adapter.persistence.keys;

import java.nio.file.Path;
import java.util.Optional;

/** The file the master key is kept in; none where it is given as a setting (or made for an in-memory store). */
public record MasterKeyFile(Optional<Path> path) {
}
