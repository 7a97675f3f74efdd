package dev.freeport.provider.openai;

import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.catalog.BillingFacts;
import dev.freeport.catalog.CostResult;
import dev.freeport.catalog.FxRates;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.PricingEngine;
import dev.freeport.config.Placement;
import dev.freeport.config.ProviderConfig;
import dev.freeport.api.Timeouts;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Moonshot codec counts the {@code $web_search} calls Moonshot bills, and the engine names the fee. */
class KimiWebSearchCodecTest {
    private static final String SEARCH = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"kimi-k3\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{"
            + "\"index\":0,\"id\":\"$web_search:0\",\"type\":\"builtin_function\",\"function\":{\"name\":"
            + "\"$web_search\",\"arguments\":\"{\\\"search_result\\\":{\\\"search_id\\\":\\\"s\\\"},\\\"usage\\\":"
            + "{\\\"total_tokens\\\":3120}}\"}}]},\"finish_reason\":\"tool_calls\"}],"
            + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":1000,\"total_tokens\":2000}}";

    @Test
    void aSearchAnswerCarriesOneBilledWebSearchThatTheEngineChargesAndNames() {
        OpenAiCodec codec = new OpenAiCodec(Wire.settings("moonshot", "sk-test"), true);
        ChatResult r = codec.decodeChat(Wire.simpleRequest(), "kimi-k3", Buffer.buffer(SEARCH));
        assertThat(r.usage().serverToolCalls()).isEqualTo(Map.of("web_search", 1L));
        CostResult cost = PricingEngine.cost(PriceCatalog.bundled(), "moonshot", "kimi-k3", r.usage(),
                BillingFacts.NONE.toolCalls(r.usage().serverToolCalls()), FxRates.NONE); // as flow/Costs does
        assertThat(cost.usdNanos()).isEqualTo(23_000_000L);
        assertThat(cost.applied()).contains("web_search: 1 calls x 0.005");
    }

    @Test
    void aProviderWhoseVendorIsMoonshotsMainlandApiCountsSearchesToo() {
        ProviderConfig cn = new ProviderConfig("kimi-cn", "openai", null, "https://api.moonshot.cn/v1", "k", Map.of(),
                Timeouts.DEFAULTS, Map.of(), new Placement("kimi-cn", null, null, null));
        assertThat(OpenAiProviderFactory.isMoonshot(cn)).isTrue();
        assertThat(OpenAiProviderFactory.isMoonshot(Wire.config("deepseek", null, "k", Map.of()))).isFalse();
    }

    @Test
    void mainlandSearchesAreBilledThreeFenEach() {
        // Kimi K3 on api.moonshot.cn: 1,000 x CNY 20 + 1,000 x CNY 100 per million + 1 x CNY 0.03 = CNY 0.15
        CostResult cost = PricingEngine.cost(PriceCatalog.bundled(), "moonshot-cn", "kimi-k3", Usage.of(1_000, 1_000),
                BillingFacts.NONE.toolCalls(Map.of("web_search", 1L)), FxRates.NONE);
        assertThat(cost.original().nanos()).isEqualTo(150_000_000L);
    }
}
