package dev.freeport.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read with Jackson's streaming parser into a small tree that keeps, for every node and key, the
 * line and column where it starts (Jackson's own tree drops locations) and every scalar's exact text (so money is
 * never read through a double).
 */
final class YamlTree {

    private YamlTree() {
    }

    /** 1-based line and column; 0/0 when unknown. */
    record Loc(int line, int column) {
        static final Loc NONE = new Loc(0, 0);
    }

    sealed interface Node permits MapNode, ListNode, Scalar, Invalid {
        Loc loc();
    }

    /** One key of a mapping, with where the key itself is written. */
    record Entry(String key, Loc keyLoc, Node value) {
    }

    record MapNode(Map<String, Entry> entries, Loc loc) implements Node {
    }

    record ListNode(List<Node> items, Loc loc) implements Node {
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, Loc loc) implements Node {
        boolean isNull() {
            return text == null;
        }
    }

    /** A node that is already reported as a problem (e.g. a YAML alias); readers skip it silently. */
    record Invalid(Loc loc) implements Node {
    }

    /** What reading a document gave: its root (null when the document is empty) and any syntax problems. */
    record Parsed(Node root, List<ConfigProblem> problems) {
    }

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    static Parsed parse(String yaml) {
        List<ConfigProblem> problems = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Parsed(null, problems);
            }
            Node root = read(p, t, "", problems);
            return new Parsed(root, problems);
        } catch (JacksonException e) {
            JsonLocation l = e.getLocation();
            Loc loc = l == null ? Loc.NONE : new Loc(Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
            problems.add(new ConfigProblem("", loc.line(), loc.column(), syntaxMessage(yaml, loc,
                    e.getOriginalMessage())));
            return new Parsed(null, problems);
        } catch (IOException e) {
            problems.add(new ConfigProblem("", 0, 0, "cannot read YAML: " + e.getMessage()));
            return new Parsed(null, problems);
        }
    }

    /**
     * The parser's message, or a hint for the mistake behind most of them: an unquoted {@code ${VAR}} inside a flow
     * mapping or list ({@code { api_key: ${KEY} }}), where YAML reads the '{' as the start of a nested mapping.
     */
    static String syntaxMessage(String yaml, Loc loc, String parserMessage) {
        String message = parserMessage == null ? "" : parserMessage;
        String line = loc.line() < 1 ? "" : yaml.lines().skip(loc.line() - 1).findFirst().orElse("");
        boolean inFlow = message.contains("flow mapping") || message.contains("flow sequence");
        int ref = line.indexOf("${");
        if (inFlow && ref >= 0) {
            int end = line.indexOf('}', ref);
            String value = end < 0 ? "${...}" : line.substring(ref, end + 1);
            return "invalid YAML: quote a ${...} value inside { } or [ ] (write \"" + value
                    + "\"), or use block style (one key per line)";
        }
        String at = line.isBlank() ? "" : " (line " + loc.line() + ": " + SecretMask.mask(line.strip()) + ")";
        return "invalid YAML: " + problemOnly(message) + at;
    }

    /**
     * The parser's sentences without its snippets: SnakeYAML quotes the line around the error (indented lines,
     * after "in 'reader', line N"), cut at either end so a secret's name may be cut off while its value shows.
     * The snippet is left out; the caller shows the whole line, masked.
     */
    static String problemOnly(String parserMessage) {
        return parserMessage.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
    }

    private static Node read(JsonParser p, JsonToken t, String path, List<ConfigProblem> problems)
            throws IOException {
        Loc loc = loc(p);
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            problems.add(new ConfigProblem(path, loc.line(), loc.column(), "YAML aliases (*" + p.getText()
                    + ") are not supported: write the value out"));
            return new Invalid(loc);
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    Loc keyLoc = loc(p);
                    String childPath = Paths.key(path, key);
                    Node value = read(p, p.nextToken(), childPath, problems);
                    Entry previous = entries.get(key);
                    if (previous != null) {
                        problems.add(new ConfigProblem(childPath, keyLoc.line(), keyLoc.column(),
                                "duplicate key \"" + key + "\" (first at line " + previous.keyLoc().line() + ")"));
                    } else {
                        entries.put(key, new Entry(key, keyLoc, value));
                    }
                }
                return new MapNode(Collections.unmodifiableMap(entries), loc);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                int i = 0;
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    items.add(read(p, v, Paths.index(path, i++), problems));
                }
                return new ListNode(List.copyOf(items), loc);
            }
            case VALUE_NULL -> {
                return new Scalar(null, loc);
            }
            default -> {
                return new Scalar(p.getText(), loc);
            }
        }
    }

    private static Loc loc(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null ? Loc.NONE : new Loc(Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }
}
