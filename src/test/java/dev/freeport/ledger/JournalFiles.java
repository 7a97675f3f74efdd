package dev.freeport.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes journal segments the way a gateway process does, without a mover: what a killed process leaves. */
final class JournalFiles {
    private JournalFiles() {
    }

    /** Appends the events to a fresh journal in dataDir/journal; returns the byte offset after each record. */
    static long[] writeOrphanJournal(Path dataDir, int segmentBytes, List<UsageEvent> events) throws IOException {
        Journal j = new Journal(dataDir.resolve("journal"), 1, segmentBytes, () -> { });
        long[] ends = new long[events.size()];
        long pos = JournalSegment.HEADER_BYTES;
        for (int i = 0; i < events.size(); i++) {
            byte[] b = EventCodec.encode(events.get(i));
            j.append(b, events.get(i));
            pos += JournalSegment.RECORD_OVERHEAD + b.length;
            ends[i] = pos;
        }
        return ends;
    }

    static List<Path> segments(Path dataDir) throws IOException {
        return JournalSegment.list(dataDir.resolve("journal"));
    }

    static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes), offset);
        }
        if (!Files.exists(file)) {
            throw new IOException("gone: " + file);
        }
    }
}
