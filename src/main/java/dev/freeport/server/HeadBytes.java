package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.util.Iterator;
import java.util.Map;

/**
 * An answer's header lines as bytes, written into a per-thread array and copied into the head's buffer in one go
 * (see {@link EdgeEncoder#encodeHeaders}). The bytes are those Vert.x's {@code HeadersMultiMap.encode} writes: each
 * entry in the map's order as {@code name: value} and CRLF, a character as its low byte, {@code ?} when over 255.
 */
final class HeadBytes {
    /** the array's size: a gateway's answer head is 400-700 bytes; a larger one is copied in parts */
    static final int SCRATCH = 2048;
    private static final FastThreadLocal<byte[]> ARRAY = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH];
        }
    };

    private HeadBytes() {
    }

    /** Appends every header line of {@code headers} to {@code buf}. */
    static void write(HeadersMultiMap headers, ByteBuf buf) {
        byte[] a = ARRAY.get();
        int n = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            n = line(a, n, e.getKey(), e.getValue(), buf);
        }
        buf.writeBytes(a, 0, n);
    }

    /** Appends the flow's header lines ({@link AnswerHead}) to {@code buf}, in the order they were added. */
    static void write(AnswerHead headers, ByteBuf buf) {
        byte[] a = ARRAY.get();
        int n = 0;
        for (int i = 0; i < headers.count(); i++) {
            n = line(a, n, headers.name(i), headers.value(i), buf);
        }
        buf.writeBytes(a, 0, n);
    }

    /**
     * Puts one line at {@code n} in the array; when it does not fit, the array's bytes go to {@code buf} first (and a
     * line longer than the array straight into it). Returns the array's new length.
     */
    private static int line(byte[] a, int n, CharSequence name, CharSequence value, ByteBuf buf) {
        int line = name.length() + value.length() + 4;
        if (n + line > a.length) {
            buf.writeBytes(a, 0, n);
            n = 0;
            if (line > a.length) { // one line longer than the array: written straight into the buffer
                buf.ensureWritable(line);
                int at = buf.writerIndex();
                for (int i = 0; i < name.length(); i++) {
                    buf.setByte(at++, AsciiString.c2b(name.charAt(i)));
                }
                buf.setByte(at++, ':').setByte(at++, ' ');
                for (int i = 0; i < value.length(); i++) {
                    buf.setByte(at++, AsciiString.c2b(value.charAt(i)));
                }
                buf.setByte(at++, '\r').setByte(at++, '\n').writerIndex(at);
                return 0;
            }
        }
        n = put(a, n, name);
        a[n++] = ':';
        a[n++] = ' ';
        n = put(a, n, value);
        a[n++] = '\r';
        a[n++] = '\n';
        return n;
    }

    private static int put(byte[] a, int at, CharSequence s) {
        int length = s.length();
        if (s instanceof AsciiString ascii) {
            System.arraycopy(ascii.array(), ascii.arrayOffset(), a, at, length);
            return at + length;
        }
        if (s instanceof String string) {
            for (int i = 0; i < length; i++) {
                a[at + i] = AsciiString.c2b(string.charAt(i));
            }
            return at + length;
        }
        for (int i = 0; i < length; i++) {
            a[at + i] = AsciiString.c2b(s.charAt(i));
        }
        return at + length;
    }
}
