package dev.freeport.ledger;

import dev.freeport.route.Attempt;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ledger thread's insert work per row for two ways of cutting the same events into transactions, alternated in
 * one process so that all see the same JIT state and machine load, the order rotated every repetition: by default
 * {@code 500} (one 500-row transaction per 500 events) and {@code 460,36,4} (the rows a mover makes when it also
 * moves what arrived during its commit), each with ({@code +keys}) and without sqlite-jdbc's generated keys; other
 * cuts with {@code -Dtail.cuts=500;1000;2000}. Bench-shaped rows into a real SQLite file opened as
 * {@link LedgerDb} opens it; CPU ns per row of this thread ({@code ThreadMXBean}), medians of the alternated
 * repetitions. Usage: {@code java -cp ... dev.freeport.ledger.LedgerTailBench [repetitions=40]}.
 */
public final class LedgerTailBench {

    private LedgerTailBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        var bean = ManagementFactory.getThreadMXBean();
        RouteDecision plan = new RouteDecision("ordered", null, null,
                List.of(new RouteDecision.Candidate("fast/bench-upstream", "fast", 1, null, null)), null, null);
        Target target = new Target(null, "bench-upstream", 1, null, null, null, null, null, null,
                "fast/bench-upstream");
        String[] names = System.getProperty("tail.cuts", "500+keys;460,36,4+keys;500;460,36,4").split(";");
        Path dir = Files.createTempDirectory("ledger-tail");
        Connection[] conns = new Connection[names.length];
        RowInserts[] inserts = new RowInserts[names.length];
        int[][] cutsOf = new int[names.length][];
        for (int v = 0; v < names.length; v++) {
            conns[v] = open(dir.resolve(v + ".db"), names[v].endsWith("+keys"));
            inserts[v] = new RowInserts(conns[v], RowInserts.Dialect.SQLITE);
            cutsOf[v] = Arrays.stream(names[v].replace("+keys", "").split(",")).mapToInt(Integer::parseInt).toArray();
        }
        long[][] ns = new long[names.length][reps];
        int n = 0;
        for (int rep = -10; rep < reps; rep++) { // 10 repetitions of warm-up
            for (int k = 0; k < names.length; k++) {
                int v = (k + Math.floorMod(rep, names.length)) % names.length; // each variant first in turn
                int[] cuts = cutsOf[v];
                List<UsageEvent> events = new ArrayList<>();
                for (int i = 0; i < 12_000; i++) { // a multiple of every cut measured
                    String d = plan.toJson("fast/bench-upstream", List.of(new Attempt(target, null, 1 + (i & 3))));
                    events.add(LedgerShareBench.event(n++, d));
                }
                Connection c = conns[v];
                long t0 = bean.getCurrentThreadCpuTime();
                int from = 0;
                while (from < events.size()) {
                    for (int cut : cuts) {
                        c.setAutoCommit(false);
                        inserts[v].insert(events.subList(from, from + cut));
                        c.commit();
                        c.setAutoCommit(true);
                        from += cut;
                    }
                }
                long t1 = bean.getCurrentThreadCpuTime();
                if (rep >= 0) {
                    ns[v][rep] = (t1 - t0) / events.size();
                }
            }
        }
        for (int v = 0; v < names.length; v++) {
            long[] s = ns[v].clone();
            Arrays.sort(s);
            System.out.printf("%-12s median %d ns per row (quartiles %d / %d)%n", names[v], s[reps / 2], s[reps / 4],
                    s[3 * reps / 4]);
        }
    }

    private static Connection open(Path file, boolean generatedKeys) throws Exception {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
        cfg.setGetGeneratedKeys(generatedKeys);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size=" + LedgerDb.PAGE_BYTES);
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=NORMAL");
        }
        LedgerSchema.migrate(c);
        return c;
    }
}
