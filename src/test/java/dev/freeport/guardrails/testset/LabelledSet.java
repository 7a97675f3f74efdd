package dev.freeport.guardrails.testset;

import dev.freeport.guardrails.detect.Finding;
import dev.freeport.guardrails.detect.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled set: the hand-written {@code guardrails/labelled.txt} plus {@link SyntheticSamples}. One sample
 * per line; {@code ⟦KIND:value⟧} marks an expected finding; "\n" stands for a line break; lines starting with
 * '#' and blank lines are comments.
 */
public final class LabelledSet {
    public static final long SEED = 20260501L;

    /** A sample: its text and the findings expected in it. */
    public record Sample(String source, String text, List<Finding> expected) {
    }

    private LabelledSet() {
    }

    /** The development set: labelled.txt and the generated samples. */
    public static List<Sample> all() throws IOException {
        List<Sample> out = file("labelled.txt");
        List<String> synthetic = SyntheticSamples.lines(SEED);
        for (int i = 0; i < synthetic.size(); i++) {
            out.add(parse("synthetic:" + (i + 1), synthetic.get(i)));
        }
        return out;
    }

    /** The held-out set: heldout.txt, written after tuning and never tuned on. */
    public static List<Sample> heldOut() throws IOException {
        return file("heldout.txt");
    }

    /** Agent traffic (tool-call arguments, diffs, logs), written with the flow step and scored as written. */
    public static List<Sample> agents() throws IOException {
        return file("agents.txt");
    }

    private static List<Sample> file(String name) throws IOException {
        List<Sample> out = new ArrayList<>();
        try (InputStream in = LabelledSet.class.getResourceAsStream("/guardrails/" + name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].stripTrailing();
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(parse(name + ":" + (i + 1), l));
                }
            }
        }
        return out;
    }

    static Sample parse(String source, String line) {
        String l = line.replace("\\n", "\n");
        StringBuilder text = new StringBuilder();
        List<Finding> expected = new ArrayList<>();
        int i = 0;
        while (i < l.length()) {
            int open = l.indexOf('⟦', i);
            if (open < 0) {
                text.append(l, i, l.length());
                break;
            }
            text.append(l, i, open);
            int close = l.indexOf('⟧', open);
            int colon = l.indexOf(':', open);
            Kind kind = Kind.parse(l.substring(open + 1, colon));
            if (kind == null || close < 0) {
                throw new IllegalArgumentException(source + ": bad label in " + line);
            }
            int start = text.length();
            text.append(l, colon + 1, close);
            expected.add(new Finding(kind, start, text.length()));
            i = close + 1;
        }
        return new Sample(source, text.toString(), expected);
    }
}
