package dev.freeport.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.caller.Principal;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/grafana/freeport.json: valid JSON, and every metric its panels query exists on /metrics. */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of("deploy/grafana/freeport.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:freeport|gen_ai)_[a-z0-9_]+)\\b");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\([^)]*\\)");

    static JsonNode dashboard() throws Exception {
        return new ObjectMapper().readTree(Files.readString(DASHBOARD));
    }

    /** Metric names in a PromQL expression: label matchers and grouping clauses taken out first. */
    static Set<String> metricsIn(String expr) {
        String bare = GROUPING.matcher(expr.replaceAll("\\{[^}]*}", "")).replaceAll("");
        Set<String> out = new TreeSet<>();
        Matcher m = METRIC.matcher(bare);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theDashboardIsAGrafanaDashboardWithUniquePanels() throws Exception {
        JsonNode d = dashboard();
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel id " + p.path("id")).isTrue();
            assertThat(p.path("targets").size()).as(p.path("title").asText()).isPositive();
        }
        assertThat(ids).hasSizeGreaterThan(10);
    }

    @Test
    void everyMetricTheDashboardQueriesIsOnMetrics() throws Exception {
        Set<String> queried = new TreeSet<>();
        for (JsonNode p : dashboard().path("panels")) {
            for (JsonNode t : p.path("targets")) {
                queried.addAll(metricsIn(t.path("expr").asText()));
            }
        }
        assertThat(queried).contains("freeport_requests_total", "gen_ai_client_operation_duration_seconds_bucket");

        try (FakeUpstream a = FakeUpstream.start(); FakeUpstream b = FakeUpstream.start()) {
            a.enqueue(Reply.status(503));
            AtomicReference<LimitsModule> limits = new AtomicReference<>();
            Principal key = LimitMetricsTest.key("k1");
            String yaml = """
                    providers:
                      pa: { type: openai, base_url: %s, api_key: k }
                      pb: { type: openai, base_url: %s, api_key: k }
                    models:
                      - name: m
                        targets: [ { provider: pa, model: gpt-a }, { provider: pb, model: gpt-b } ]
                    prices:
                      pa/gpt-a: { input: 1, output: 2 }
                      pb/gpt-b: { input: 1, output: 2 }
                    router: { backoff: { initial: 1ms, max: 2ms } }
                    """.formatted(a.baseUrl(), b.baseUrl());
            try (ObservedGateway gw = ObservedGateway.start(yaml, (vx, cfg) -> {
                limits.set(LimitsModule.create(vx, cfg));
                return List.<Module>of(limits.get(), Module.authenticating(c -> presented ->
                        Future.succeededFuture(key)));
            }, () -> limits.get().use())) {
                assertThat(gw.chat("m", false, "authorization", "Bearer key-k1").statusCode()).isEqualTo(200);
                assertThat(gw.chat("m", true, "authorization", "Bearer key-k1").statusCode()).isEqualTo(200);
                Set<String> exposed = ObservedGateway.sampleNames(gw.metrics());
                List<String> missing = new ArrayList<>(queried);
                missing.removeAll(exposed);
                assertThat(missing).as("queried by the dashboard, absent from /metrics").isEmpty();
            }
        }
    }
}
