package dev.freeport.module;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

/**
 * An admin answer: a status and a JSON body (already serialised), and for a change the object's JSON before it
 * (null when there was none or the group does not say), which the audit log keeps next to the answer.
 */
public record AdminReply(int status, byte[] json, ObjectNode before) {

    public AdminReply(int status, byte[] json) {
        this(status, json, null);
    }

    /** This answer, with the state before the change for the audit log. */
    public AdminReply withBefore(ObjectNode state) {
        return new AdminReply(status, json, state);
    }

    public static AdminReply of(int status, ObjectNode body) {
        return new AdminReply(status, Json.bytes(body));
    }

    public static AdminReply ok(ObjectNode body) {
        return of(200, body);
    }
}
