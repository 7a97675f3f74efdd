package dev.freeport.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writing process per data directory ({@code ledger.lock}): its journal is replayed and deleted on open, which
 * must never happen under another live writer. The OS releases the lock when the process dies, kill -9 included.
 */
final class DataDirLock {

    private DataDirLock() {
    }

    /** Locks {@code dataDir}; the returned channel holds the lock until {@link #release}d. */
    static FileChannel acquire(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve("ledger.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException("the ledger in " + dataDir + " is already open (another Freeport "
                    + "process or an unclosed ledger); read it with UsageSummary instead");
        }
        return ch;
    }

    /** Closes the channel (and so the lock); null is ignored. */
    static void release(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing or closing
            }
        }
    }
}
