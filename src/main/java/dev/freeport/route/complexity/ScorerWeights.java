package dev.freeport.route.complexity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What {@link ComplexityTrainer} learns from the labelled set and {@link EmbeddingComplexityScorer} loads: the
 * classifier, and the calibration scores (out-of-fold scores of the train split, sorted) that thresholds for a
 * traffic share are read from. Stored as {@code complexity/model-v1.json}, committed next to the set it came from.
 *
 * @param model       the classifier over [embedding, {@link Features}]
 * @param lambda      the L2 strength it was trained with
 * @param calibration ascending out-of-fold scores of the train split
 * @param datasetSha  SHA-256 of the prompts file it was trained on (a stale file is caught by a test)
 */
public record ScorerWeights(LogisticModel model, double lambda, double[] calibration, String datasetSha) {
    /** The classpath resource. */
    public static final String RESOURCE = "/complexity/model-v1.json";

    /** The committed weights. */
    public static ScorerWeights bundled() {
        try (InputStream in = ScorerWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return fromJson(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the stored form; rejects weights made for other features. */
    public static ScorerWeights fromJson(JsonNode n) {
        List<String> names = Json.MAPPER.convertValue(n.get("features"),
                new TypeReference<List<String>>() { });
        if (!Features.NAMES.equals(names) || n.path("dimensions").asInt() != Embedder.DIMENSIONS) {
            throw new IllegalStateException("complexity weights were made for other features: " + names);
        }
        LogisticModel m = new LogisticModel(doubles(n.get("mean")), doubles(n.get("std")), doubles(n.get("weights")),
                n.path("bias").asDouble());
        int d = Embedder.DIMENSIONS + Features.NAMES.size();
        if (m.mean().length != d || m.std().length != d || m.weights().length != d) {
            throw new IllegalStateException("complexity weights have the wrong size");
        }
        return new ScorerWeights(m, n.path("lambda").asDouble(), doubles(n.get("calibration")),
                n.path("datasetSha256").asText());
    }

    /** The stored form. */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("scorer", EmbeddingComplexityScorer.NAME);
        o.put("datasetSha256", datasetSha);
        o.put("dimensions", Embedder.DIMENSIONS);
        Features.NAMES.forEach(o.putArray("features")::add);
        o.put("lambda", lambda);
        o.put("bias", model.bias());
        put(o.putArray("weights"), model.weights());
        put(o.putArray("mean"), model.mean());
        put(o.putArray("std"), model.std());
        put(o.putArray("calibration"), calibration);
        return o;
    }

    private static void put(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    private static double[] doubles(JsonNode a) {
        if (a == null || !a.isArray()) {
            throw new IllegalStateException("complexity weights: missing array");
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
