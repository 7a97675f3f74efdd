package dev.freeport.ledger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * One pre-sized, memory-mapped journal file. Layout: a 16-byte header (magic, format, segment number), then
 * records {@code [int length][int crc32(payload)][payload]}, then zeros. A length of 0 marks the clean end; a record
 * whose length runs past the file or whose CRC does not match is torn (the process died while copying it) and ends
 * the scan.
 *
 * <p>Writes are plain stores into a shared mapping, i.e. into the kernel page cache, which outlives the process;
 * nothing is fsynced. The length is stored last so a record becomes valid only once its bytes are in place.
 */
final class JournalSegment {

    static final int MAGIC = 0x46504a31; // "FPJ1"
    static final int HEADER_BYTES = 16;
    static final int RECORD_OVERHEAD = 8;
    private static final int PAGE = 4096;

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
            for (int p = HEADER_BYTES; p < size; p += PAGE) {
                buf.put(p, (byte) 0);
            }
            buf.putInt(4, 1);
            buf.putLong(8, number);
            buf.putInt(0, MAGIC);
            return new JournalSegment(number, path, buf, size);
        }
    }

    /** Appends one record if it fits; caller holds the journal lock. */
    boolean tryAppend(byte[] payload) {
        int need = RECORD_OVERHEAD + payload.length;
        if (position + need > capacity) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        buffer.put(position + RECORD_OVERHEAD, payload, 0, payload.length);
        buffer.putInt(position + 4, (int) crc.getValue());
        buffer.putInt(position, payload.length);
        position += need;
        records++;
        return true;
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
        if (buf.limit() < HEADER_BYTES || buf.getInt(0) != MAGIC) {
            return new Scan(number, List.of(), 0, false);
        }
        List<UsageEvent> events = new ArrayList<>();
        int pos = HEADER_BYTES;
        int torn = 0;
        while (pos + RECORD_OVERHEAD <= buf.limit()) {
            int len = buf.getInt(pos);
            if (len == 0) {
                break;
            }
            if (len < 0 || len > buf.limit() - pos - RECORD_OVERHEAD) {
                torn++;
                break;
            }
            byte[] payload = new byte[len];
            buf.get(pos + RECORD_OVERHEAD, payload);
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
            pos += RECORD_OVERHEAD + len;
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
