package dev.freeport.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import dev.freeport.front.ErrorRenderer;
import dev.freeport.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every admin API shares (keys and teams, vendor switches): the method check, reading a small JSON body, running
 * the store work on a worker and answering its JSON, and errors in the OpenAI error shape.
 */
public final class AdminHttp {
    private static final Logger LOG = Logger.getLogger(AdminHttp.class.getName());
    /** admin request bodies are small JSON objects */
    public static final int MAX_BODY = 64 * 1024;

    private AdminHttp() {
    }

    /** True when the request uses {@code wanted}; otherwise answers 405 with an Allow header. */
    public static boolean method(HttpServerRequest req, HttpMethod actual, HttpMethod wanted) {
        if (actual == wanted) {
            return true;
        }
        req.response().putHeader("allow", wanted.name());
        error(req, new GatewayError(ErrorKind.INVALID_REQUEST, 405, "Method " + actual + " is not allowed on "
                + req.path() + "; use " + wanted + ".", null, "method_not_allowed", null));
        return false;
    }

    /** Reads the body as a JSON object (empty body: {}); 400/413 answered here. */
    public static void withBody(HttpServerRequest req, Consumer<ObjectNode> then) {
        req.body().onComplete(ar -> {
            if (ar.failed()) {
                error(req, GatewayError.of(ErrorKind.INVALID_REQUEST, "could not read the request body"));
                return;
            }
            Buffer b = ar.result();
            if (b.length() > MAX_BODY) {
                error(req, GatewayError.of(ErrorKind.PAYLOAD_TOO_LARGE, "admin request bodies are limited to "
                        + MAX_BODY + " bytes"));
                return;
            }
            try {
                then.accept(b.length() == 0 ? Json.NODES.objectNode() : Json.parseObject(b));
            } catch (GatewayException e) {
                error(req, e.error());
            }
        });
    }

    /**
     * Runs blocking store work on a worker and answers its JSON with {@code status}; a GatewayException becomes its
     * error, anything else a 500 saying {@code whatFailed} (details in the log).
     */
    public static void run(Vertx vertx, HttpServerRequest req, int status, Callable<ObjectNode> work,
                           String whatFailed) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                req.response().setStatusCode(status).putHeader("content-type", "application/json")
                        .putHeader("cache-control", "no-store").end(Buffer.buffer(Json.bytes(ar.result())));
            } else if (ar.cause() instanceof GatewayException ge) {
                error(req, ge.error());
            } else {
                LOG.log(Level.WARNING, "admin call failed: " + ar.cause().getMessage(), ar.cause());
                error(req, GatewayError.of(ErrorKind.INTERNAL, whatFailed + "; see the gateway log"));
            }
        });
    }

    public static void error(HttpServerRequest req, GatewayError e) {
        if (req.response().headWritten()) {
            return;
        }
        req.response().setStatusCode(e.status()).putHeader("content-type", "application/json")
                .end(Buffer.buffer(ErrorRenderer.openAiBytes(e)));
    }
}
