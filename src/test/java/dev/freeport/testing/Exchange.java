package dev.freeport.testing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Writes one answer on one HTTP exchange, applying the reply's fault: ends normally, resets the TCP connection,
 * goes silent, or ends after an in-band error / malformed frame. Also notices when the client went away first.
 * All methods run on the request's event loop.
 */
final class Exchange {
    private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
    private static final CharSequence SSE_TYPE = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private enum Terminal { END, RESET, STALL }

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private boolean finished;
    private boolean deliberateClose;

    Exchange(Vertx vertx, HttpServerRequest request, Runnable onClientGone, BooleanSupplier serverClosing) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        response.closeHandler(v -> {
            if (!finished && !deliberateClose && !serverClosing.getAsBoolean()) {
                onClientGone.run();
            }
        });
    }

    boolean clientGone() {
        return response.closed();
    }

    /** A complete JSON answer with this status. */
    void json(int status, Buffer body, Map<String, String> headers, Integer retryAfterSeconds) {
        if (clientGone()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        headers.forEach(response::putHeader);
        if (retryAfterSeconds != null) {
            response.putHeader("retry-after", Integer.toString(retryAfterSeconds));
        }
        finished = true;
        response.end(body);
    }

    /** Close the TCP connection with a reset (SO_LINGER 0), so the client sees ECONNRESET. */
    void reset() {
        deliberateClose = true;
        HttpConnection connection = request.connection();
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        } else {
            connection.close();
        }
    }

    /** Writes a successful answer, interrupted as the reply's fault says. */
    void answer(Plan plan, Reply reply, Duration chunkDelay) {
        if (clientGone()) {
            return;
        }
        response.setStatusCode(200);
        plan.headers().forEach(response::putHeader);
        if (!plan.sse()) {
            answerJson(plan, reply);
            return;
        }
        if (!response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, SSE_TYPE); // a plan may stream another framing (Bedrock)
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE).setChunked(true);
        long pauseMs = chunkDelay.toMillis();
        if (reply.fault == Reply.Fault.NONE && pauseMs <= 0) {
            finished = true;
            response.end(plan.joined());
            return;
        }
        List<Buffer> out = new ArrayList<>();
        Terminal terminal;
        switch (reply.fault) {
            case NONE -> {
                plan.frames().forEach(f -> out.add(f.bytes()));
                terminal = Terminal.END;
            }
            case RESET_AFTER_CHUNKS, STALL_AFTER_CHUNKS -> {
                out.addAll(prefix(plan, reply.faultAfterChunks));
                terminal = reply.fault == Reply.Fault.RESET_AFTER_CHUNKS ? Terminal.RESET : Terminal.STALL;
            }
            case IN_BAND_ERROR -> {
                out.addAll(prefix(plan, reply.faultAfterChunks));
                out.add(plan.inBandError());
                terminal = Terminal.END;
            }
            case MALFORMED_JSON -> {
                out.addAll(prefix(plan, 0));
                out.add(plan.malformed());
                terminal = Terminal.END;
            }
            default -> throw new IllegalStateException(reply.fault.name());
        }
        writeFrom(out, 0, pauseMs, terminal);
    }

    private void answerJson(Plan plan, Reply reply) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        switch (reply.fault) {
            case NONE -> end(plan.joined());
            case MALFORMED_JSON -> end(plan.malformed());
            case IN_BAND_ERROR -> end(plan.inBandError());
            case RESET_AFTER_CHUNKS, STALL_AFTER_CHUNKS -> {
                Buffer body = plan.joined();
                response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
                Future<Void> written = response.write(body.getBuffer(0, body.length() / 2));
                if (reply.fault == Reply.Fault.RESET_AFTER_CHUNKS) {
                    written.onComplete(ar -> reset());
                }
            }
            default -> throw new IllegalStateException(reply.fault.name());
        }
    }

    private void end(Buffer body) {
        finished = true;
        response.end(body);
    }

    /**
     * The frames up to and including the n-th content frame; for n = 0, the frames before the first content
     * frame (the stream's head). All frames when the answer has fewer than n content frames.
     */
    static List<Buffer> prefix(Plan plan, int n) {
        List<Buffer> out = new ArrayList<>();
        int count = 0;
        for (Plan.Frame frame : plan.frames()) {
            if (frame.content() && count == n) {
                break;
            }
            out.add(frame.bytes());
            if (frame.content() && ++count == n) {
                break;
            }
        }
        return out;
    }

    private void writeFrom(List<Buffer> frames, int index, long pauseMs, Terminal terminal) {
        if (clientGone()) {
            return;
        }
        if (index == frames.size()) {
            finishWith(terminal, Future.succeededFuture());
            return;
        }
        if (pauseMs <= 0) {
            Future<Void> last = Future.succeededFuture();
            for (int i = index; i < frames.size(); i++) {
                last = response.write(frames.get(i));
            }
            finishWith(terminal, last);
            return;
        }
        Future<Void> written = response.write(frames.get(index));
        if (index + 1 == frames.size()) {
            finishWith(terminal, written);
        } else {
            vertx.setTimer(pauseMs, t -> writeFrom(frames, index + 1, pauseMs, terminal));
        }
    }

    private void finishWith(Terminal terminal, Future<Void> lastWrite) {
        switch (terminal) {
            case END -> {
                finished = true;
                response.end();
            }
            // reset only once the bytes before it reached the socket, or the client would never see them
            case RESET -> lastWrite.onComplete(ar -> reset());
            case STALL -> {
                // keep the connection open and say nothing more
            }
        }
    }
}
