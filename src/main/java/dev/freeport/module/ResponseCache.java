package dev.freeport.module;

import dev.freeport.api.ChatRequest;
import dev.freeport.caller.Principal;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;

import java.util.function.Function;

/**
 * Step "cache" of the request flow (docs/CACHE.md): a module that may answer a chat request from answers it kept,
 * before the request is admitted, routed and dispatched, and is offered the finished answer afterwards. At most
 * one module of a gateway caches. Runs on the request's event loop and never blocks it.
 */
public interface ResponseCache {

    /**
     * Whether {@code alias} keeps a cache under this runtime's config: asked for every chat request before anything
     * else, so it is a lookup, no hashing and no allocation.
     */
    boolean keeps(GatewayRuntime runtime, String alias);

    /**
     * Looks a decoded request of {@code alias} (an alias that {@link #keeps}) up.
     *
     * @param header the caller's request headers ({@code Cache-Control})
     */
    Lookup lookUp(GatewayRuntime runtime, Principal principal, String alias, ChatRequest request,
                  Function<String, String> header);

    /** One request's look-up. */
    interface Lookup {

        /** What was found: an answer to serve, or null (a miss, or not looked for). Never fails. */
        Future<CachedAnswer> found();

        /**
         * The verdict for the caller's {@code x-freeport-cache} header and the ledger: {@code hit}, {@code semantic}
         * (after {@link #found} completed with an answer), {@code miss} or {@code bypass} (not cacheable, or
         * {@code Cache-Control: no-store}).
         */
        String verdict();

        /** Whether the finished answer should be offered (a miss that may be stored); false for hits and bypasses. */
        boolean wantsAnswer();

        /** The request was answered in full with {@code answer}: stored when the alias's rules allow it. */
        void offer(CachedAnswer answer);
    }
}
