package dev.freeport.catalog;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PriceCatalog#formatUsd} written from the long: the BigDecimal text, digit for digit. */
class UsdTextTest {

    private static String bigDecimal(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    @Test
    void edgeValuesReadAsTheBigDecimalTextDoes() {
        long[] edges = {0, 1, -1, 9, 10, 100, 999_999_999, 1_000_000_000, -1_000_000_000, 1_000_000_001,
                10_000_000_000L, 123_000, 1_500_000_000, 120_000_000_000L, 100_000_000, 999_999_999_999L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, -123_000, 5, 50, 500};
        for (long n : edges) {
            assertThat(PriceCatalog.formatUsd(n)).as("%d", n).isEqualTo(bigDecimal(n));
        }
        assertThat(PriceCatalog.formatUsd(123_000)).isEqualTo("0.000123");
        assertThat(PriceCatalog.formatUsd(10_000_000_000L)).isEqualTo("10");
        assertThat(PriceCatalog.formatUsd(-2_500_000_000L)).isEqualTo("-2.5");
    }

    @Test
    void aRandomSweepReadsAsTheBigDecimalTextDoes() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 300_000; i++) {
            long n = switch (i % 4) {
                case 0 -> r.nextLong();
                case 1 -> r.nextLong(-2_000_000_000L, 2_000_000_000L);
                case 2 -> r.nextLong(0, 100_000) * 10_000; // trailing zeros
                default -> r.nextLong(0, 1_000_000) * (long) Math.pow(10, r.nextInt(13));
            };
            assertThat(PriceCatalog.formatUsd(n)).as("%d", n).isEqualTo(bigDecimal(n));
        }
    }

    @Test
    void formattingACostAllocatesOnlyItsText() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += PriceCatalog.formatUsd(1_234_567L + i).length();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sink += PriceCatalog.formatUsd(1_234_567L + i).length();
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("formatUsd: %d B per call (sink %d)%n", perCall, sink);
        // the String and its bytes (56 B for this text), written first in the thread's scratch array; 104 B with
        // an array of its own per call; BigDecimal's strip and plain string took 200+
        assertThat(perCall).as("bytes allocated per formatted cost").isLessThanOrEqualTo(64);
    }
}
