package dev.freeport.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The bytes of one journal record as they are written: the same layout as {@link java.io.DataOutputStream}
 * (big-endian numbers, a string as its UTF-8 length then its bytes, -1 for null), into a buffer each thread keeps
 * between records. The journal copies {@link #bytes()} straight into its mapped segment (no array per record);
 * strings are written without an intermediate array: a short one by a loop that copies ASCII chars as bytes, a long
 * one (the routing decision's JSON: ~150 chars a request) by the thread's UTF-8 encoder from a char buffer, whose
 * ASCII copy the JDK does with vector instructions (the loop costs ~1 ns per char); numbers in one store each.
 * {@code JournalAppendBench} measures it.
 */
final class RecordOut {
    /** a thread keeps its buffer up to this size; a larger record's buffer is dropped after it */
    private static final int KEEP_BYTES = 16 * 1024;
    /** a number's bytes in one store each, big-endian as {@link java.io.DataOutputStream} writes them */
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** strings from this length on go through {@link #writeLongString} */
    private static final int LONG_STRING = 48;
    private static final ThreadLocal<RecordOut> PER_THREAD = ThreadLocal.withInitial(RecordOut::new);

    private final CRC32 crc = new CRC32();
    private byte[] buf = new byte[1024];
    /** long strings' chars, and the encoder's views of them and of {@link #buf} (rewrapped when either grows) */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private char[] chars = new char[256];
    private CharBuffer charView = CharBuffer.wrap(chars);
    private ByteBuffer byteView;
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
            byteView = null;
        }
        if (chars.length > KEEP_BYTES / 4) {
            chars = new char[256];
            charView = CharBuffer.wrap(chars);
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
        INT.set(buf, size, v);
        size += 4;
    }

    void writeLong(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
    }

    /** {@code s}'s UTF-8 length and bytes, or -1 for null; at most {@code maxBytes} (else its first maxBytes/4 chars). */
    void writeString(String s, int maxBytes) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        int n = s.length();
        if (n >= LONG_STRING && n <= maxBytes / 3) {
            writeLongString(s, n);
            return;
        }
        if (n <= maxBytes) {
            ensure(4 + n);
            byte[] b = buf;
            int start = size + 4;
            int seen = 0;
            for (int i = 0; i < n; i++) { // no exit inside the loop: the JIT unrolls it; a non-ASCII char is rare
                char c = s.charAt(i);
                seen |= c;
                b[start + i] = (byte) c;
            }
            if (seen < 0x80) { // all ASCII: one byte per char
                INT.set(b, size, n);
                size = start + n;
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

    /**
     * A long string (the routing decision, a long error message) through a UTF-8 encoder: the JDK copies its ASCII runs
     * with vector instructions, where the loop of {@link #writeString} takes about a nanosecond per char.
     */
    private void writeLongString(String s, int n) {
        ensure(4 + 3 * n);
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
            charView = CharBuffer.wrap(chars);
        }
        if (byteView == null || byteView.array() != buf) {
            byteView = ByteBuffer.wrap(buf);
        }
        s.getChars(0, n, chars, 0);
        charView.limit(n).position(0);
        byteView.limit(buf.length).position(size + 4);
        utf8.reset();
        utf8.encode(charView, byteView, true); // room for 3 bytes a char: never overflows; a lone surrogate: '?'
        int end = byteView.position();
        INT.set(buf, size, end - size - 4);
        size = end;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
