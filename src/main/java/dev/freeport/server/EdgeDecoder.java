package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.util.List;
import java.util.Locale;

/**
 * Vert.x's HTTP/1.1 request decoder with the framing rules of RFC 9112 that Netty's decoder leaves lenient, and the
 * connection's progress for the edge's timeouts. Netty already rejects malformed request lines, header names and
 * values, bare-LF line ends and conflicting Content-Lengths; this adds, each answered 400 and closed:
 * <ul>
 *   <li>both Content-Length and Transfer-Encoding (6.1; Netty drops the Content-Length and goes on);</li>
 *   <li>a Transfer-Encoding other than exactly {@code chunked} (6.1: chunked must be the final coding; Freeport
 *       decodes no other), e.g. {@code xchunked}, which Netty ignores in favour of Content-Length;</li>
 *   <li>obs-fold, a header line starting with a space or tab (5.2; Netty joins it to the previous value);</li>
 *   <li>an HTTP/1.1 request with no Host or more than one (3.2);</li>
 *   <li>a malformed chunk (7.1): Netty fails the content and Vert.x would close without an answer; here the body's
 *       reader gets a 400 to answer with.</li>
 * </ul>
 * After an invalid request nothing more is decoded on the connection, so no request smuggled behind it runs.
 * <p>
 * It stands in for Vert.x's {@code VertxHttpRequestDecoder} with the same options, the same message (a
 * {@code DefaultHttpRequest} over Vert.x's {@link HeadersMultiMap}) and one difference: a body's last content gets
 * its (always empty, never read by the server) trailers as a {@link HeadersMultiMap} too, made without a table until
 * a trailer arrives, where Netty's default made a {@code DefaultHttpHeaders} with its 16-slot table per request.
 */
final class EdgeDecoder extends HttpRequestDecoder {
    /** The rejection of a request head; its message is what the caller reads. */
    static final class FramingException extends IllegalArgumentException {
        FramingException(String message) {
            super(message);
        }
    }

    private final EdgeConnection conn;
    /** the bytes being decoded are a request head */
    private boolean inHead = true;
    /** the last head byte seen was a line feed: the next one starts a line */
    private boolean afterLineFeed;
    private boolean folded;
    /** the Host lines seen in the head's bytes, and whether that count may be off (then the headers are counted) */
    private int hostLines;
    private boolean hostsUnsure;
    private boolean bothLengths;
    /** an invalid request was passed on: everything after it is dropped */
    private boolean poisoned;

    /**
     * The header names this connection sent, as Netty's names: a client sends the same names on every request of a
     * keep-alive connection (an SDK a dozen), so each is made once per connection rather than once per request.
     */
    private final io.netty.util.AsciiString[] names = new io.netty.util.AsciiString[NAMES];
    private static final int NAMES = 16;
    private int namesKept;

    /**
     * The request targets this connection sent last, as Strings: a client sends the same path on request after
     * request (an SDK a handful), so each is made once, not once per request. Targets up to {@link #TARGET_MAX}
     * bytes; the oldest is replaced.
     */
    private final String[] targets = new String[TARGETS];
    private static final int TARGETS = 4;
    static final int TARGET_MAX = 256;
    private int targetsMade;

    EdgeDecoder(HttpServerOptions options, EdgeConnection conn) {
        super(config(options));
        this.conn = conn;
    }

