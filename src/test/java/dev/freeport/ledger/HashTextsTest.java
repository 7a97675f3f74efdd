package dev.freeport.ledger;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's fingerprint texts: made once per hash while it stays in its slot. */
class HashTextsTest {

    @Test
    void aRepeatedFingerprintBindsTheTextMadeTheFirstTime() {
        HashTexts texts = new HashTexts();
        String first = texts.of(0x00a1b2c3d4e5f607L);
        assertThat(first).isEqualTo("00a1b2c3d4e5f607");
        assertThat(texts.of(0x00a1b2c3d4e5f607L)).isSameAs(first);
        assertThat(texts.of(0)).isNull();
    }

    @Test
    void hashesSharingASlotEachGetTheirOwnText() {
        HashTexts texts = new HashTexts();
        long a = 0x1111222233334444L;
        long b = a + 1;
        while (HashTexts.slot(b) != HashTexts.slot(a)) {
            b++;
        }
        assertThat(texts.of(a)).isEqualTo(RequestFacts.hex(a));
        assertThat(texts.of(b)).isEqualTo(RequestFacts.hex(b)).isNotEqualTo(RequestFacts.hex(a));
        assertThat(texts.of(a)).isEqualTo("1111222233334444");
    }

    @Test
    void bindingTheSameFingerprintsAgainAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        HashTexts texts = new HashTexts();
        long[] hashes = {0x00a1b2c3d4e5f607L, 0x1111222233334444L, 0xaaaabbbbccccddddL};
        assertThat(java.util.Arrays.stream(hashes).mapToInt(HashTexts::slot).distinct().count()).isEqualTo(3);
        int sink = 0;
        for (int i = 0; i < 100_000; i++) {
            sink += texts.of(hashes[i % 3]).length();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += texts.of(hashes[i % 3]).length();
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(bytes).as("bytes for 100,000 texts of 3 fingerprints").isLessThan(1_000);
    }
}
