package dev.freeport.ledger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * One pre-sized, memory-mapped journal file. Layout: a 16-byte header (magic, format, segment number), then
 * records {@code [int length][int crc32(payload)][int segment tag][payload]}, then zeros. A length of 0 marks the
 * clean end; a record whose length runs past the file or whose CRC does not match is torn (the process died while
 * copying it) and ends the scan.
 *
 * <p>Writes are plain stores into a shared mapping, i.e. into the kernel page cache, which outlives the process;
 * nothing is fsynced. The length is stored last so a record becomes valid only once its bytes are in place.
 *
 * <p><b>Files are reused, not deleted.</b> Java 21 cannot unmap a {@code MappedByteBuffer}: the mapping lives until
 * the garbage collector finds the buffer unreachable, which with a small old generation can take hours, and a
 * deleted file's pages and disk blocks stay held by the mapping until then (measured: 106 deleted 16 MiB segments
 * mapped after 8 minutes of load). {@code java.lang.foreign.Arena} would unmap deterministically but is a preview
 * API on Java 21, and {@code sun.misc.Unsafe.invokeCleaner} is internal and deprecated. So a segment whose events
 * are durable in the database is {@linkplain #retire retired} (header cleared, renamed {@code free-N.jnl}) and later
 * {@linkplain Free#reuse given a new life} under a new number (written part zeroed, new header, renamed
 * {@code seg-M.jnl}), keeping its mapping: a steady run maps the same two or three files forever. See
 * {@link Journal} for how many are kept.
 *
 * <p><b>No record outlives its life.</b> Each record carries the low 32 bits of its segment's number (numbers only
 * grow within a process, and free files are deleted when a ledger opens or closes, so a file never gets a number it
 * had before), and {@link #scan} ends a segment at the first record whose tag is not the file name's number, and
 * refuses a header whose number is not the name's. The zeroing on reuse therefore only makes the normal end clean;
 * even if a power loss kept the rename but not the zeroed pages, a previous life's records are never replayed.
 */
final class JournalSegment {

    static final int MAGIC = 0x46504a31; // "FPJ1"
    /** Format 2 added the segment tag to each record; format 1 files (older versions) are still read. */
    static final int FORMAT = 2;
    static final int HEADER_BYTES = 16;
    static final int RECORD_OVERHEAD = 12;
    private static final int V1_RECORD_OVERHEAD = 8;
    private static final int PAGE = 4096;
    private static final byte[] ZEROS = new byte[64 * 1024];

    final long number;
    final Path path;
    private final MappedByteBuffer buffer;
    private final int capacity;

    /** Guarded by the journal's append lock. */
    private int position = HEADER_BYTES;
    /** Written under the append lock before {@link #sealed} is set; read by the mover after it sees sealed. */
    private int records;
    private volatile boolean sealed;
    /** Records of this segment known to be committed to the database (mover thread only). */
    final AtomicInteger committed = new AtomicInteger();

    private JournalSegment(long number, Path path, MappedByteBuffer buffer, int capacity) {
        this.number = number;
        this.path = path;
        this.buffer = buffer;
        this.capacity = capacity;
    }

    static Path fileName(Path dir, long number) {
        return dir.resolve(String.format("seg-%016d.jnl", number));
    }

    static long numberOf(Path file) {
        String n = file.getFileName().toString();
        if (!n.startsWith("seg-") || !n.endsWith(".jnl")) {
            return -1;
        }
        try {
            return Long.parseLong(n.substring(4, n.length() - 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Creates, sizes and maps a new segment and touches every page so that later appends do not take page faults
     * that allocate. Blocking file I/O: call from the background thread (or open()).
     */
    static JournalSegment create(Path dir, long number, int size) throws IOException {
        Path path = fileName(dir, number);
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(size);
            MappedByteBuffer buf = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, size);
            return begin(number, path, buf, size, HEADER_BYTES);
        }
    }

    /** Zeroes the previous life's records up to {@code dirtyEnd}, touches the other pages, writes the header. */
    private static JournalSegment begin(long number, Path path, MappedByteBuffer buf, int size, int dirtyEnd) {
        for (int p = HEADER_BYTES; p < dirtyEnd; p += ZEROS.length) {
            buf.put(p, ZEROS, 0, Math.min(ZEROS.length, dirtyEnd - p));
        }
        for (int p = dirtyEnd; p < size; p += PAGE) {
            buf.put(p, (byte) 0);
        }
        buf.putInt(4, FORMAT);
        buf.putLong(8, number);
        buf.putInt(0, MAGIC);
        return new JournalSegment(number, path, buf, size);
    }

    /**
     * A retired segment's file and mapping, waiting for reuse: {@code path} is {@code free-N.jnl}, which no replay
     * reads; {@code dirtyEnd} is where its last life's records ended (0: the file was shrunk to nothing).
     */
    record Free(Path path, MappedByteBuffer buffer, int capacity, int dirtyEnd) {

        boolean shrunk() {
            return dirtyEnd == 0;
        }

        /**
         * Gives the file a new life as segment {@code number}: regrown if it was shrunk, zeroed where it was written,
         * a new header, then renamed {@code seg-number.jnl}. A crash before the rename leaves a free file, which the
         * next open deletes; after it, an empty valid segment.
         */
        JournalSegment reuse(Path dir, long number) throws IOException {
            if (shrunk()) {
                try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
                    raf.setLength(capacity);
                }
            }
            JournalSegment s = begin(number, fileName(dir, number), buffer, capacity,
                    shrunk() ? HEADER_BYTES : dirtyEnd);
            Files.move(path, s.path, StandardCopyOption.ATOMIC_MOVE);
            return s;
        }

        /** Truncates and deletes the file: its mapping then holds no memory and no disk until it is collected. */
        void discard() throws IOException {
            shrinkAndDelete(path);
        }
    }

    /**
     * Takes a segment whose events are all durable in the database out of the journal: the header is cleared (a
     * crash from here on makes replay skip the file), the file renamed {@code free-N.jnl}, and with {@code shrink}
     * truncated to zero bytes, which gives its disk blocks and resident pages back at once. The mapping is kept.
     * Mover thread only, and only once nothing appends to the segment (sealed).
     */
    Free retire(boolean shrink) throws IOException {
        buffer.putInt(0, 0);
        Path free = path.resolveSibling("free-" + path.getFileName().toString().substring(4));
        Files.move(path, free, StandardCopyOption.ATOMIC_MOVE);
        if (shrink) {
            try (FileChannel ch = FileChannel.open(free, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
        }
        return new Free(free, buffer, capacity, shrink ? 0 : position);
    }

    /** Truncates and deletes the file (a spare nobody will use, or the journal closing). */
    void discard() throws IOException {
        shrinkAndDelete(path);
    }

    private static void shrinkAndDelete(Path file) throws IOException {
        if (Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
        }
        Files.deleteIfExists(file);
    }

    /** Deletes free files a killed process left behind (they hold no events). */
    static void deleteFree(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("free-")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Appends one record if it fits; caller holds the journal lock. */
    boolean tryAppend(byte[] payload) {
        return tryAppend(payload, payload.length, crc32(payload, payload.length));
    }

    /**
     * Appends the record in {@code bytes[0, length)} with its {@code crc} if it fits, copying it straight into the
     * mapping; caller holds the journal lock.
     */
    boolean tryAppend(byte[] bytes, int length, int crc) {
        int need = RECORD_OVERHEAD + length;
        if (position + need > capacity) {
            return false;
        }
        buffer.put(position + RECORD_OVERHEAD, bytes, 0, length);
        buffer.putInt(position + 8, (int) number);
        buffer.putInt(position + 4, crc);
        buffer.putInt(position, length);
        position += need;
        records++;
        return true;
    }

    static int crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** Caller holds the journal lock; after this no record is added. */
    void seal() {
        sealed = true;
    }

    boolean isSealed() {
        return sealed;
    }

    /** Valid once {@link #isSealed()} returned true. */
    int records() {
        return records;
    }

    /** Everything found in a segment file. */
    record Scan(long number, List<UsageEvent> events, int tornRecords, boolean validHeader) {
    }

    /** Reads a segment file (plain reads, works while another process writes it). */
    static Scan scan(Path file) throws IOException {
        long number = numberOf(file);
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
                return new Scan(number, List.of(), 0, false);
            }
            buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            buf.flip();
        }
        int format = buf.limit() < HEADER_BYTES ? 0 : buf.getInt(4);
        if (buf.limit() < HEADER_BYTES || buf.getInt(0) != MAGIC || format < 1 || format > FORMAT
                || buf.getLong(8) != number) {
            return new Scan(number, List.of(), 0, false);
        }
        int overhead = format == 1 ? V1_RECORD_OVERHEAD : RECORD_OVERHEAD;
        List<UsageEvent> events = new ArrayList<>();
        int pos = HEADER_BYTES;
        int torn = 0;
        while (pos + overhead <= buf.limit()) {
            int len = buf.getInt(pos);
            if (len == 0) {
                break;
            }
            if (len < 0 || len > buf.limit() - pos - overhead) {
                torn++;
                break;
            }
            if (format > 1 && buf.getInt(pos + 8) != (int) number) {
                break; // a record of the file's previous life: this life's records end here
            }
            byte[] payload = new byte[len];
            buf.get(pos + overhead, payload);
            CRC32 crc = new CRC32();
            crc.update(payload);
            if ((int) crc.getValue() != buf.getInt(pos + 4)) {
                torn++;
                break;
            }
            try {
                events.add(EventCodec.decode(payload));
            } catch (IllegalArgumentException e) {
                torn++;
                break;
            }
            pos += overhead + len;
        }
        return new Scan(number, events, torn, true);
    }

    /** Journal files of a directory, oldest first (empty if the directory does not exist). */
    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(p -> numberOf(p) >= 0)
                    .sorted((a, b) -> Long.compare(numberOf(a), numberOf(b)))
                    .toList();
        }
    }
}
