package dev.freeport.module;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** What every admin group shares: the method check, the 404 of an unknown path, store work on a worker. */
public final class AdminCalls {
    private static final Logger LOG = Logger.getLogger(AdminCalls.class.getName());

    private AdminCalls() {
    }

    /** Nothing when the request uses one of {@code allowed}; otherwise a 405 with an Allow header. */
    public static void requireMethod(AdminRequest req, HttpMethod... allowed) {
        for (HttpMethod m : allowed) {
            if (m.equals(req.method())) {
                return;
            }
        }
        String list = Arrays.stream(allowed).map(HttpMethod::name).collect(Collectors.joining(", "));
        throw new GatewayException(new GatewayError(ErrorKind.INVALID_REQUEST, 405, "Method " + req.method()
                + " is not allowed on " + req.path() + "; use " + list.replaceAll(", ([A-Z]+)$", " or $1") + ".",
                null, "method_not_allowed", null), Map.of("allow", list));
    }

    /** The 404 of a path under a group that names none of its endpoints. */
    public static GatewayException unknownPath(String path, String hint) {
        return new GatewayError(ErrorKind.NOT_FOUND, 404, "Unknown admin path " + path + (hint == null ? ""
                : "; " + hint), null, "unknown_url", null).toException();
    }

    /**
     * Runs blocking store work on a worker and replies with its JSON and {@code status}; a GatewayException stays
     * itself, anything else becomes a 500 saying {@code whatFailed} (details in the log).
     */
    public static Future<AdminReply> blocking(Vertx vertx, int status, Callable<ObjectNode> work, String whatFailed) {
        return vertx.executeBlocking(work, false).transform(ar -> {
            if (ar.succeeded()) {
                return Future.succeededFuture(AdminReply.of(status, ar.result()));
            }
            if (ar.cause() instanceof GatewayException) {
                return Future.failedFuture(ar.cause());
            }
            LOG.log(Level.WARNING, "admin call failed: " + ar.cause().getMessage(), ar.cause());
            return Future.failedFuture(GatewayError.of(ErrorKind.INTERNAL, whatFailed + "; see the gateway log")
                    .toException());
        });
    }

    /** A failed future for an error found before any work started. */
    public static Future<AdminReply> fail(GatewayError error) {
        return Future.failedFuture(error.toException());
    }
}
