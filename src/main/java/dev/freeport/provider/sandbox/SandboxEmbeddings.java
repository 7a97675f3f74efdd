package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Usage;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.tokens.TokenCounter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Simulated embeddings: each input's vector is a deterministic unit vector drawn from a hash of its text, in
 * OpenAI's embeddings JSON. {@code dimensions} shortens (and renormalises) like text-embedding-3 does;
 * {@code encoding_format: "base64"} gives little-endian float32 bytes.
 */
final class SandboxEmbeddings {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SandboxEmbeddings() {
    }

    static EmbeddingsResult embed(EmbeddingsRequest request, String model, int configuredDims, long modelSeed) {
        if (configuredDims <= 0) {
            throw UpstreamFailure.of(FailureKind.CLIENT_ERROR, 400, "model '" + model + "' has no embeddings")
                    .toException();
        }
        JsonNode body = request.body();
        int dims = configuredDims;
        JsonNode d = body.path("dimensions");
        if (!d.isMissingNode() && !d.isNull()) {
            if (!d.canConvertToInt() || d.asInt() < 1 || d.asInt() > configuredDims) {
                throw UpstreamFailure.of(FailureKind.CLIENT_ERROR, 400, "dimensions must be between 1 and "
                        + configuredDims + " for model '" + model + "'").toException();
            }
            dims = d.asInt();
        }
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
        JsonNode rawInput = body.path("input");
        ObjectNode out = F.objectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        int tokens = 0;
        for (int i = 0; i < request.inputs().size(); i++) {
            String text = request.inputs().get(i);
            if (text == null) {
                JsonNode raw = rawInput.isArray() ? rawInput.path(i) : rawInput;
                text = raw.toString();
                tokens += raw.isArray() ? raw.size() : 0;
            } else {
                tokens += TokenCounter.countText(text);
            }
            float[] v = vector(Mix.combine(modelSeed, Mix.hash(text)), configuredDims, dims);
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", toBase64(v));
            } else {
                ArrayNode arr = item.putArray("embedding");
                for (float x : v) {
                    arr.add(x);
                }
            }
        }
        out.put("model", model);
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        return new EmbeddingsResult(out, Usage.of(tokens, 0));
    }

    /** A full-size vector from the seed, cut to {@code dims} and normalised to length 1. */
    static float[] vector(long seed, int fullDims, int dims) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] full = new double[fullDims];
        for (int i = 0; i < fullDims; i++) {
            full[i] = r.nextDouble(-1, 1);
        }
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            norm += full[i] * full[i];
        }
        norm = Math.sqrt(norm);
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (norm == 0 ? (i == 0 ? 1 : 0) : full[i] / norm);
        }
        return v;
    }

    private static String toBase64(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            buf.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}
