package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One row of a front's table: the method and paths it answers and what it does. A path segment {@code {name}}
 * matches any one segment and reaches the handler as a parameter; a last segment {@code {name+}} also takes the
 * rest of the path (e.g. {@code /v1/models/{id+}} for model names with slashes). Three kinds:
 * chat and embeddings go through the whole request flow (routing, policies, dispatch, ledger); a query is
 * answered by the gateway itself for an authenticated caller (model lists, token counts), with no ledger event.
 */
public sealed interface Endpoint {

    Front front();

    HttpMethod method();

    List<String> paths();

    /**
     * A chat API: requests translated to the canonical chat request, answers and streams back. {@code sessions}
     * opens the {@link ChatSession} of each request.
     */
    record Chat(Front front, HttpMethod method, List<String> paths, Supplier<ChatSession> sessions)
            implements Endpoint {
        public Chat {
            paths = List.copyOf(paths);
        }

        /** A chat API whose requests are independent of one another: one stateless session serves them all. */
        public Chat(Front front, HttpMethod method, List<String> paths, ChatTranslator translator) {
            this(front, method, paths, stateless(ChatSession.of(translator)));
        }

        private static Supplier<ChatSession> stateless(ChatSession session) {
            return () -> session;
        }

        /** The session of one request. */
        public ChatSession open() {
            return sessions.get();
        }

        /** The translator of one request: its session ({@link #open}). */
        public ChatTranslator translator() {
            return open();
        }
    }

    /** An embeddings API. */
    record Embeddings(Front front, HttpMethod method, List<String> paths, Function<Buffer, EmbeddingsRequest> decoder,
                      BiFunction<EmbeddingsRequest, EmbeddingsResult, ObjectNode> encoder) implements Endpoint {
        public Embeddings {
            paths = List.copyOf(paths);
        }
    }

    /** Answered by the gateway itself, e.g. the model list. */
    record Query(Front front, HttpMethod method, List<String> paths, QueryHandler handler) implements Endpoint {
        public Query {
            paths = List.copyOf(paths);
        }
    }
}
