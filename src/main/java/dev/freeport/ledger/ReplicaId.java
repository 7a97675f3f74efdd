package dev.freeport.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A replica's stable name in a shared database: a random UUID kept in {@code data_dir/replica-id}, created on first
 * use. It follows the data dir (and so its journal), not the host: two replicas on one machine have two data dirs
 * and two ids; a replica moved with its data dir keeps its id.
 */
final class ReplicaId {
    static final String FILE = "replica-id";

    private ReplicaId() {
    }

    /** Reads the id of {@code dataDir}, creating it if absent (written to a temp file, then moved in place). */
    static String of(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
        try {
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return id;
    }
}
