package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayException;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.WebReply;
import dev.freeport.module.WebRequest;
import dev.freeport.module.WebRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands a request to a module's browser routes (the web console): the body read under the admin bodies' limit,
 * the headers and query, the admin-key check; writes the reply. A failure answers in plain text without details.
 */
final class WebDoor {
    private static final Logger LOG = Logger.getLogger(WebDoor.class.getName());

    private WebDoor() {
    }

    static void serve(HttpServerRequest req, String path, WebRoutes group, Predicate<String> adminKey,
                      String adminKeyId, Edge edge) {
        BodyRead.read(req, AdminRequest.MAX_BODY, edge).compose(body -> {
            Map<String, String> query = new HashMap<>();
            req.params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            Map<String, String> headers = new HashMap<>();
            req.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            String from = req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress();
            try {
                return group.handle(new WebRequest(req.method(), path, query, headers, body, from, req.isSSL(),
                        adminKey, adminKeyId));
            } catch (RuntimeException e) {
                return io.vertx.core.Future.<WebReply>failedFuture(e);
            }
        }).onSuccess(reply -> write(req, reply)).onFailure(failure -> {
            boolean tooLarge = failure instanceof GatewayException ge
                    && ge.error().kind() == ErrorKind.PAYLOAD_TOO_LARGE;
            if (!tooLarge) {
                LOG.log(Level.WARNING, "console request failed: " + failure.getMessage(), failure);
            }
            write(req, new WebReply(tooLarge ? 413 : 500, "text/plain; charset=utf-8", Map.of(),
                    (tooLarge ? "Request body too large." : "The request failed; see the gateway log.")
                            .getBytes(StandardCharsets.UTF_8)));
        });
    }

    private static void write(HttpServerRequest req, WebReply reply) {
        if (req.response().headWritten()) {
            return;
        }
        req.response().setStatusCode(reply.status()).putHeader("content-type", reply.contentType());
        reply.headers().forEach((k, v) -> req.response().putHeader(k, v));
        HttpCaller.end(req, Buffer.buffer(reply.body()));
    }
}
