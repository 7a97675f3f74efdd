package dev.freeport.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML example works as written: each {@code ```yaml} block of README.md and docs/*.md, and each
 * examples/*.yaml file, passes {@code freeport config check} (the command itself, run in-process) with every
 * {@code ${VAR}} it names set to a placeholder ({@code http://example.test} for names ending in URL).
 *
 * <p>A block's first line may mark it:
 * <ul>
 * <li>{@code # fragment ...}: part of a config that refers to providers it does not define. It is checked on top of
 * {@link #FRAGMENT_BASE} (the providers the docs' fragments name: gpu, anthropic, openai, deepseek): the block's
 * top-level sections are used as written, the base's other sections are added.</li>
 * <li>{@code # not a Freeport config ...}: skipped (e.g. a LiteLLM config shown for comparison).</li>
 * </ul>
 * Any other block must be a whole config on its own (every section is optional, so a block with one section is).
 */
class DocExamplesTest {
    static final String FRAGMENT_BASE = """
            providers:
              gpu:       { preset: vllm, base_url: "http://gpu-box:8000/v1" }
              anthropic: { type: anthropic, api_key: test }
              openai:    { preset: openai, api_key: test }
              deepseek:  { preset: deepseek, api_key: test }
            """;
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TOP_KEY = Pattern.compile("(?m)^([a-z_]+):");

    @TempDir
    Path tmp;

    /** A YAML example: where it is (file and line) and its text. */
    record Example(String where, String yaml) {
    }

    static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The ```yaml blocks of a Markdown file, each with the line of its first YAML line. */
    static List<Example> yamlBlocks(Path md) throws IOException {
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(md);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```yaml")) {
                // a block inside a list item is indented like its fence: that indentation is not YAML's
                int indent = lines.get(i).indexOf('`');
                int start = i + 1;
                StringBuilder b = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                    String line = lines.get(i);
                    int cut = Math.min(indent, line.length() - line.stripLeading().length());
                    b.append(line.substring(cut)).append('\n');
                }
                out.add(new Example(md + ":" + (start + 1), b.toString()));
            }
        }
        return out;
    }

    static List<Example> examples() throws IOException {
        List<Example> all = new ArrayList<>();
        for (Path md : docs()) {
            all.addAll(yamlBlocks(md));
        }
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                all.add(new Example(p.toString(), Files.readString(p)));
            }
        }
        return all;
    }

    /** The text to check: a fragment over the base (the base's sections the fragment lacks), else the block. */
    static String config(String yaml) {
        if (!yaml.startsWith("# fragment")) {
            return yaml;
        }
        Set<String> own = topKeys(yaml);
        StringBuilder b = new StringBuilder(yaml);
        for (String section : FRAGMENT_BASE.split("(?m)^(?=[a-z_]+:)")) {
            if (!section.isBlank() && !own.containsAll(topKeys(section))) {
                b.append(section);
            }
        }
        return b.toString();
    }

    private static Set<String> topKeys(String yaml) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = TOP_KEY.matcher(yaml);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** A placeholder for every ${VAR} without a default that the text names. */
    static Map<String, String> env(String yaml) {
        Map<String, String> env = new TreeMap<>();
        Matcher m = VAR.matcher(yaml);
        while (m.find()) {
            String name = m.group(1);
            env.put(name, name.endsWith("URL") ? "http://example.test" : "test-" + name.toLowerCase(Locale.ROOT));
        }
        return env;
    }

    @TestFactory
    Stream<DynamicTest> everyYamlExamplePassesConfigCheck() throws IOException {
        List<Example> all = examples();
        assertThat(all).as("YAML examples found").hasSizeGreaterThan(10);
        return all.stream().filter(e -> !e.yaml().startsWith("# not a Freeport config"))
                .map(e -> DynamicTest.dynamicTest(e.where(), () -> {
                    String yaml = config(e.yaml());
                    Path file = tmp.resolve("example.yaml");
                    Files.writeString(file, yaml);
                    CliRun r = CliRun.in(tmp, env(yaml), "config", "check", file.toString());
                    assertThat(r.code()).as(e.where() + " fails `freeport config check`:\n" + r.err() + "\n" + yaml)
                            .isZero();
                }));
    }
}
