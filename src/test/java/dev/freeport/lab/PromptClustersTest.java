package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt clusters with the real all-MiniLM-L6-v2 embedding: three kinds of prompts (JSON extraction from invoices,
 * haiku about the sea, SQL questions) come out as three clusters, the same ones every run; the report shows where a
 * candidate that fails only the JSON ones falls short, by cluster and team.
 */
class PromptClustersTest {
    static final String[] INVOICES = {"Extract the invoice number, date and total as JSON from: Invoice 1043, 3 May, $120",
        "Extract the invoice fields as JSON: invoice 88-A dated June 2 total 45.10 EUR",
        "Return JSON with invoice_number, date and amount for this invoice: INV-7 / 2024-01-09 / 990 USD",
        "Give me the invoice number, issue date and total of this invoice as a JSON object: No. 5512, 12/12, 18.00",
        "Parse this invoice into JSON (number, date, total): Invoice #301 issued 1 March for $2,400",
        "As JSON, extract invoice id, date and grand total: Invoice 9 - 14 Feb - 77.70",
        "Turn this invoice into a JSON object with number, date, total: INV 2231, April 30, $15",
        "Read the invoice and output JSON fields number/date/total: Invoice A-19, 5 Aug, 310.25 GBP"};
    static final String[] HAIKU = {"Write a haiku about the sea at dawn", "Write a haiku about waves on a quiet beach",
        "Compose a haiku about the ocean in winter", "A haiku please: the tide going out at night",
        "Write a short haiku about seagulls over the sea", "Write a haiku about a storm over the ocean",
        "Compose a haiku on fishing boats in the harbour at dusk", "Haiku about the sound of the surf"};
    static final String[] SQL = {"How do I write a SQL query that counts orders per customer?",
        "Write a SQL query to find the top 5 products by revenue", "SQL: select all users who signed up last month",
        "How can I join the orders and customers tables in SQL?", "Write SQL that deletes duplicate rows in a table",
        "Write a SQL query returning the average salary by department",
        "In PostgreSQL, how do I group sales by week?", "SQL query to find customers with no orders"};

    static Map<String, String> prompts() {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) { // interleaved, so no cluster is a run of ids
            p.put("inv" + i, INVOICES[i]);
            p.put("sea" + i, HAIKU[i]);
            p.put("sql" + i, SQL[i]);
        }
        return p;
    }

    @Test
    void threeKindsOfPromptsAreThreeClustersLabelledByATypicalPromptTheSameEveryRun() {
        Map<String, String> clusters = PromptClusters.of(prompts(), Agreements::embed);

        assertThat(new HashSet<>(clusters.values())).hasSize(3);
        for (String kind : List.of("inv", "sea", "sql")) {
            Set<String> labels = new HashSet<>();
            clusters.forEach((id, label) -> {
                if (id.startsWith(kind)) {
                    labels.add(label);
                }
            });
            assertThat(labels).as(kind).hasSize(1);
        }
        assertThat(clusters.get("inv0")).startsWith("\u201c").containsIgnoringCase("invoice");
        assertThat(clusters.get("sea0")).containsIgnoringCase("haiku");
        assertThat(PromptClusters.of(prompts(), Agreements::embed)).isEqualTo(clusters);
    }

    @Test
    void theReportSaysWhichClusterAndTeamACandidateFailsOn() {
        List<LabSample> samples = new ArrayList<>();
        List<LabResult> results = new ArrayList<>();
        prompts().forEach((id, prompt) -> {
            boolean json = id.startsWith("inv");
            ObjectNode req = Json.NODES.objectNode().put("model", "coder");
            req.putArray("messages").addObject().put("role", "user").put("content", prompt);
            if (json) {
                req.putObject("response_format").put("type", "json_object");
            }
            String good = json ? "{\"number\":\"1\",\"date\":\"d\",\"total\":1}" : "fine answer";
            samples.add(new LabSample(id, "coder", "shadow", 1, "fp-key", json ? "search" : "web", null, req,
                    answer(good)));
            results.add(new LabResult(id, "coder", "cheap", "shadow", 2, answer(json ? "{broken" : "fine answer")));
        });

        MigrationReport r = ReportBuilder.build("coder", 0, samples, results, List.of(),
                new MigrationReport.Volume(0, 0), ReportBuilder.NO_SIMILARITY, Agreements::embed);

        MigrationReport.Candidate c = r.candidates().getFirst();
        assertThat(c.byCluster()).hasSize(3);
        assertThat(c.byCluster().values()).extracting(MigrationReport.Group::compared).containsOnly(8);
        assertThat(c.shortfalls()).hasSize(1);
        assertThat(c.shortfalls().getFirst()).startsWith("fails on json requests from team search: \u201c")
                .contains("(0 of 8 as good, 0.0 %; mostly bad_json)");
        assertThat(LabReports.text(r)).contains("fails on json requests from team search");
        assertThat(MigrationHtml.render(r)).contains("id=\"candidate-cheap-by-cluster\"").contains("Where it falls short");
        assertThat(LabReports.json(r).at("/candidates/0/shortfalls/0").asText()).startsWith("fails on json");
    }

    static LabAnswer answer(String content) {
        ObjectNode body = ShadowCall.completion(content, "stop");
        return new LabAnswer("p", "m", LabAnswer.OK, null, 10, 5, 100, 50, null, "stop", body);
    }
}
