package dev.freeport.module;

import dev.freeport.error.GatewayError;
import io.vertx.core.http.HttpMethod;

import java.util.function.Function;

/**
 * Browser sessions that may call the admin endpoints instead of the admin key (the web console's session cookie).
 * The server asks only when a request presents no key. A session must protect every state change against
 * cross-site request forgery (the web console: a per-session token in a header).
 */
public interface AdminSessions {

    /**
     * What the request's headers say; null when it carries no session of this kind (the server then answers as
     * for a request without a key).
     *
     * @param header     a request header's first value by lower-case name, or null
     * @param adminKeyId what identifies the admin key now (see {@link WebRequest#adminKeyId()}): a session opened
     *                   under another key is over
     */
    Verdict check(HttpMethod method, Function<String, String> header, String adminKeyId);

    /** The answer of {@link #check}. */
    sealed interface Verdict permits Allowed, Refused {
    }

    /**
     * A valid session; {@code who} names it in the admin log after the admin key it was opened with (the web
     * console: "console session 3fa9c2d1", a hash of the session's id, never the id).
     */
    record Allowed(String who) implements Verdict {
    }

    /** A session that may not make this call (expired, no CSRF token): the error to answer with. */
    record Refused(GatewayError error) implements Verdict {
    }
}
