package dev.freeport.lab;

import dev.freeport.cli.Main;
import dev.freeport.config.StoreConfig;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport replay} of a prompts file against a candidate: the budget stop, and a resume after kill -9. */
class ReplayTest {
    static final int PROMPTS = 40;

    @TempDir
    Path dir;
    FakeUpstream inc;
    FakeUpstream cand;
    Path config;
    Path prompts;
    String lastErr = "";

    @BeforeEach
    void setUp() throws IOException {
        inc = FakeUpstream.start();
        cand = FakeUpstream.start();
        inc.setDefault(Reply.ok("incumbent").usage(10, 10));
        config = dir.resolve("freeport.yaml");
        Files.writeString(config, "ledger: { data_dir: " + dir.resolve("data") + " }\n"
                + "providers:\n"
                + "  inc: { type: openai, base_url: " + inc.baseUrl() + " }\n"
                + "  cand: { type: openai, base_url: " + cand.baseUrl() + " }\n"
                + """
                models:
                  - name: coder
                    targets: [ inc/big ]
                  - name: cheap
                    targets: [ { provider: cand, model: small, price: { input: 0, output: 1000 } } ]
                """);
        prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, IntStream.range(0, PROMPTS).mapToObj(i -> "prompt number " + i)
                .collect(Collectors.joining("\n")));
    }

    @AfterEach
    void close() {
        inc.close();
        cand.close();
    }

    int replay(String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--config", config.toString(), "--alias", "coder",
                "--candidates", "cheap", "--from", prompts.toString()));
        args.addAll(List.of(extra));
        CommandLine cl = new CommandLine(new Main());
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.toArray(String[]::new));
        lastErr = err.toString();
        return code;
    }

    List<LabResult> results() {
        try (LabStore lab = LabStore.open(StoreConfig.EMBEDDED, dir.resolve("data"))) {
            return lab.results("coder", 0);
        }
    }

    static String prompt(RecordedRequest r) {
        return r.body().at("/messages/0/content").asText();
    }

    @Test
    void aReplayStopsAtItsBudget() {
        cand.setDefault(Reply.ok("candidate").usage(10, 100)); // $0.10 each at $1000 per million output tokens

        int code = replay("--concurrency", "1", "--budget", "0.30usd");

        assertThat(code).as(lastErr).isEqualTo(3);
        assertThat(cand.requests()).hasSize(3);
        assertThat(results()).hasSize(3);
    }

    @Test
    void aReplayKilledWithSigkillResumesWithoutSendingAnsweredRequestsAgain() throws Exception {
        cand.setDefault(Reply.ok("candidate").usage(10, 10).delay(Duration.ofMillis(150)));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "replay", "--config",
                config.toString(), "--alias", "coder", "--candidates", "cheap", "--from", prompts.toString(),
                "--concurrency", "4").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cand.requests().size() < 12 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(10);
        }
        assertThat(child.isAlive()).as("still replaying when killed").isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        child.waitFor();
        Set<String> answeredBeforeKill = results().stream().map(LabResult::sampleId).collect(Collectors.toSet());
        assertThat(answeredBeforeKill).isNotEmpty().hasSizeLessThan(PROMPTS);
        Map<String, String> promptOf = new java.util.HashMap<>();
        try (LabStore lab = LabStore.open(StoreConfig.EMBEDDED, dir.resolve("data"))) {
            lab.samples("coder", 0).forEach(s -> promptOf.put(s.id(), ReportBuilder.lastUser(s.request())));
        }

        assertThat(replay("--concurrency", "4")).as(lastErr).isEqualTo(0);

        assertThat(results()).hasSize(PROMPTS);
        Map<String, Long> sent = cand.requests().stream().collect(Collectors.groupingBy(ReplayTest::prompt,
                Collectors.counting()));
        assertThat(sent).hasSize(PROMPTS);
        for (String id : answeredBeforeKill) {
            assertThat(sent.get(promptOf.get(id))).as("sent once: " + promptOf.get(id)).isEqualTo(1L);
        }
        assertThat(sent.values().stream().mapToLong(Long::longValue).sum())
                .isLessThanOrEqualTo(PROMPTS + 4); // at most the requests in flight at the kill went twice
    }

}
