package dev.freeport.cache;

import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Semantic mode through a real gateway: a paraphrase of the last user turn is served, a near miss is not. */
class SemanticCacheTest {
    static FakeUpstream up;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("Paris.").usage(12, 2));
        gw = TestGateway.fromYamlWithConfig(ResponseCacheTest.config(up, "{ mode: semantic, scope: global }"),
                (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
    }

    @AfterAll
    static void stop() {
        gw.close();
        up.close();
    }

    static HttpResponse<String> ask(String system, String turn) {
        String body = "{\"model\":\"smart\",\"temperature\":0,\"messages\":[{\"role\":\"system\",\"content\":\""
                + system + "\"},{\"role\":\"user\",\"content\":\"" + turn + "\"}]}";
        HttpResponse<String> r = gw.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    static String verdict(HttpResponse<String> r) {
        return r.headers().firstValue("x-freeport-cache").orElse(null);
    }

    @Test
    void aParaphraseIsServedAndANearMissOrAnotherConversationIsNot() {
        int before = up.requests().size();
        assertThat(verdict(ask("Answer briefly.", "What is the capital of France?"))).isEqualTo("miss");

        HttpResponse<String> paraphrase = ask("Answer briefly.", "What's the capital city of France?");
        HttpResponse<String> nearMiss = ask("Answer briefly.", "What is the capital of Germany?");
        HttpResponse<String> otherSystem = ask("Answer at length.", "What's the capital city of France?");

        assertThat(verdict(paraphrase)).isEqualTo("semantic");
        assertThat(paraphrase.body()).contains("Paris.");
        assertThat(verdict(nearMiss)).isEqualTo("miss");
        assertThat(verdict(otherSystem)).isEqualTo("miss");
        assertThat(up.requests().size() - before).isEqualTo(3);
        assertThat(gw.awaitEvents(4)).extracting(UsageEvent::cache).contains("semantic");
    }

    @Test
    void anExactRepeatInSemanticModeIsAnExactHit() {
        ask("Be terse.", "Name a port in Norway.");

        assertThat(verdict(ask("Be terse.", "Name a port in Norway."))).isEqualTo("hit");
    }
}
