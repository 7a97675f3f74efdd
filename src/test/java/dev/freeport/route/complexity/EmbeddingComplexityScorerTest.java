package dev.freeport.route.complexity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real scorer (MiniLM model loaded once for the class) on hand-made requests. */
class EmbeddingComplexityScorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddingComplexityScorer scorer;

    @BeforeAll
    static void load() {
        scorer = EmbeddingComplexityScorer.shared();
    }

    private static ChatRequest request(ObjectNode body) {
        return new ChatRequest("auto", false, false, null, null, body);
    }

    private static ObjectNode user(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    @Test
    void sharedIsOneInstance() {
        assertThat(EmbeddingComplexityScorer.shared()).isSameAs(scorer);
        assertThat(scorer.name()).isEqualTo("minilm-l6-v2+features v1");
    }

    @Test
    void hardCodingPromptOutscoresAGreeting() {
        double hard = scorer.score(request(user("Implement a lock-free multi-producer queue in C++ with "
                + "memory-order annotations, prove it is linearizable and explain how you avoid the ABA problem.")));
        double easy = scorer.score(request(user("Hi there! How are you doing today?")));
        assertThat(hard).isGreaterThan(0.5);
        assertThat(easy).isLessThan(0.5);
    }

    @Test
    void offeringToolsRaisesTheScore() {
        String prompt = "Find out which of our customers ordered more than last month and tell me.";
        ObjectNode withTools = user(prompt);
        ArrayNode tools = withTools.putArray("tools");
        for (String name : new String[] {"query_orders", "query_customers", "send_report", "read_calendar"}) {
            ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
            fn.put("name", name).putObject("parameters").put("type", "object");
        }
        assertThat(scorer.score(request(withTools))).isGreaterThan(scorer.score(request(user(prompt))));
    }

    @Test
    void codeInThePromptRaisesTheScore() {
        String ask = "Can you take a look at this for me?";
        String code = ask + "\n\n```java\nsynchronized (lock) {\n    while (!ready) {\n        lock.wait();\n    }\n"
                + "    queue.poll().run();\n}\n```";
        assertThat(scorer.score(request(user(code)))).isGreaterThan(scorer.score(request(user(ask))));
    }

    @Test
    void arrayContentPartsScoreLikeTheSameString() {
        ObjectNode parts = JSON.createObjectNode();
        ArrayNode content = parts.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "Prove that sqrt(2) is irrational.");
        content.addObject().put("type", "image_url").putObject("image_url").put("url", "data:image/png;base64,AA==");
        content.addObject().put("type", "text").put("text", "Use contradiction.");
        double fromParts = scorer.score(request(parts));
        double fromString = scorer.score(request(user("Prove that sqrt(2) is irrational.\nUse contradiction.")));
        assertThat(fromParts).isEqualTo(fromString);
    }

    @Test
    void emptyAndMissingMessagesScoreWithoutError() {
        ObjectNode none = JSON.createObjectNode();
        ObjectNode emptyList = JSON.createObjectNode();
        emptyList.putArray("messages");
        ObjectNode nullContent = JSON.createObjectNode();
        nullContent.putArray("messages").addObject().put("role", "user").putNull("content");
        for (ObjectNode body : new ObjectNode[] {none, emptyList, nullContent, user("")}) {
            assertThat(scorer.score(request(body))).isBetween(0.0, 1.0);
        }
    }

    @Test
    void hugePromptIsTruncatedToOneModelWindow() {
        String huge = "The quarterly report lists revenue per region and per product line. ".repeat(20_000);
        RequestText t = RequestText.ofUser(huge + "Summarise it in one line.");
        assertThat(Embedder.input(t).length())
                .isLessThanOrEqualTo(Embedder.HEAD_CHARS + Embedder.TAIL_CHARS + 3);
        assertThat(Embedder.input(t)).endsWith("Summarise it in one line.");
        assertThat(scorer.score(t)).isBetween(0.0, 1.0);
    }

    @Test
    void nonEnglishTextScores() {
        for (String s : new String[] {"请把这句话翻译成英文：“我们下周一开会。”", "Привет, как дела?",
                "مرحبا، كيف حالك؟", "Beweise, dass es unendlich viele Primzahlen gibt.", "🙂🙂🙂"}) {
            assertThat(scorer.score(request(user(s)))).isBetween(0.0, 1.0);
        }
    }

    @Test
    void systemPromptAndHistoryAreRead() {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode msgs = body.putArray("messages");
        msgs.addObject().put("role", "system").put("content", "You are a senior distributed-systems reviewer.");
        msgs.addObject().put("role", "user").put("content", "Hello");
        msgs.addObject().put("role", "assistant").put("content", "Hi! What should I review?");
        msgs.addObject().put("role", "user").put("content", "Thanks, that is all.");
        RequestText t = RequestText.of(body);
        assertThat(t.system()).startsWith("You are a senior");
        assertThat(t.lastUser()).isEqualTo("Thanks, that is all.");
        assertThat(t.messages()).isEqualTo(4);
        assertThat(scorer.score(request(body))).isBetween(0.0, 1.0);
    }

    @Test
    void concurrentScoringGivesTheSequentialScores() throws Exception {
        List<String> prompts = LabelledPrompt.bundled().stream().limit(16).map(LabelledPrompt::text).toList();
        double[] sequential = prompts.stream().mapToDouble(scorer::scorePrompt).toArray();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> prompts.stream().mapToDouble(scorer::scorePrompt).toArray()));
            }
            for (Future<double[]> run : runs) {
                assertThat(run.get()).containsExactly(sequential);
            }
        }
    }

    @Test
    void largerShareGivesLowerThreshold() {
        double previous = Double.POSITIVE_INFINITY;
        for (double share : new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 0.8}) {
            double t = scorer.thresholdForShare(share);
            assertThat(t).isLessThan(previous);
            previous = t;
        }
    }

    @Test
    void shareZeroSendsNothingStrongAndOneEverything() {
        assertThat(scorer.thresholdForShare(0)).isGreaterThan(1.0);
        assertThat(scorer.thresholdForShare(1)).isEqualTo(0.0);
        assertThatThrownBy(() -> scorer.thresholdForShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scorer.thresholdForShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
