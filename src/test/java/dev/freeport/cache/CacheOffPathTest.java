package dev.freeport.cache;

import dev.freeport.config.FreeportConfig;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot path of an alias without a cache allocates nothing (measured per thread over many calls). */
class CacheOffPathTest {

    @Test
    void askingWhetherAnAliasWithoutACacheKeepsOneAllocatesNothing() throws Exception {
        FreeportConfig cfg = CacheBench.config();
        ResponseCaches caches = new ResponseCaches(new MemoryStore(), null);
        assertThat(caches.config(cfg, "smart")).isNotNull();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int kept = 0;
        for (int i = 0; i < 10_000; i++) { // warm up
            kept += caches.config(cfg, "plain") == null ? 0 : 1;
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            kept += caches.config(cfg, "plain") == null ? 0 : 1;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(kept).isZero();
        assertThat(allocated).as("bytes for a million calls").isLessThan(10_000);
    }
}
