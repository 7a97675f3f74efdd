package dev.freeport.guardrails.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;

/** Turns JMH's JSON result into a short table with MB/s for the scan benchmark. */
public final class BenchReport {
    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        System.out.println();
        System.out.println("| benchmark | input | time per op | MB/s |");
        System.out.println("|---|---|---|---|");
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText().replaceAll(".*\\.", "");
            String input = r.path("params").path("input").asText("-");
            double score = r.path("primaryMetric").path("score").asDouble();
            double error = r.path("primaryMetric").path("scoreError").asDouble();
            String unit = r.path("primaryMetric").path("scoreUnit").asText();
            String mbs = "-";
            if (name.equals("scan") && unit.equals("us/op")) {
                mbs = String.format("%.1f", GuardrailsBench.SIZE / 1e6 / (score / 1e6));
            } else if (name.equals("applyAllKinds") && unit.equals("us/op")) {
                mbs = String.format("%.1f", 3 * 16 * 1024 / 1e6 / (score / 1e6));
            }
            System.out.printf("| %s | %s | %.3f ± %.3f %s | %s |%n", name, input, score, error, unit, mbs);
        }
    }
}
