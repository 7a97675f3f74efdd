package dev.freeport.server;

import dev.freeport.ledger.CostDetail;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden costs through the gateway: a fake upstream reports known usage, the ledger and the cost header must hold
 * the figure docs/PRICING.md works out for the vendor's billing rule (time of day, long-context tier, cache-write
 * TTL, CNY billing), streamed and not.
 */
class GoldenCostTest {
    /** Wednesday 2026-12-02, 00:59 UTC = 08:59 in Beijing: DeepSeek's off-peak, a minute before the peak. */
    private static final Instant OFF_PEAK = Instant.parse("2026-12-02T00:59:00Z");
    private static final Instant PEAK = Instant.parse("2026-12-02T01:00:00Z");

    private FakeUpstream up;
    private TestGateway gw;
    private final MovableClock clock = new MovableClock(PEAK);

    /** A clock a test sets. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        gw = TestGateway.fromYaml("", """
                pricing: { fx: { CNY: "0.14" }, fx_as_of: 2026-12-01 }
                providers:
                  ds: { type: openai, base_url: "%1$s", api_key: k, vendor: deepseek }
                  dscn: { type: openai, base_url: "%1$s", api_key: k, vendor: deepseek-cn }
                  claude: { type: anthropic, base_url: "%2$s", api_key: k }
                  local: { type: openai, base_url: "%1$s", api_key: k }
                models:
                  - { name: flash, targets: [ ds/deepseek-flash ] }
                  - { name: flash-cn, targets: [ dscn/deepseek-flash ] }
                  - { name: haiku, targets: [ claude/claude-haiku-5-5 ] }
                  - { name: opus, targets: [ claude/claude-opus-5-5 ] }
                  - { name: mystery, targets: [ local/house-model-7b ] }
                """.formatted(up.baseUrl(), up.anthropicBaseUrl()), vx -> List.of(), clock);
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    private HttpResponse<String> chat(String alias, boolean stream) {
        return gw.post("/v1/chat/completions", "{\"model\":\"" + alias + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }

    /** 100,000 in (40,000 cached), 10,000 out (4,000 reasoning), as DeepSeek reports it. */
    private void deepSeekUsage() {
        up.enqueue(Reply.ok("done").usage(100_000, 10_000)
                .usageDetail(new Reply.UsageDetail(40_000, 0, 0, 4_000, 0)));
    }

    @Test
    void deepSeekIsBilledAtTheOffPeakRateAt0059UtcAndAtThePeakRateAt0100() {
        clock.set(OFF_PEAK);
        deepSeekUsage();
        HttpResponse<String> r = chat("flash", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // 60,000 x $0.15 + 40,000 x $0.003 + 10,000 x $0.60 per million
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.01512");
        clock.set(PEAK);
        deepSeekUsage();
        r = chat("flash", false);
        // 60,000 x $0.30 + 40,000 x $0.006 + 10,000 x $1.20 per million
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.03024");
        assertThat(gw.awaitEvents(2)).extracting(UsageEvent::costNanos).containsExactlyInAnyOrder(15_120_000L, 30_240_000L);
    }

    @Test
    void aStreamedDeepSeekRequestIsPricedByTheWindowItWasProcessedIn() {
        clock.set(OFF_PEAK);
        deepSeekUsage();
        assertThat(chat("flash", true).statusCode()).isEqualTo(200);
        clock.set(PEAK);
        deepSeekUsage();
        assertThat(chat("flash", true).statusCode()).isEqualTo(200);
        List<UsageEvent> events = gw.awaitEvents(2);
        assertThat(events).extracting(UsageEvent::costNanos).containsExactlyInAnyOrder(15_120_000L, 30_240_000L);
        assertThat(events).allMatch(UsageEvent::stream);
    }

    @Test
    void aPromptOneTokenOverTheLongContextThresholdIsBilledWholeAtTheHigherRate() {
        up.enqueue(Reply.ok("done").usage(100_000, 1_000), Reply.ok("done").usage(100_001, 1_000));
        HttpResponse<String> r = chat("haiku", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // Claude Haiku 5.5 up to 100,000 prompt tokens: $0.10 in, $0.50 out
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.0105");
        assertThat(chat("haiku", true).statusCode()).isEqualTo(200);
        // over 100,000: $0.50 in, $2.50 out on the whole request (streamed)
        assertThat(gw.awaitEvents(2)).extracting(UsageEvent::costNanos).containsExactlyInAnyOrder(10_500_000L, 52_500_500L);
    }

    @Test
    void cacheWritesAreBilledByTheirTtlOnEveryFront() {
        up.enqueue(Reply.ok("done").usage(20_000, 0).usageDetail(new Reply.UsageDetail(0, 10_000, 0, 0, 0)));
        HttpResponse<String> r = chat("opus", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // Claude Opus 5.5: 10,000 x $4 + 10,000 written for 5 minutes x $5
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.09");
        up.enqueue(Reply.ok("done").usage(20_000, 0).usageDetail(new Reply.UsageDetail(0, 0, 10_000, 0, 0)));
        r = gw.post("/v1/messages", "{\"model\":\"opus\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // through the Messages pass-through, streamed: 10,000 x $4 + 10,000 written for an hour x $8
        assertThat(gw.awaitEvents(2)).extracting(UsageEvent::costNanos).containsExactlyInAnyOrder(90_000_000L, 120_000_000L);
    }

    @Test
    void webSearchesAreChargedPerCallOnTopOfTheTokens() {
        up.enqueue(Reply.ok("done").usage(1_000, 1_000).usageDetail(new Reply.UsageDetail(0, 0, 0, 0, 3)));
        HttpResponse<String> r = chat("opus", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // 1,000 x $4 + 1,000 x $20 per million, + 3 searches x $0.01
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.054");
    }

    @Test
    void aCnyBilledRequestKeepsItsYuanNextToTheConvertedDollars() {
        clock.set(Instant.parse("2026-12-02T02:00:00Z")); // 10:00 in Beijing, peak
        up.enqueue(Reply.ok("done").usage(100_000, 10_000));
        HttpResponse<String> r = chat("flash-cn", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // 100,000 x CNY 2 + 10,000 x CNY 8 per million = CNY 0.28; x 0.14 = $0.0392
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.0392");
        assertThat(r.headers().firstValue("x-freeport-cost-original")).hasValue("0.28 CNY");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.costNanos()).isEqualTo(39_200_000L);
        assertThat(e.cost()).isEqualTo(CostDetail.original("CNY", 280_000_000L, true));
    }

    @Test
    void aModelWithoutAPriceIsRecordedAsCostUnknownNotZero() {
        up.enqueue(Reply.ok("done").usage(1_000, 100));
        HttpResponse<String> r = chat("mystery", false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("unknown");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.costKnown()).isFalse();
        assertThat(e.cost().status()).isEqualTo(CostDetail.Status.UNKNOWN);
    }
}
