package dev.freeport.ledger;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RecordOutTest {

    @Test
    void stringsOfEveryLengthAndScriptAreWrittenAsTheirLengthAndUtf8Bytes() throws IOException {
        String[] kinds = {"a", "é", "✓", "😀", "\ud800"}; // ASCII, Latin-1, other BMP, supplementary, lone surrogate
        for (String kind : kinds) {
            for (int n : new int[] {1, 47, 48, 49, 200, 5_000}) {
                String s = "x".repeat(n - 1) + kind; // the odd character last: after a long ASCII run
                String t = kind + "y".repeat(n - 1); // and first
                RecordOut out = RecordOut.start();
                out.writeString(s, 64 * 1024);
                out.writeString(t, 64 * 1024);
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                DataOutputStream data = new DataOutputStream(expected);
                for (String v : new String[] {s, t}) {
                    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                    data.writeInt(utf8.length);
                    data.write(utf8);
                }
                assertThat(out.toByteArray()).as("%d chars ending and starting with %s", n, kind)
                        .isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void writingALongStringAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String decision = "{\"strategy\":\"ordered\",\"candidates\":[{\"target\":\"fast/bench-upstream\","
                + "\"vendor\":\"fast\",\"rank\":1}],\"chosen\":\"fast/bench-upstream\",\"attempts\":[{\"millis\":3}]}";
        for (int i = 0; i < 20_000; i++) {
            RecordOut.start().writeString(decision, 64 * 1024); // warm up: let the JIT settle
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            RecordOut.start().writeString(decision, 64 * 1024);
        }
        assertThat((threads.getCurrentThreadAllocatedBytes() - before) / 10_000).isZero();
    }
}
