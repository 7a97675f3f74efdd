package dev.freeport.front;

import java.util.List;
import java.util.function.Function;

/**
 * One caller-facing API (OpenAI's, Anthropic's, ...): a table of its endpoints, the shape of its errors, and how
 * to tell its requests apart on a path several APIs share. The server routes over the tables of every front; the
 * request flow sees only {@link Endpoint}s, so adding a front touches no switch in the flow or the server.
 */
public interface Front {

    /** The API's name, recorded in the ledger's "front" column ("openai", "anthropic"). */
    String name();

    /** The endpoints of this API, with the paths (and methods) they answer. */
    List<Endpoint> endpoints();

    /** How this API renders errors. */
    ErrorShape errors();

    /**
     * Whether a request with these headers is meant for this API, on a path several APIs share (e.g.
     * {@code GET /v1/models}, whose Anthropic form is asked for with an {@code anthropic-version} header), and for
     * the shape of errors on paths no front serves. False by default.
     */
    default boolean recognises(Function<String, String> header) {
        return false;
    }
}
