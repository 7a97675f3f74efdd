package dev.freeport.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    @Test
    void roundTripsEveryFieldIncludingNullsAndUnicode() {
        UsageEvent e = new UsageEvent("req-ü-1", Instant.ofEpochMilli(1_790_000_000_123L), null, "embeddings", null,
                null, null, 0, UsageEvent.Status.FAILED, 400, "invalid_request", "bad « input » ✓", false, 0, 0, 0,
                0, 0, true, 0, 3, null);
        assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
        UsageEvent full = Events.ok("a", Instant.ofEpochMilli(5), "master", "p", "m", Long.MAX_VALUE, 2, 3, 4, 5);
        assertThat(EventCodec.decode(EventCodec.encode(full))).isEqualTo(full);
    }

    @Test
    void roundTripsRequestFacts() {
        UsageEvent e = Events.withFacts("req-facts");
        assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
    }

    @Test
    void capsLongErrorMessages() {
        UsageEvent e = Events.withStatus("b", Instant.EPOCH, "x", UsageEvent.Status.FAILED, 0, 0);
        UsageEvent longMsg = new UsageEvent(e.id(), e.time(), e.caller(), e.endpoint(), e.alias(), e.provider(),
                e.upstreamModel(), e.attempts(), e.status(), e.httpStatus(), e.errorKind(), "z".repeat(100_000),
                e.stream(), e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(),
                e.reasoningTokens(), e.estimated(), e.costNanos(), e.latencyMillis(), e.ttftMillis());
        assertThat(EventCodec.decode(EventCodec.encode(longMsg)).errorMessage()).hasSize(EventCodec.MAX_MESSAGE_CHARS);
    }

    @Test
    void rejectsTruncatedPayload() {
        byte[] b = EventCodec.encode(Events.simple("c", 0));
        assertThatThrownBy(() -> EventCodec.decode(java.util.Arrays.copyOf(b, b.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
