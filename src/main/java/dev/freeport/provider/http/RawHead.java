package dev.freeport.provider.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request head encoded once per prepared {@link RequestOptions} (the client prepares one per base URL, method,
 * path and headers object, and reuses it: see {@code UpstreamClient.Base}): request line, {@code Host}, the
 * headers, {@code Accept-Encoding: gzip, deflate} unless the request names its own, and {@code Content-Length: }
 * with the value left to {@link RawCall#send}. The last two heads are kept, compared by identity. A name or value
 * with a CR, LF or NUL is refused (it would split the head). One per {@link RawPool}: used on one event loop only.
 */
final class RawHead {
    private final String authority;
    private RequestOptions lastOptions;
    private byte[] last;
    private RequestOptions olderOptions;
    private byte[] older;

    RawHead(String host, int port, boolean ssl) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host; // an IPv6 literal
        this.authority = port == (ssl ? 443 : 80) ? h : h + ":" + port;
    }

    byte[] of(RequestOptions options) {
        if (options == lastOptions) {
            return last;
        }
        if (options == olderOptions) {
            return older;
        }
        byte[] head = encode(options);
        olderOptions = lastOptions;
        older = last;
        lastOptions = options;
        last = head;
        return head;
    }

    private byte[] encode(RequestOptions options) {
        StringBuilder b = new StringBuilder(256).append(options.getMethod().name()).append(' ')
                .append(checked(options.getURI())).append(" HTTP/1.1\r\n");
        MultiMap headers = options.getHeaders();
        boolean host = false;
        boolean encoding = false;
        if (headers != null) {
            for (Map.Entry<String, String> e : headers) {
                String name = e.getKey();
                if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
                    continue; // the body's length is written per request
                }
                host |= name.equalsIgnoreCase("host");
                encoding |= name.equalsIgnoreCase("accept-encoding");
                b.append(checked(name)).append(": ").append(checked(e.getValue())).append("\r\n");
            }
        }
        if (!host) {
            b.append("host: ").append(authority).append("\r\n");
        }
        if (!encoding) {
            b.append("accept-encoding: gzip, deflate\r\n");
        }
        b.append("content-length: ");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String checked(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("a request header or path holds a line break");
            }
        }
        return s;
    }
}
