package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.ledger.EventJson;
import dev.freeport.ledger.Ledger;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * {@code GET /admin/requests/{id}}: one request's ledger event and routing decision (what {@code freeport explain
 * --json} prints), for dashboards and on-call tools. The id is the {@code x-freeport-request-id} header.
 */
final class RequestsAdmin implements AdminRoutes {
    static final String PREFIX = "/admin/requests/";

    private final Vertx vertx;
    private final Ledger ledger;

    RequestsAdmin(Vertx vertx, Ledger ledger) {
        this.vertx = vertx;
        this.ledger = ledger;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(PREFIX) && path.length() > PREFIX.length();
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        AdminCalls.requireMethod(req, HttpMethod.GET);
        String id = req.path().substring(PREFIX.length());
        if (id.length() > 64 || !id.matches("[A-Za-z0-9_-]+")) {
            throw GatewayError.invalid("id", "a request id is 1-64 letters, digits, '_' or '-'").toException();
        }
        return AdminCalls.blocking(vertx, 200, () -> EventJson.explain(ledger.byId(id).orElseThrow(() ->
                new GatewayError(ErrorKind.NOT_FOUND, 404, "No request " + id + " in the ledger.", "id",
                        "request_not_found", null).toException())), "the ledger could not be read");
    }
}
