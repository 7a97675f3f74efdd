package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.cli.Main;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code freeport migrate judge} with a scripted judge on a real socket: a candidate answer containing "bad" loses
 * in both orders (worse); a tie is the same; a judge that always picks the first answer shown disagrees with itself
 * across the two orders, which counts as the same. The judge sees no model or alias names, and its cost is tracked.
 */
class JudgeTest {
    FakeUpstream inc = FakeUpstream.start();
    FakeUpstream cand = FakeUpstream.start();
    FakeUpstream judge = FakeUpstream.start();
    TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        inc.close();
        cand.close();
        judge.close();
    }

    static int number(String text) {
        return Integer.parseInt(text.substring(text.indexOf('#') + 1, text.indexOf('#') + 2));
    }

    /** The scripted judge: the answer without "bad" wins; request #2 gets a judge biased to the first answer. */
    static Reply verdict(RecordedRequest r) {
        String user = r.body().at("/messages/1/content").asText();
        String a = user.substring(user.indexOf("Answer A:\n") + 10, user.indexOf("\n\nAnswer B:"));
        String b = user.substring(user.indexOf("Answer B:\n") + 10);
        String winner = number(user) == 2 ? "A" : a.contains("bad") ? "B" : b.contains("bad") ? "A" : "tie";
        return Reply.ok("{\"winner\":\"" + winner + "\",\"reason\":\"scripted\"}").usage(100, 10);
    }

    @Test
    void theJudgeComparesBlindInBothOrdersAndATieWhenTheOrdersDisagree() {
        inc.setDefault(Reply.ok("a good answer").usage(10, 10));
        cand.respondWith(r -> Reply.ok(number(r.body().at("/messages/0/content").asText()) % 2 == 1
                ? "a bad answer" : "a good answer").usage(10, 10));
        judge.respondWith(JudgeTest::verdict);
        AtomicReference<LabModule> lab = new AtomicReference<>();
        gw = TestGateway.fromYamlWithConfig("providers:\n"
                + "  inc: { type: openai, base_url: " + inc.baseUrl() + " }\n"
                + "  cand: { type: openai, base_url: " + cand.baseUrl() + " }\n"
                + "  jud: { type: openai, base_url: " + judge.baseUrl() + " }\n"
                + """
                models:
                  - name: coder
                    targets: [ inc/big ]
                    shadow: { targets: [ cheap ], sample: 1, budget: 1usd/day }
                  - name: cheap
                    targets: [ cand/small ]
                  - name: referee
                    targets: [ { provider: jud, model: judge-model, price: { input: 1, output: 1 } } ]
                """, (vx, cfg) -> {
            lab.set(LabModule.open(vx, cfg));
            return List.of(lab.get());
        });
        for (int i = 0; i < 4; i++) {
            assertThat(gw.post("/v1/chat/completions", "{\"model\":\"coder\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"question #" + i + "\"}]}").statusCode()).isEqualTo(200);
        }
        ShadowTrafficTest.eventually(() -> lab.get().store().results("coder", 0).size() == 4);

        CommandLine cl = new CommandLine(new Main());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("migrate", "judge", "--config", gw.dataDir().resolve("freeport.yaml").toString(),
                "--alias", "coder", "--judge", "referee");

        assertThat(code).as(out.toString()).isZero();
        assertThat(judge.requests()).hasSize(8);
        for (RecordedRequest r : judge.requests()) {
            String messages = r.body().path("messages").toString();
            assertThat(messages).doesNotContain("cheap", "small", "coder", "big");
        }
        JsonNode c = TestGateway.json(gw.get("/admin/migrate/report?alias=coder").body()).path("candidates").path(0);
        assertThat(c.at("/judged/judged").asInt()).isEqualTo(4);
        assertThat(c.at("/judged/better").asInt()).isZero();
        assertThat(c.at("/judged/same").asInt()).isEqualTo(2);
        assertThat(c.at("/judged/worse").asInt()).isEqualTo(2);
        assertThat(c.at("/judged/cost_nanos").asLong()).isEqualTo(8 * 110 * 1_000);
        assertThat(c.path("as_good").asInt()).isEqualTo(2);
        assertThat(c.path("worst").get(0).path("judge_reason").asText()).startsWith("worse: scripted");
    }
}
