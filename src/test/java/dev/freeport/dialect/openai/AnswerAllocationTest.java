package dev.freeport.dialect.openai;

import org.junit.jupiter.api.Test;

import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reading an upstream's answer costs per request, in bytes allocated on the reading thread (a figure the
 * machine's load does not move): the benchmark's answer.
 */
class AnswerAllocationTest {

    /** Bytes allocated per call of {@code work} on this thread, after as many calls of warm-up. */
    static long perCall(ToLongFunction<byte[]> work, byte[] input) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            sink += work.applyAsLong(input);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += work.applyAsLong(input);
        }
        long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("%d bytes, %d ns CPU per call (CPU indicative on a busy machine)%n", per,
                (threads.getCurrentThreadCpuTime() - cpu) / n);
        assertThat(sink).isNotZero();
        return per;
    }

    private static long read(AnswerScan.Answer a) {
        return a.usage().outputTokens() + a.finishReason().length() + a.model().end();
    }

    /**
     * Measured: 264 bytes (the reader, the usage's counts, the usage, the model's span, the answer) against 1,197
     * with the parser.
     */
    @Test
    void anAnswerIsReadWithoutAParser() {
        long parsed = perCall(b -> read(AnswerScan.parsed(b, 0, b.length)), AnswerBytesTest.BENCH);
        long read = perCall(b -> read(AnswerScan.scan(b)), AnswerBytesTest.BENCH);
        System.out.printf("answer read: %d bytes per answer from its bytes, %d with the parser%n", read, parsed);
        assertThat(read).isLessThanOrEqualTo(320);
    }
}
