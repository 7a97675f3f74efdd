package dev.freeport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare-socket HTTP/1.1 client for fault tests: it keeps every byte that arrived and the exact way the
 * connection ended (clean EOF, reset, or read timeout), which a full HTTP client would hide.
 */
public final class RawHttp {
    /** What came back: raw bytes, the head and de-chunked body split out, and the error that ended reading. */
    public record Response(byte[] raw, IOException error) {
        public String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        public String head() {
            String t = text();
            int end = t.indexOf("\r\n\r\n");
            return end < 0 ? t : t.substring(0, end);
        }

        public int status() {
            String head = head();
            return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
        }

        /** The body, de-chunked when chunked (complete chunks only). */
        public String body() {
            String t = text();
            int start = t.indexOf("\r\n\r\n");
            if (start < 0) {
                return "";
            }
            String rest = t.substring(start + 4);
            if (!head().toLowerCase().contains("transfer-encoding: chunked")) {
                return rest;
            }
            StringBuilder out = new StringBuilder();
            byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
            int i = 0;
            while (i < bytes.length) {
                int lineEnd = indexOfCrlf(bytes, i);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII).trim(), 16);
                if (size == 0 || lineEnd + 2 + size > bytes.length) {
                    break;
                }
                out.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
                i = lineEnd + 2 + size + 2;
            }
            return out.toString();
        }

        public boolean reset() {
            return error instanceof java.net.SocketException && error.getMessage() != null
                    && error.getMessage().toLowerCase().contains("reset");
        }

        public boolean timedOut() {
            return error instanceof java.net.SocketTimeoutException;
        }

        /** How many responses arrived (status lines at the start of the stream or after a previous body). */
        public int statusLines() {
            return (int) java.util.regex.Pattern.compile("HTTP/1\\.[01] \\d{3} ").matcher(text()).results().count();
        }

        /** The connection ended with a clean EOF or a reset (not by the read timeout). */
        public boolean closed() {
            return error == null || reset();
        }

        private static int indexOfCrlf(byte[] b, int from) {
            for (int i = from; i + 1 < b.length; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    private RawHttp() {
    }

    /** POSTs the JSON and reads until the server closes, resets, or nothing arrives for readTimeout. */
    static Response post(int port, String path, String json, Duration readTimeout) throws IOException {
        try (Socket socket = open(port, path, json, readTimeout)) {
            return readAll(socket);
        }
    }

    /** Opens a socket and sends the request; the caller reads and closes. */
    static Socket open(int port, String path, String json, Duration readTimeout) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer test\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /**
     * Sends {@code raw} as is (request heads, bodies, anything) on a new connection, half-closes nothing, and reads
     * until the server closes, resets, or nothing arrives for {@code readTimeout}.
     */
    public static Response exchange(int port, String raw, Duration readTimeout) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) readTimeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAll(socket);
        }
    }

    public static Response readAll(Socket socket) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
            return new Response(got.toByteArray(), null);
        } catch (IOException e) {
            return new Response(got.toByteArray(), e);
        }
    }
}
