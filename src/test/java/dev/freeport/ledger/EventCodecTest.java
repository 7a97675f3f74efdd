package dev.freeport.ledger;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    @Test
    void roundTripsEveryFieldIncludingNullsAndUnicode() {
        UsageEvent e = UsageEvent.builder("req-ü-1", Instant.ofEpochMilli(1_790_000_000_123L)).caller(null)
                .endpoint("embeddings").alias(null).target(null, null).attempts(0)
                .outcome(UsageEvent.Status.FAILED, 400, "invalid_request", "bad « input » ✓").stream(false)
                .usage(new Usage(0, 0, 0, 0, 0, true)).costNanos(0).latency(3, null).build();
        assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
        UsageEvent full = Events.ok("a", Instant.ofEpochMilli(5), "master", "p", "m", Long.MAX_VALUE, 2, 3, 4, 5);
        assertThat(EventCodec.decode(EventCodec.encode(full))).isEqualTo(full);
    }

    @Test
    void encodingAnEventAllocatesLittleMoreThanItsRecord() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        UsageEvent e = Events.withFacts("req_19af00c2d3e4f5a6b7c8d9e0");
        int record = EventCodec.encode(e).length;
        for (int i = 0; i < 20_000; i++) {
            EventCodec.encode(e); // warm up: let the JIT settle
        }
        int n = 10_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            EventCodec.encode(e);
        }
        long perEvent = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        // the record's own array (+16 bytes of header); a stream with a growing buffer and an array per string
        // allocated several times that on the request's event loop
        assertThat(perEvent).as("bytes allocated per event, record %d bytes", record).isLessThan(record + 64L);
    }

    @Test
    void roundTripsRequestFacts() {
        UsageEvent e = Events.withFacts("req-facts");
        assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
    }

    @Test
    void capsLongErrorMessages() {
        UsageEvent e = Events.withStatus("b", Instant.EPOCH, "x", UsageEvent.Status.FAILED, 0, 0);
        UsageEvent longMsg = UsageEvent.builder(e.id(), e.time()).caller(e.caller()).endpoint(e.endpoint())
                .alias(e.alias()).target(e.provider(), e.upstreamModel()).attempts(e.attempts())
                .outcome(e.status(), e.httpStatus(), e.errorKind(), "z".repeat(100_000)).stream(e.stream())
                .usage(new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), e.reasoningTokens(), e.estimated()))
                .costNanos(e.costNanos()).latency(e.latencyMillis(), e.ttftMillis()).build();
        assertThat(EventCodec.decode(EventCodec.encode(longMsg)).errorMessage()).hasSize(EventCodec.MAX_MESSAGE_CHARS);
    }

    @Test
    void rejectsTruncatedPayload() {
        byte[] b = EventCodec.encode(Events.simple("c", 0));
        assertThatThrownBy(() -> EventCodec.decode(java.util.Arrays.copyOf(b, b.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
