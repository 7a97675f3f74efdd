package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.json.Json;

import java.util.List;

/**
 * A decoded {@code POST /v1/responses} request: the canonical chat request the flow serves, and the Responses
 * facts the encoders need afterwards. JSON nodes are owned by this record: read them, never mutate them.
 *
 * @param chat               the canonical OpenAI chat request (its {@code model} is the alias asked for)
 * @param echo               the request settings a response object repeats (instructions, tools as declared,
 *                           tool_choice, text, reasoning, temperature, top_p, metadata, store, truncation, ...)
 * @param tools              how chat function names map back to function / custom / namespaced tools
 * @param input              the new input as Responses items (a string input as one user message item): what a
 *                           stored response keeps, after {@code history}, to continue the conversation
 * @param history            the conversation of {@code previous_response_id} (its input and output items),
 *                           empty without one, and null until {@link #withHistory} supplies it
 * @param previousResponseId the {@code previous_response_id}, or null
 * @param store              whether the response is to be stored ({@code store}, default true as at OpenAI)
 * @param droppedTools       built-in tools removed from the request (see {@link ToolsMapper}); the front should
 *                           say so, e.g. in a response header
 * @param ignoredFields      top-level fields Freeport does not know, dropped (to be logged and counted)
 * @param original           the caller's body as parsed, kept to translate again once the history is known
 */
public record ResponsesRequest(ChatRequest chat, ObjectNode echo, ToolNames tools, ArrayNode input,
                               ArrayNode history, String previousResponseId, boolean store,
                               List<String> droppedTools, List<String> ignoredFields, ObjectNode original) {

    public ResponsesRequest {
        droppedTools = List.copyOf(droppedTools);
        ignoredFields = List.copyOf(ignoredFields);
    }

    /** The model (alias) the caller asked for. */
    public String model() {
        return chat.model();
    }

    public boolean stream() {
        return chat.stream();
    }

    /**
     * True when {@code previous_response_id} is set and its conversation is not loaded yet: the flow must look it
     * up in the response store (on a worker thread) and call {@link #withHistory} before dispatching.
     */
    public boolean needsHistory() {
        return history == null;
    }

    /**
     * The same request with the stored conversation of {@code previous_response_id} placed before its input
     * (after the instructions, which are never carried over, as at OpenAI). Pure; a stored conversation that no
     * longer translates (it was written by this code, so only a bug would do that) fails as a 400 naming it.
     */
    public ResponsesRequest withHistory(ArrayNode previousConversation) {
        return ResponsesDecoder.decode(original, previousConversation == null ? Json.NODES.arrayNode()
                : previousConversation);
    }

    /**
     * What a stored response keeps to continue from: the history, this input, then the response's output items
     * (reasoning, messages, tool calls) as input items.
     */
    public ArrayNode conversation(ObjectNode response) {
        ArrayNode out = Json.NODES.arrayNode();
        if (history != null) {
            out.addAll(history.deepCopy());
        }
        out.addAll(input.deepCopy());
        JsonNode output = response.path("output");
        if (output.isArray()) {
            for (JsonNode item : output) {
                out.add(item.deepCopy());
            }
        }
        return out;
    }
}
