package dev.freeport.route.complexity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One prompt of the bundled labelled set ({@code complexity/prompts.jsonl}, see docs/COMPLEXITY.md).
 *
 * @param text the user turn
 * @param hard whether it is labelled hard (else easy)
 * @param test whether it belongs to the held-out test split (else train)
 */
public record LabelledPrompt(String text, boolean hard, boolean test) {
    /** The classpath resource of the set. */
    public static final String RESOURCE = "/complexity/prompts.jsonl";

    /** The whole bundled set, in file order. */
    public static List<LabelledPrompt> bundled() {
        try (InputStream in = LabelledPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ObjectMapper json = Json.MAPPER;
            List<LabelledPrompt> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String label = n.path("label").asText();
                String split = n.path("split").asText();
                if (!(label.equals("easy") || label.equals("hard")) || !(split.equals("train") || split.equals("test"))) {
                    throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                }
                out.add(new LabelledPrompt(n.path("text").asText(), label.equals("hard"), split.equals("test")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The train or the test split of {@code all}. */
    public static List<LabelledPrompt> split(List<LabelledPrompt> all, boolean test) {
        return all.stream().filter(p -> p.test() == test).toList();
    }
}
