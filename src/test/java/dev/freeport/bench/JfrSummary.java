package dev.freeport.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one request costs the gateway, from a JFR recording taken under a steady load ({@code bench/profile.sh}):
 * bytes allocated per request by each thread group (the difference of {@code jdk.ThreadAllocationStatistics}
 * between the recording's first and last chunk edge: load-independent, unlike CPU time on a shared machine), the
 * sampled allocation sites by weight ({@code jdk.ObjectAllocationSample}), and the execution samples by the
 * topmost frame of this project's code and by their top frame's package.
 * Usage: {@code JfrSummary <recording.jfr> <requests> [top=25]}.
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long requests = Long.parseLong(args[1]);
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Map<String, long[]> alloc = new HashMap<>();          // thread -> {first, last}
        Map<String, Long> allocSites = new HashMap<>();
        Map<String, Long> ownFrames = new HashMap<>();
        Map<String, Long> topPackages = new HashMap<>();
        Map<String, Long> allocOwn = new HashMap<>();
        java.util.Set<Long> sampledThreads = new java.util.HashSet<>();
        long samples = 0;
        long allocWeight = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            switch (e.getEventType().getName()) {
                case "jdk.ThreadAllocationStatistics" -> {
                    if (e.getThread("thread") == null) {
                        continue;
                    }
                    String name = e.getThread("thread").getJavaName() + "#" + e.getThread("thread").getJavaThreadId();
                    long bytes = e.getLong("allocated");
                    alloc.merge(name, new long[] {bytes, bytes}, (a, b) -> new long[] {Math.min(a[0], b[0]),
                            Math.max(a[1], b[1])});
                }
                case "jdk.ObjectAllocationSample" -> {
                    // a thread's first sample carries everything it allocated before the recording: skip it
                    if (e.getThread("eventThread") == null
                            || sampledThreads.add(e.getThread("eventThread").getJavaThreadId())) {
                        continue;
                    }
                    long w = e.getLong("weight");
                    allocOwn.merge(e.getStackTrace() == null ? "?" : ownFrame(e.getStackTrace()), w, Long::sum);
                    allocWeight += w;
                    allocSites.merge(site(e.getStackTrace(), 2) + " [" + e.getClass("objectClass").getName() + "]",
                            w, Long::sum);
                }
                case "jdk.ExecutionSample" -> {
                    samples++;
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    topPackages.merge(pkg(st.getFrames().get(0)), 1L, Long::sum);
                    ownFrames.merge(ownFrame(st), 1L, Long::sum);
                }
                default -> {
                }
            }
        }
        Map<String, Long> perGroup = new HashMap<>();
        long total = 0;
        for (var en : alloc.entrySet()) {
            long d = en.getValue()[1] - en.getValue()[0];
            perGroup.merge(en.getKey().replaceAll("[-#]?\\d+", ""), d, Long::sum);
            total += d;
        }
        System.out.printf("requests %d; bytes allocated per request, all threads: %d%n", requests, total / requests);
        print("bytes per request by thread", perGroup, requests, top);
        System.out.printf("%nallocation samples: weight %d MB%n", allocWeight >> 20);
        printShare("allocation sites (2 frames) by sampled weight", allocSites, allocWeight, top);
        printShare("allocation by innermost dev.freeport frame", allocOwn, allocWeight, top);
        System.out.printf("%nexecution samples: %d%n", samples);
        printShare("top frame's package", topPackages, samples, top);
        printShare("innermost dev.freeport frame on the stack", ownFrames, samples, top);
    }

    private static String site(RecordedStackTrace st, int depth) {
        if (st == null) {
            return "?";
        }
        StringBuilder b = new StringBuilder();
        List<RecordedFrame> frames = st.getFrames();
        for (int i = 0; i < Math.min(depth, frames.size()); i++) {
            if (i > 0) {
                b.append(" < ");
            }
            b.append(name(frames.get(i)));
        }
        return b.toString();
    }

    private static String ownFrame(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            if (f.getMethod().getType().getName().startsWith("dev.freeport")) {
                return name(f);
            }
        }
        return "(no dev.freeport frame)";
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static String pkg(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    private static void print(String title, Map<String, Long> m, long requests, int top) {
        System.out.println(title + ":");
        sorted(m).entrySet().stream().limit(top).forEach(en ->
                System.out.printf("  %10d  %s%n", en.getValue() / requests, en.getKey()));
    }

    private static void printShare(String title, Map<String, Long> m, long total, int top) {
        System.out.println(title + ":");
        sorted(m).entrySet().stream().limit(top).forEach(en ->
                System.out.printf("  %5.1f %%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }

    private static Map<String, Long> sorted(Map<String, Long> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(en -> out.put(en.getKey(), en.getValue()));
        return out;
    }
}
