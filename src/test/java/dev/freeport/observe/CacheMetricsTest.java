package dev.freeport.observe;

import dev.freeport.cache.CacheModule;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.freeport.observe.ObservedGateway.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** The response cache's counters on /metrics. */
class CacheMetricsTest {
    FakeUpstream up = FakeUpstream.start();
    ObservedGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    @Test
    void hitsMissesBypassesAndTheDollarsSavedAreCountedPerAlias() {
        up.setDefault(Reply.ok("cached words").usage(1000, 500));
        gw = ObservedGateway.start("""
                providers:
                  up: { type: openai, base_url: %s, api_key: k }
                models:
                  - name: m
                    targets: [ { provider: up, model: gpt-x, price: { input: 1, output: 2 } } ]
                    cache: { ttl: 1h }
                """.formatted(up.baseUrl()), (vx, cfg) -> List.of(CacheModule.open(vx, cfg)), null);
        String greedy = "{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        gw.post("/v1/chat/completions", greedy);
        gw.post("/v1/chat/completions", greedy);
        gw.post("/v1/chat/completions", greedy);
        gw.chat("m", false); // no temperature: bypass

        String m = gw.metrics();
        assertThat(sample(m, "freeport_cache_requests_total", Map.of("alias", "m", "result", "miss"))).isEqualTo(1.0);
        assertThat(sample(m, "freeport_cache_requests_total", Map.of("alias", "m", "result", "hit"))).isEqualTo(2.0);
        assertThat(sample(m, "freeport_cache_requests_total", Map.of("alias", "m", "result", "bypass")))
                .isEqualTo(1.0);
        assertThat(sample(m, "freeport_cache_saved_usd_total", Map.of("alias", "m"))).isEqualTo(2 * 0.002);
    }
}