    /** Vert.x's decoder settings from the server options, with trailers as Vert.x's headers. */
    static HttpDecoderConfig config(HttpServerOptions options) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(options.getMaxInitialLineLength())
                .setMaxHeaderSize(options.getMaxHeaderSize())
                .setMaxChunkSize(options.getMaxChunkSize())
                .setChunkedSupported(true)
                .setValidateHeaders(true)
                .setInitialBufferSize(options.getDecoderInitialBufferSize())
                .setTrailersFactory(VERTX_TRAILERS);
    }

    /** Trailers as a {@link HeadersMultiMap}: its table is made at the first trailer added (the server reads none). */
    static final HttpHeadersFactory VERTX_TRAILERS = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return HeadersMultiMap.httpHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return HeadersMultiMap.httpHeaders();
        }
    };

    /** A request over Vert.x's headers, as Vert.x's own decoder makes it (the server reads them as they are). */
    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        return new DefaultHttpRequest(HttpVersion.valueOf(initialLine[2]), HttpMethod.valueOf(initialLine[0]),
                initialLine[1], HeadersMultiMap.httpHeaders());
    }

    /** A request's content is never known empty from its head alone (only a response's can be). */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return msg != null && msg.getClass() != DefaultHttpRequest.class && super.isContentAlwaysEmpty(msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (poisoned) {
            in.skipBytes(in.readableBytes());
            return;
        }
        long now = System.nanoTime();
        boolean head = inHead;
        if (head && in.isReadable()) {
            conn.headStarted(now);
        }
        int from = in.readerIndex();
        int produced = out.size();
        super.decode(ctx, in, out);
        if (head && in.readerIndex() > from) {
            scanHead(in, from, in.readerIndex());
        }
        for (int i = produced; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof HttpRequest req) {
                String problem = req.decoderResult().isSuccess() ? problem(req) : null;
                inHead = false;
                folded = false;
                hostLines = 0;
                hostsUnsure = false;
                bothLengths = false;
                afterLineFeed = false;
                if (problem != null) {
                    req.setDecoderResult(DecoderResult.failure(new FramingException(problem)));
                    poison(in, out, i + 1);
                    return;
                }
                conn.headDone(now);
            }
            if (o instanceof HttpContent content) {
                if (!content.decoderResult().isSuccess()) {
                    poison(in, out, i);
                    ctx.executor().execute(() -> conn.failBody(GatewayError.invalid(null, "The request body's chunked "
                            + "encoding is malformed (a bad chunk size or chunk end, RFC 9112 section 7.1).")));
                    return;
                }
                if (o instanceof LastHttpContent) {
                    inHead = true;
                    conn.requestDone();
                } else {
                    conn.bodyProgress(now);
                }
            }
        }
    }

    @Override
    protected io.netty.util.AsciiString splitHeaderName(byte[] sb, int start, int length) {
        for (int i = 0; i < namesKept; i++) {
            io.netty.util.AsciiString n = names[i];
            if (n.length() == length && sameBytes(n, sb, start, length)) {
                return n;
            }
        }
        io.netty.util.AsciiString name = super.splitHeaderName(sb, start, length);
        if (namesKept < NAMES) {
            names[namesKept++] = name;
        }
        return name;
    }

    /** The request line's target (its second word): a String this connection sent before when the bytes match. */
    @Override
    protected String splitSecondWordInitialLine(byte[] sb, int start, int length) {
        if (length > TARGET_MAX) {
            return super.splitSecondWordInitialLine(sb, start, length);
        }
        int kept = Math.min(targetsMade, TARGETS);
        for (int i = 0; i < kept; i++) {
            String t = targets[i];
            if (t.length() == length && sameChars(t, sb, start, length)) {
                return t;
            }
        }
        String target = super.splitSecondWordInitialLine(sb, start, length);
        targets[targetsMade++ % TARGETS] = target;
        if (targetsMade == 2 * TARGETS) {
            targetsMade = TARGETS; // the same slot order, no overflow
        }
        return target;
    }

    /** Whether {@code text} is the bytes, each as the char Netty makes of it (its value 0-255). */
    private static boolean sameChars(String text, byte[] sb, int start, int length) {
        for (int i = length - 1; i >= 0; i--) { // paths sharing a prefix (/v1/...) differ at the end
            if (text.charAt(i) != (char) (sb[start + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(io.netty.util.AsciiString name, byte[] sb, int start, int length) {
        byte[] kept = name.array();
        int offset = name.arrayOffset();
        for (int i = length - 1; i >= 0; i--) { // names sharing a prefix (x-stainless-...) differ at the end
            if (kept[offset + i] != sb[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Drops {@code out} from {@code index} on and every byte still to come. */
    private void poison(ByteBuf in, List<Object> out, int index) {
        poisoned = true;
        while (out.size() > index) {
            ReferenceCountUtil.release(out.remove(out.size() - 1));
        }
        in.skipBytes(in.readableBytes());
    }

    /**
     * Looks at the start of every header line: obs-fold (a line feed inside the head followed by a space or a tab)
     * and the Host lines, counted here so that no list of the Host values is made per request.
     */
    private void scanHead(ByteBuf in, int from, int to) {
        if (afterLineFeed) {
            lineStart(in, from, to);
        }
        int i = in.indexOf(from, to, (byte) '\n');
        while (i >= 0 && i + 1 < to) {
            lineStart(in, i + 1, to);
            i = in.indexOf(i + 1, to, (byte) '\n');
        }
        afterLineFeed = in.getByte(to - 1) == '\n';
        if (!afterLineFeed) { // Netty takes whole lines: a line cut here is not expected, but then count the headers
            hostsUnsure = true;
        }
    }

    /** A header line's first bytes: a fold, a {@code Host:} line, or a name that Netty may read as Host. */
    private void lineStart(ByteBuf in, int at, int to) {
        byte first = in.getByte(at);
        if (isFoldStart(first)) {
            folded = true;
        } else if ((first | 0x20) == 'h') {
            if (at + 5 > to) {
                hostsUnsure = true;
            } else if ((in.getByte(at + 1) | 0x20) == 'o' && (in.getByte(at + 2) | 0x20) == 's'
                    && (in.getByte(at + 3) | 0x20) == 't') {
                byte after = in.getByte(at + 4);
                if (after == ':') {
                    hostLines++;
                } else if (after == ' ' || after == '\t') { // "Host :" is invalid, but count what Netty counts
                    hostsUnsure = true;
                }
            }
        }
    }

    private static boolean isFoldStart(byte b) {
        return b == ' ' || b == '\t';
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        bothLengths = true;
        super.handleTransferEncodingChunkedWithContentLength(message);
    }

    /** What is wrong with a request head that Netty accepted, or null. */
    private String problem(HttpRequest req) {
        HttpHeaders h = req.headers();
        if (folded) {
            return "A header is folded onto a second line (obs-fold); send each header on one line (RFC 9112, 5.2).";
        }
        // the usual request has no Transfer-Encoding: no list of its values is made then
        List<String> te = h.contains(HttpHeaderNames.TRANSFER_ENCODING) ? h.getAll(HttpHeaderNames.TRANSFER_ENCODING)
                : List.of();
        if (bothLengths || !te.isEmpty() && h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return BOTH_LENGTHS;
        }
        if (!te.isEmpty() && !onlyChunked(te)) {
            return UNSUPPORTED_CODING;
        }
        if (req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            int hosts = hostsUnsure ? hosts(h) : hostLines;
            if (hosts != 1) {
                return "An HTTP/1.1 request must carry exactly one Host header; this one has " + hosts
                        + " (RFC 9112, 3.2).";
            }
        }
        return null;
    }

    /** How many Host headers Netty read (a list of their values: only when the head's bytes left a doubt). */
    private static int hosts(HttpHeaders h) {
        java.util.Iterator<? extends CharSequence> it = h.valueCharSequenceIterator(HttpHeaderNames.HOST);
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    private static boolean onlyChunked(List<String> values) {
        int codings = 0;
        for (String v : values) {
            for (String coding : v.split(",")) {
                String c = coding.trim().toLowerCase(Locale.ROOT);
                if (c.isEmpty()) {
                    continue;
                }
                if (!c.equals("chunked")) {
                    return false;
                }
                codings++;
            }
        }
        return codings == 1;
    }

    private static final String BOTH_LENGTHS =
            "The request has both Content-Length and Transfer-Encoding; send one of them (RFC 9112, 6.1).";
    private static final String UNSUPPORTED_CODING =
            "Unsupported Transfer-Encoding: only 'chunked' is accepted, as the only and final coding (RFC 9112, 6.1).";

    /** The status for a request head the decoder (Netty's or this one) refused. */
    static GatewayError rejection(Throwable cause) {
        if (cause instanceof FramingException f) {
            return GatewayError.invalid(null, f.getMessage()).withCode("bad_request");
        }
        // Netty 4.2.17+ refuses these framings itself (io.netty.handler.codec.http.rfc9112TransferEncoding): the
        // same answer as this decoder's, named as its own
        if (cause instanceof io.netty.handler.codec.http.ContentLengthNotAllowedException) {
            return GatewayError.invalid(null, BOTH_LENGTHS).withCode("bad_request");
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("transfer")) {
            return GatewayError.invalid(null, UNSUPPORTED_CODING).withCode("bad_request");
        }
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            return new GatewayError(ErrorKind.INVALID_REQUEST, 414, "The request line is too long.", null,
                    "uri_too_long", null);
        }
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            return new GatewayError(ErrorKind.INVALID_REQUEST, 431, "The request headers are too large.", null,
                    "headers_too_large", null);
        }
        return GatewayError.invalid(null, "Malformed HTTP request head (RFC 9112).").withCode("bad_request");
    }
}
