package dev.freeport.server;

import dev.freeport.access.AdminHttp;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.ledger.EventJson;
import dev.freeport.ledger.Ledger;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

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
    public void handle(HttpServerRequest req, String path) {
        if (!AdminHttp.method(req, req.method(), HttpMethod.GET)) {
            return;
        }
        String id = path.substring(PREFIX.length());
        if (id.length() > 64 || !id.matches("[A-Za-z0-9_-]+")) {
            AdminHttp.error(req, GatewayError.invalid("id", "a request id is 1-64 letters, digits, '_' or '-'"));
            return;
        }
        AdminHttp.run(vertx, req, 200, () -> EventJson.explain(ledger.byId(id).orElseThrow(() -> new GatewayError(
                ErrorKind.NOT_FOUND, 404, "No request " + id + " in the ledger.", "id", "request_not_found", null)
                .toException())), "the ledger could not be read");
    }
}
