package dev.freeport.module;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

/** An admin answer: a status and a JSON body (already serialised). */
public record AdminReply(int status, byte[] json) {

    public static AdminReply of(int status, ObjectNode body) {
        return new AdminReply(status, Json.bytes(body));
    }

    public static AdminReply ok(ObjectNode body) {
        return of(200, body);
    }
}
