package dev.freeport.limits;

import dev.freeport.caller.Limits;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The x-ratelimit-* headers of an admitted request: their text, and what writing them costs per answer. */
class RateHeadersCostTest {
    private static final RateLine LINE = new RateLine("key:k", "key k", new Limits(600, 100_000L, null));
    private static final RateHeaders.Admitted ADMITTED = new RateHeaders.Admitted(List.of(LINE),
            List.of(new Counters.RateState(41, 59_250, 1_234, 60_000)));

    @Test
    void anAdmittedRequestsHeadersReadAsOpenAiWritesThem() {
        MultiMap h = HeadersMultiMap.httpHeaders();
        ADMITTED.write(h);
        assertThat(h.entries()).extracting(e -> e.getKey() + ": " + e.getValue()).containsExactly(
                "x-ratelimit-limit-requests: 600",
                "x-ratelimit-remaining-requests: 559",
                "x-ratelimit-reset-requests: 59.25s",
                "x-ratelimit-limit-tokens: 100000",
                "x-ratelimit-remaining-tokens: 98766",
                "x-ratelimit-reset-tokens: 1m0s");
    }

    @Test
    void countsAreWrittenAsTheirDigits() {
        for (long n : new long[] {0, 7, 10, 99, 100, 123_456_789, Long.MAX_VALUE}) {
            RateHeaders.Digits d = new RateHeaders.Digits(n);
            assertThat(d.length()).as("length of %d", n).isEqualTo(Long.toString(n).length());
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < d.length(); i++) {
                s.append(d.charAt(i));
            }
            assertThat(s.toString()).isEqualTo(Long.toString(n)).isEqualTo(d.toString());
        }
    }

    @Test
    void writingTheHeadersMakesNoTextPerCountOrReset() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        MultiMap h = HeadersMultiMap.httpHeaders();
        int n = 200_000;
        for (int i = 0; i < n; i++) { // warm up
            h.clear();
            ADMITTED.write(h);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < n; i++) {
            h.clear();
            ADMITTED.write(h);
        }
        long perWrite = (threads.getThreadAllocatedBytes(id) - before) / n;
        // six map entries (40 B each) and a Digits (24 B) per remaining count: 288 B; before, 496 B: a String and its
        // bytes per count (Long.toString) and both resets formatted again on every answer (the requests' and the
        // tokens' reset differ, and one cached text for both missed each time)
        assertThat(perWrite).as("bytes allocated per write of the six headers").isLessThanOrEqualTo(300);
    }
}
