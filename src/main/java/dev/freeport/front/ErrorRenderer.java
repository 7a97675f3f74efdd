package dev.freeport.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.GatewayError;

/**
 * The one place errors become JSON. OpenAI's shape: {"error":{"message","type","param","code"}}.
 * (The Anthropic shape joins here when the Anthropic front end does.)
 */
public final class ErrorRenderer {
    private ErrorRenderer() {
    }

    public static ObjectNode openAi(GatewayError error) {
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

    public static byte[] openAiBytes(GatewayError error) {
        return Json.bytes(openAi(error));
    }
}
