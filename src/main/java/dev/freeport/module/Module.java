package dev.freeport.module;

import dev.freeport.caller.Authenticator;
import dev.freeport.config.FreeportConfig;
import dev.freeport.front.Front;
import dev.freeport.policy.Policy;
import dev.freeport.route.Canaries;
import dev.freeport.route.VendorSwitches;

import java.util.List;
import java.util.function.Function;

/**
 * Something that plugs into the gateway from outside its core (virtual keys, budgets and rate limits, the vendor
 * kill switch, the Responses API, ...). A module contributes any of: how callers are authenticated, policies run
 * around dispatch, admin endpoints, vendor switches the router obeys, caller-facing APIs (fronts) over what it
 * holds, a watcher of every request (metrics, traces) and pages outside /admin; and it is closed with the
 * gateway. Every method has a neutral default, so a module states only what it adds. Modules are built by the
 * composition root (the CLI, tests) on the gateway's Vert.x and handed to {@code Gateway.start}; the gateway never
 * looks for them by type.
 */
public interface Module extends AutoCloseable {

    /**
     * How callers are authenticated under a given config (a reload may change the master key); null when this
     * module does not authenticate. At most one module of a gateway may authenticate.
     */
    default Function<FreeportConfig, Authenticator> authenticators() {
        return null;
    }

    /** Policies run before and after dispatch, in this order (the gateway runs modules' policies in module order). */
    default List<Policy> policies() {
        return List.of();
    }

    /** Admin endpoints, served behind the admin key. */
    default List<AdminRoutes> adminRoutes() {
        return List.of();
    }

    /** Vendors this module switches off for the router; null when it switches none. */
    default VendorSwitches vendorSwitches() {
        return null;
    }

    /** Canaries this module puts in force (a share of an alias to a candidate alias); null when none. */
    default Canaries canaries() {
        return null;
    }

    /** Browser-facing routes (the web console's pages and assets), served without the server's key check. */
    default List<WebRoutes> webRoutes() {
        return List.of();
    }

    /** Browser sessions this module lets call the admin endpoints without the admin key; null when none. */
    default AdminSessions adminSessions() {
        return null;
    }

    /** Where admin actions are appended (the audit log); null when this module keeps none. */
    default AdminLog adminLog() {
        return null;
    }

    /**
     * Caller-facing APIs this module serves (e.g. the Responses API over its response store), after the gateway's
     * own fronts in precedence on shared paths.
     */
    default List<Front> fronts() {
        return List.of();
    }

    /** What watches every request (metrics, traces); null when this module watches none. */
    default RequestWatcher watcher() {
        return null;
    }

    /** Endpoints outside /admin this module answers in its own format (e.g. /metrics). */
    default List<PageRoute> pages() {
        return List.of();
    }

    /** Taps told about every chat request answered in full, after its last byte (e.g. shadow traffic). */
    default List<AnswerTap> answerTaps() {
        return List.of();
    }

    /**
     * The response cache (step "cache" of the flow: may answer a chat request before it is routed, is offered the
     * finished answer); null when this module caches nothing. At most one module of a gateway caches.
     */
    default ResponseCache responseCache() {
        return null;
    }

    /**
     * Called once when the gateway's request flow exists, before it listens: what this module may send through it
     * (e.g. the batch APIs' contained requests); called again with {@link InnerRequests#NONE} when the gateway
     * starts to stop: from then on the module starts no request, and the answers of its requests still in flight
     * (cancelled by the stop) are not answers. Nothing by default.
     */
    default void attach(InnerRequests requests) {
    }

    /**
     * Called once when the gateway starts, after it listens and before it says it is ready: what the module loads
     * ahead of the first request, for the callers {@code authenticator} knows (e.g. every budget's starting spend
     * from the ledger). Must not block the calling thread; the gateway waits for the future a bounded time, then is
     * ready anyway (what is not loaded yet is loaded by the first request that needs it). Nothing by default.
     */
    default io.vertx.core.Future<Void> warm(dev.freeport.caller.Authenticator authenticator) {
        return io.vertx.core.Future.succeededFuture();
    }

    /** Releases what the module holds (threads, stores); called once when the gateway closes. */
    @Override
    default void close() {
    }

    /** A module that only authenticates callers. */
    static Module authenticating(Function<FreeportConfig, Authenticator> authenticators) {
        return new Module() {
            @Override
            public Function<FreeportConfig, Authenticator> authenticators() {
                return authenticators;
            }
        };
    }

    /** A module that only contributes policies. */
    static Module ofPolicies(List<Policy> policies) {
        List<Policy> copy = List.copyOf(policies);
        return new Module() {
            @Override
            public List<Policy> policies() {
                return copy;
            }
        };
    }
}
