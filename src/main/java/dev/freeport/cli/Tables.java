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
        rows.add(new String[]{"ID", "PREFIX", "NAME", "TEAM", "STATUS", "MODELS", "RPM", "TPM", "BUDGET", "EXPIRES"});
        for (JsonNode k : keys) {
            rows.add(new String[]{k.path("id").asText(), k.path("prefix").asText(), opt(k, "name"), opt(k, "team"),
                    k.path("status").asText(), list(k.path("models"), "all"), opt(k, "rpm"), opt(k, "tpm"),
                    budget(k), opt(k, "expires_at")});
        }
        return render(rows);
    }

    static String team(JsonNode t) {
        return teams(List.of(t));
    }

    static String teams(Iterable<JsonNode> teams) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "RPM", "TPM", "PARALLEL", "BUDGET", "TAGS"});
        for (JsonNode t : teams) {
            rows.add(new String[]{t.path("name").asText(), opt(t, "rpm"), opt(t, "tpm"), opt(t, "max_parallel"),
                    budget(t), list(t.path("tags"), "-")});
        }
        return render(rows);
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

    private static String render(List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (w[i] + 2) + "s", r[i]));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
