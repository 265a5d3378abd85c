package dev.latchkey.application.port.in;

import dev.latchkey.application.port.out.StoreBackupPort.Backup;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A consistent copy of the embedded store, taken while it serves; administrators and the operator only. Empty where
 * the store is a database server, which its own tools back up.
 */
public interface BackUpStoreUseCase {

    Optional<Backup> backUp(Caller caller, Path directory, boolean withMasterKey);
}
