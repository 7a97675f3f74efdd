package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.flow.Caller;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The flow's {@link Caller} over one Vert.x request and its response. */
final class HttpCaller implements Caller {
    private final HttpServerRequest http;
    private final HttpServerResponse res;

    HttpCaller(HttpServerRequest http) {
        this.http = http;
        this.res = http.response();
    }

    @Override
    public String header(String name) {
        return http.getHeader(name);
    }

    @Override
    public String presentedKey() {
        return presentedKey(http);
    }

    /** The key from {@code Authorization: Bearer KEY}, else {@code x-api-key}, trimmed; null when neither. */
    static String presentedKey(HttpServerRequest http) {
        String auth = http.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String key = http.getHeader("x-api-key");
        return key == null ? null : key.trim();
    }

    @Override
    public Future<Buffer> body(long limit) {
        return readBody(http, limit);
    }

    /** Reads a body as it arrives: 413 once more than {@code limit} bytes arrived or were announced. */
    static Future<Buffer> readBody(HttpServerRequest http, long limit) {
        String declared = http.getHeader("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return Future.failedFuture(tooLarge(limit));
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(GatewayError.of(ErrorKind.INVALID_REQUEST,
                        "Invalid Content-Length header.").toException());
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer(declared != null ? (int) Math.min(limit, Long.parseLong(declared.trim())) : 1024);
        http.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                promise.tryFail(tooLarge(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        http.exceptionHandler(t -> promise.tryFail(GatewayError.of(ErrorKind.CANCELLED,
                "the caller went away while sending the body").toException()));
        http.endHandler(v -> promise.tryComplete(body));
        return promise.future();
    }

    private static RuntimeException tooLarge(long limit) {
        return new GatewayError(ErrorKind.PAYLOAD_TOO_LARGE, 413, "The request body is larger than this gateway "
                + "accepts (" + limit + " bytes; see server.max_body).", null, "request_too_large", null)
                .toException();
    }

    @Override
    public void onGone(Runnable action) {
        res.closeHandler(v -> {
            if (!res.ended()) {
                action.run();
            }
        });
    }

    @Override
    public boolean answered() {
        return res.headWritten() || res.ended() || res.closed();
    }

    @Override
    public void reply(int status, MultiMap headers, Buffer body) {
        res.setStatusCode(status);
        res.headers().addAll(headers);
        res.end(body);
    }

    @Override
    public Stream stream(MultiMap headers) {
        res.setChunked(true);
        res.headers().addAll(headers);
        return new Stream() {
            @Override
            public void write(Buffer frames) {
                res.write(frames);
            }

            @Override
            public void end(Buffer last) {
                res.end(last);
            }

            @Override
            public boolean full() {
                return res.writeQueueFull();
            }

            @Override
            public void onDrain(Runnable action) {
                res.drainHandler(v -> action.run());
            }

            @Override
            public boolean open() {
                return !res.ended() && !res.closed();
            }
        };
    }
}
