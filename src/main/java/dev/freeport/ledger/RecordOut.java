package dev.freeport.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The bytes of one journal record as they are written: the same layout as {@link java.io.DataOutputStream}
 * (big-endian numbers, a string as its UTF-8 length then its bytes, -1 for null), into a buffer each thread keeps
 * between records. The journal copies {@link #bytes()} straight into its mapped segment (no array per record);
 * ASCII strings (ids, names, hashes, the routing decision's JSON) are written without an intermediate array.
 */
final class RecordOut {
    /** a thread keeps its buffer up to this size; a larger record's buffer is dropped after it */
    private static final int KEEP_BYTES = 16 * 1024;
    private static final ThreadLocal<RecordOut> PER_THREAD = ThreadLocal.withInitial(RecordOut::new);

    private final CRC32 crc = new CRC32();
    private byte[] buf = new byte[1024];
    private int size;

    /** This thread's writer, empty. */
    static RecordOut start() {
        RecordOut out = PER_THREAD.get();
        out.size = 0;
        return out;
    }

    /** A copy of the record (tests, tools); the write path uses {@link #bytes()} and {@link #size()}. */
    byte[] toByteArray() {
        byte[] bytes = Arrays.copyOf(buf, size);
        release();
        return bytes;
    }

    /** The buffer holding the record in its first {@link #size()} bytes; valid until this thread's next record. */
    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    /** CRC-32 of the record. */
    int crc32() {
        crc.reset();
        crc.update(buf, 0, size);
        return (int) crc.getValue();
    }

    /** Done with the record: a buffer grown past {@link #KEEP_BYTES} by a large one is dropped. */
    void release() {
        if (buf.length > KEEP_BYTES) {
            buf = new byte[1024];
        }
    }

    void writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    void writeInt(int v) {
        ensure(4);
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** {@code s}'s UTF-8 length and bytes, or -1 for null; at most {@code maxBytes} (else its first maxBytes/4 chars). */
    void writeString(String s, int maxBytes) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        int n = s.length();
        if (n <= maxBytes) {
            ensure(4 + n);
            int start = size + 4;
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buf[start + i] = (byte) c;
            }
            if (i == n) { // all ASCII: one byte per char
                writeInt(n);
                size += n;
                return;
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > maxBytes) {
            b = s.substring(0, maxBytes / 4).getBytes(StandardCharsets.UTF_8);
        }
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
