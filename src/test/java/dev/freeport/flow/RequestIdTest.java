package dev.freeport.flow;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTest {

    @Test
    void anIdIsReqTheTimeInHexAndFortyEightRandomBits() {
        long before = System.currentTimeMillis();
        String id = RequestIds.next();
        assertThat(id).matches("req_[0-9a-f]{11}[0-9a-f]{12}");
        long millis = Long.parseLong(id.substring(4, id.length() - 12), 16);
        assertThat(millis).isBetween(before, System.currentTimeMillis());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.next());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void anArrivedRequestsIdCarriesTheMillisecondItArrivedAt() {
        Exchange ex = Exchange.arrived("chat");
        long millis = Long.parseLong(ex.id.substring(4, ex.id.length() - 12), 16);
        assertThat(millis).isEqualTo(ex.arrived.toEpochMilli());
    }

    @Test
    void anIdCostsItsStringAlone() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += RequestIds.next().length(); // warm up
        }
        int n = 50_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink += RequestIds.next().length();
        }
        long per = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        assertThat(sink).isPositive();
        // was 192: four strings; 120: an array and the String's copy of it; 72: the String (24 B) and its bytes
        assertThat(per).as("bytes per id").isLessThanOrEqualTo(80);
    }
}
