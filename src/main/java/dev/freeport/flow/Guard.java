package dev.freeport.flow;

import dev.freeport.route.assembly.GatewayRuntime;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;


/**
 * The checks before a request is decoded: its key (header only: a caller without a valid key never has its
 * body parsed) and its body size (413 past the limit, counted as bytes arrive, not trusted from
 * Content-Length alone).
 */
public final class Guard {

    Future<Void> authenticate(GatewayRuntime rt, HttpServerRequest http, Exchange ex) {
        return rt.authenticator().authenticate(presentedKey(http)).map(principal -> {
            ex.principal = principal;
            ex.caller = principal.callerName();
            return null;
        });
    }

    public static String presentedKey(HttpServerRequest http) {
        String auth = http.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String key = http.getHeader("x-api-key");
        return key == null ? null : key.trim();
    }

    Future<Buffer> readBody(GatewayRuntime rt, HttpServerRequest http) {
        long limit = rt.config().server().maxBodyBytes();
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
}
