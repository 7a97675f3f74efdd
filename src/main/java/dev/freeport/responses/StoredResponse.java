package dev.freeport.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One stored Responses API response. JSON nodes are owned by the record: read them, never mutate them.
 *
 * @param id           the response id ({@code resp_…})
 * @param owner        who created it: the caller's key id ({@code Principal.keyId()}); only that caller may read
 *                     or delete it
 * @param createdAt    when it was created
 * @param status       completed, incomplete or failed
 * @param model        the model (alias) asked for
 * @param response     the response object as the caller got it ({@code GET /v1/responses/{id}} returns it)
 * @param conversation the items a later {@code previous_response_id} continues from: the earlier conversation,
 *                     this request's input, then this response's output items
 *                     ({@code ResponsesRequest.conversation(response)})
 */
public record StoredResponse(String id, String owner, Instant createdAt, String status, String model,
                             ObjectNode response, ArrayNode conversation) {

    /** A record for a finished response object; id, status and model are read from it. */
    public static StoredResponse of(ObjectNode response, ArrayNode conversation, String owner, Instant createdAt) {
        return new StoredResponse(response.path("id").asText(), owner, createdAt,
                response.path("status").asText("completed"), response.path("model").asText(null), response,
                conversation);
    }
}
