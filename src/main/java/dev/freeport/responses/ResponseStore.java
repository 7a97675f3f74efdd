package dev.freeport.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Where Responses API responses are kept for {@code previous_response_id} and {@code GET}/{@code DELETE
 * /v1/responses/{id}}. An entry belongs to its owner (the caller's key id): every read and delete names the owner,
 * and another caller's entry reads exactly like a missing one, so its existence never leaks. Entries expire after
 * the store's retention; an expired entry is never returned, and {@link #purgeExpired} deletes them.
 *
 * <p>Blocking (JDBC): call it from a worker thread ({@code vertx.executeBlocking}), never from an event loop.
 */
public interface ResponseStore extends AutoCloseable {

    /**
     * Stores a response (replacing one with the same id and owner). Returns false, storing nothing, when the entry
     * is larger than the store's cap per entry (compressed): the caller still has its answer, but cannot continue
     * from it or read it back.
     */
    boolean put(StoredResponse response);

    /** The response object, if {@code id} exists, belongs to {@code owner} and has not expired. */
    Optional<ObjectNode> response(String id, String owner);

    /** The conversation to continue from, with the same conditions as {@link #response}. */
    Optional<ArrayNode> conversation(String id, String owner);

    /** Deletes the entry; false when there was none for this owner (unknown, expired or someone else's). */
    boolean delete(String id, String owner);

    /** Deletes every expired entry; returns how many. Run it now and then (e.g. hourly, on a worker). */
    int purgeExpired();

    @Override
    void close();
}
