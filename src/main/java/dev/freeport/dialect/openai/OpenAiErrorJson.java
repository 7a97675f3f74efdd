package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;

/** Freeport's errors in OpenAI's shape: {"error":{"message","type","param","code"}}. */
public final class OpenAiErrorJson {
    private OpenAiErrorJson() {
    }

    public static ObjectNode of(GatewayError error) {
        ObjectNode root = Json.NODES.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", error.message());
        e.put("type", error.kind().openAiType());
        if (error.param() == null) {
            e.putNull("param");
        } else {
            e.put("param", error.param());
        }
        if (error.code() == null) {
            e.putNull("code");
        } else {
            e.put("code", error.code());
        }
        return root;
    }

    public static byte[] bytes(GatewayError error) {
        return Json.bytes(of(error));
    }
}
