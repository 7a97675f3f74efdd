package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Plain-text rendering of the admin API's keys and teams for the terminal. */
final class Tables {
    private Tables() {
    }

    static String key(JsonNode k) {
        return keys(List.of(k));
    }

    static String keys(Iterable<JsonNode> keys) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ID", "PREFIX", "NAME", "TEAM", "STATUS", "MODELS", "RPM", "TPM", "BUDGET", "EXPIRES", "RULES"});
        for (JsonNode k : keys) {
            rows.add(new String[]{k.path("id").asText(), k.path("prefix").asText(), opt(k, "name"), opt(k, "team"),
                    k.path("status").asText(), list(k.path("models"), "all"), opt(k, "rpm"), opt(k, "tpm"),
                    budget(k), opt(k, "expires_at"), rules(k)});
        }
        return render(rows);
    }

    static String team(JsonNode t) {
        return teams(List.of(t));
    }

    static String teams(Iterable<JsonNode> teams) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "RPM", "TPM", "PARALLEL", "BUDGET", "TAGS", "RULES"});
        for (JsonNode t : teams) {
            rows.add(new String[]{t.path("name").asText(), opt(t, "rpm"), opt(t, "tpm"), opt(t, "max_parallel"),
                    budget(t), list(t.path("tags"), "-"), rules(t)});
        }
        return render(rows);
    }

    /** Vendor rules and data class in one cell: "vendors:a,b !vendors:c where:EU !where:CN trust:x class:y", or "-". */
    static String rules(JsonNode n) {
        List<String> parts = new ArrayList<>();
        part(parts, "vendors:", n.path("allow_vendors"));
        part(parts, "!vendors:", n.path("deny_vendors"));
        part(parts, "where:", n.path("allow_jurisdictions"));
        part(parts, "!where:", n.path("deny_jurisdictions"));
        part(parts, "trust:", n.path("allow_trust"));
        if (n.path("data_class").isTextual()) {
            parts.add("class:" + n.path("data_class").asText());
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static void part(List<String> parts, String label, JsonNode values) {
        String joined = list(values, "");
        if (!joined.isEmpty()) {
            parts.add(label + joined);
        }
    }

    private static String budget(JsonNode n) {
        JsonNode b = n.path("budget");
        return b.isObject() ? b.path("text").asText() : "-";
    }

    private static String opt(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "-" : v.asText();
    }

    private static String list(JsonNode a, String empty) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out.isEmpty() ? empty : String.join(",", out);
    }

    /** Left-aligned columns two spaces apart; the first row is the header. */
    static String render(List<String[]> rows) {
        TextTable t = new TextTable(rows.get(0));
        rows.subList(1, rows.size()).forEach(t::row);
        return t.render("").stripTrailing();
    }
}
