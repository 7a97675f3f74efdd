package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code freeport admin-log [--since 7d] [--limit 100] [--json]}: the admin audit log of a running gateway (with
 * PostgreSQL, of every replica), newest first, through {@code GET /admin/log}.
 */
@Command(name = "admin-log", mixinStandardHelpOptions = true,
        description = "Show the admin audit log: who changed keys, teams, vendor switches, config, when and from where.")
final class AdminLogCommand extends KeysCommand.Base {
    @Option(names = "--since", paramLabel = "AGE", defaultValue = "7d",
            description = "How far back (e.g. 1h, 7d, 90d; default 7d).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N entries (1-1000).")
    int limit;

    @Override
    void run(AdminClient client, PrintWriter out) {
        JsonNode list = client.call("GET", "/admin/log?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)
                + "&limit=" + limit, null);
        if (json) {
            out.println(list.toPrettyString());
            return;
        }
        TextTable t = new TextTable("TIME", "WHO", "FROM", "ACTION", "STATUS", "CHANGE");
        for (JsonNode e : list.path("data")) {
            t.row(e.path("time").asText(), e.path("who").asText(), e.path("from").asText(),
                    e.path("method").asText() + " " + e.path("path").asText(), e.path("status").asText(),
                    change(e));
        }
        out.print(list.path("data").isEmpty() ? "no admin actions in the last " + since + "\n" : t.render(""));
    }

    /** What changed, short: the fields whose values differ between before and after, or the error. */
    static String change(JsonNode e) {
        if (e.hasNonNull("error")) {
            return "refused: " + e.path("error").asText();
        }
        JsonNode before = e.path("before");
        JsonNode after = e.path("after");
        if (!before.isObject()) {
            return after.isObject() ? "created" : "";
        }
        StringBuilder sb = new StringBuilder();
        after.fieldNames().forEachRemaining(f -> {
            if (!f.equals("updated_at") && !f.equals("version") && !f.equals("since")
                    && !after.get(f).equals(before.get(f))) {
                sb.append(sb.isEmpty() ? "" : ", ").append(f).append(": ").append(before.path(f)).append(" -> ")
                        .append(after.get(f));
            }
        });
        return sb.toString();
    }
}
