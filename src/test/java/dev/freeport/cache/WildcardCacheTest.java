package dev.freeport.cache;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider wildcard ({@code name: "up/*"}) with {@code cache:} caches each requested model name on its own:
 * a repeat of {@code up/big} is a hit, the same request to {@code up/small} is not; an exact alias under the same
 * prefix without a cache of its own does not cache.
 */
class WildcardCacheTest {
    private final FakeUpstream up = FakeUpstream.start();
    private TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    private HttpResponse<String> ask(String model) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"name three ports\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void aWildcardAliasWithACacheCachesEachRequestedModelOnItsOwn() {
        up.setDefault(Reply.ok("Hamburg, Rotterdam, Antwerp").usage(20, 10));
        gw = TestGateway.fromYamlWithConfig("providers:\n"
                + "  up: { type: openai, base_url: " + up.baseUrl() + " }\n"
                + """
                models:
                  - name: "up/*"
                    targets: [ "up/*" ]
                    cache: { ttl: 1h }
                  - name: up/exact
                    targets: [ up/exact-model ]
                """, (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
        assertThat(ResponseCacheTest.cacheHeader(ask("up/big"))).isEqualTo("miss");
        assertThat(ResponseCacheTest.cacheHeader(ask("up/big"))).isEqualTo("hit");
        assertThat(ResponseCacheTest.cacheHeader(ask("up/small"))).isEqualTo("miss");
        assertThat(ResponseCacheTest.cacheHeader(ask("up/exact"))).isNull();
        assertThat(ResponseCacheTest.cacheHeader(ask("up/exact"))).isNull();
        assertThat(up.requests()).extracting(dev.freeport.testing.RecordedRequest::model)
                .containsExactly("big", "small", "exact-model", "exact-model");
    }
}
