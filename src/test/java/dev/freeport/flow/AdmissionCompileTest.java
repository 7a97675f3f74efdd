package dev.freeport.flow;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JIT's C heap for the admission path: with the in-process counters answering synchronously, the policies'
 * {@code before} halves compile into one C2 unit rooted in the policy chain. Its arenas once reached 61-109 MB in
 * one compilation (the budget's BigDecimal pricing inside the loop over the reachable targets, loop-optimised over
 * and over), which is the gateway's peak resident memory (BENCHMARKS.md, "Memory"). A child JVM runs the path
 * ({@link AdmissionLoop}) with the JVM's per-compilation memory statistics on until C2 has compiled it.
 */
class AdmissionCompileTest {
    /** what the chain's compilation may take; before the fix 61-63 MB here, after it 17-28 MB */
    static final long LIMIT_BYTES = 40L << 20;
    private static final Pattern C2 = Pattern.compile("^c2 \\(\\d+\\) \\(ok\\) Arena usage (\\S+?)\\(.*Total Usage: (\\d+)");

    @Test
    void noCompilationOfTheAdmissionPathTakesMoreThan40MegabytesOfCHeap() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the per-compilation memory report as JDK 25 prints it");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=memstat,dev.freeport.*::*,print", "-cp", System.getProperty("java.class.path"),
                AdmissionLoop.class.getName(), "400000").redirectErrorStream(true).start();
        List<String> compiled = new ArrayList<>();
        long largest = 0;
        String largestMethod = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = C2.matcher(line);
                if (m.find()) {
                    compiled.add(m.group(1));
                    long bytes = Long.parseLong(m.group(2));
                    if (bytes > largest) {
                        largest = bytes;
                        largestMethod = m.group(1);
                    }
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(compiled).as("C2 compiled the policy chain").anyMatch(m -> m.startsWith("dev/freeport/flow/PolicyChain::"));
        assertThat(largest).as("the largest C2 compilation (%s)", largestMethod).isLessThan(LIMIT_BYTES);
    }
}
