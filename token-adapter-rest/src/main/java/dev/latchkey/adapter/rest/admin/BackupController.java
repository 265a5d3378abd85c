package dev.latchkey.adapter.rest.admin;

import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.BackUpStoreUseCase;
import dev.latchkey.application.port.out.StoreBackupPort.Backup;
import dev.latchkey.application.port.out.StoreBackupPort.BackupNotWrittenException;
import dev.latchkey.wire.FileFailures;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A backup of the embedded store, taken while it serves, into the configured directory on the server
 * ({@code latchkey.backup.directory}): a caller never names a path on the server. The master key is not copied here;
 * `latchkey backup --with-master-key` does that, where the operator asks for it.
 */
@Tag(name = "Backups", description = "Consistent copies of the embedded store while it serves. Administrators only.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/admin/backups")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class BackupController {

    private final BackUpStoreUseCase backups;
    private final Path directory;

    BackupController(BackUpStoreUseCase backups,
                     @Value("${latchkey.backup.directory:./backups}") String directory) {
        this.backups = backups;
        this.directory = Path.of(directory);
    }

    /** Takes a backup now; the answer names the file in the backup directory. */
    @Post
    @ApiResponse(responseCode = "201", description = "The backup, in the server's backup directory",
            content = @Content(schema = @Schema(implementation = BackupTaken.class)))
    @ApiResponse(responseCode = "409", description = "The store is a database server, backed up with its own tools",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "507", description = "The backup directory cannot be made or written, or its disk is "
            + "full", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> backUp(HttpRequest<?> request, Authentication authentication) {
        Optional<Backup> taken;
        try {
            taken = backups.backUp(AuthenticatedCaller.of(authentication), directory, false);
        } catch (BackupNotWrittenException notWritten) {
            return Problems.response(request, ProblemType.BACKUP_NOT_WRITTEN, "The backup could not be written in "
                    + directory + " (latchkey.backup.directory): " + FileFailures.reason(notWritten.failure())
                    + ". Nothing was copied; the store is as it was.");
        }
        if (taken.isEmpty()) {
            return Problems.response(request, ProblemType.BACKUP_NOT_MADE_HERE, "The store is PostgreSQL: back it up "
                    + "with pg_dump or pg_basebackup, with the master key kept apart (docs/operations.md).");
        }
        Backup backup = taken.get();
        return HttpResponse.status(HttpStatus.CREATED).body(new BackupTaken(backup.file().getFileName().toString(),
                backup.bytes(), Timestamps.isoMillis(backup.takenAt())));
    }

    @Serdeable
    record BackupTaken(String file, long bytes, String takenAt) {
    }
}
