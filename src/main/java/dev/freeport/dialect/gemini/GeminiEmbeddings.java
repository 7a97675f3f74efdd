package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Usage;
import dev.freeport.json.JsonFields;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * OpenAI embeddings ↔ Gemini {@code models/{model}:batchEmbedContents}: one request per input text
 * ({@code dimensions} → outputDimensionality), {@code embeddings[].values} → OpenAI {@code data[]} (float lists,
 * or base64 little-endian float32 when {@code encoding_format:"base64"}). Gemini reports no token counts here, so
 * usage is {@link Usage#NONE} (the gateway estimates). Token-array inputs are refused.
 */
public final class GeminiEmbeddings {
    private GeminiEmbeddings() {
    }

    public static ObjectNode request(EmbeddingsRequest request, String resourceName, String provider) {
        ObjectNode body = JsonFields.object();
        ArrayNode requests = body.putArray("requests");
        JsonNode dims = request.body().get("dimensions");
        for (int i = 0; i < request.inputs().size(); i++) {
            String text = request.inputs().get(i);
            if (text == null) {
                throw ClientErrors.unsupported("input[" + i + "] as token ids", provider);
            }
            ObjectNode r = requests.addObject().put("model", resourceName);
            r.putObject("content").putArray("parts").addObject().put("text", text);
            if (dims != null && dims.isIntegralNumber()) {
                r.put("outputDimensionality", dims.asInt());
            }
        }
        return body;
    }

    public static EmbeddingsResult result(EmbeddingsRequest request, String model, JsonNode root, String provider) {
        JsonNode embeddings = root == null ? null : root.get("embeddings");
        if (embeddings == null || !embeddings.isArray()) {
            throw GeminiResponseMapper.malformed(provider, "embeddings answer has no \"embeddings\" array");
        }
        boolean base64 = "base64".equals(JsonFields.text(request.body(), "encoding_format"));
        ObjectNode out = JsonFields.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < embeddings.size(); i++) {
            JsonNode values = embeddings.get(i).path("values");
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer buf = ByteBuffer.allocate(values.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
                values.forEach(v -> buf.putFloat((float) v.asDouble()));
                item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
            } else {
                ArrayNode vec = item.putArray("embedding");
                values.forEach(v -> vec.add(v.asDouble()));
            }
        }
        out.put("model", model);
        out.putObject("usage").put("prompt_tokens", 0).put("total_tokens", 0);
        return new EmbeddingsResult(out, Usage.NONE);
    }
}
