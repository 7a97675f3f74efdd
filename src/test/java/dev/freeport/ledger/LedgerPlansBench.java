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
 * The ledger thread's insert CPU per row with the routing decisions' plans stored once ({@code plans}) or every
 * decision whole in its row ({@code whole}, as before ledger schema step 8), and two references: {@code nodecision}
 * (rows without a decision: the least a row costs) and {@code +ckpt} (a 4,000-page WAL autocheckpoint). Variants are
 * alternated in one process, each first in turn, into real SQLite files opened as {@link LedgerDb} opens them;
 * bench-shaped rows (a decision per request differing only in its attempt's millis), 1,000-row transactions; CPU of
 * this thread from {@code ThreadMXBean}: mean and median per row of the repetitions (the mean carries the
 * checkpoints). Usage: {@code java -cp ... dev.freeport.ledger.LedgerPlansBench [repetitions=30]
 * [variants=whole;plans;nodecision]}.
 */
public final class LedgerPlansBench {

    private LedgerPlansBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String[] names = (args.length > 1 ? args[1] : "whole;plans;nodecision").split(";");
        var bean = ManagementFactory.getThreadMXBean();
        RouteDecision plan = new RouteDecision("ordered", null, null,
                List.of(new RouteDecision.Candidate("fast/bench-upstream", "fast", 1, null, null)), null, null);
        Target target = new Target(null, "bench-upstream", 1, null, null, null, null, null, null,
                "fast/bench-upstream");
        Path dir = Files.createTempDirectory("ledger-plans");
        Connection[] conns = new Connection[names.length];
        RowInserts[] inserts = new RowInserts[names.length];
        for (int v = 0; v < names.length; v++) {
            conns[v] = open(dir.resolve(v + ".db"), names[v].contains("+ckpt"));
            inserts[v] = new RowInserts(conns[v], RowInserts.Dialect.SQLITE,
                    new RoutePlans(RowInserts.Dialect.SQLITE, !names[v].startsWith("whole")));
        }
        long[][] ns = new long[names.length][reps];
        int n = 0;
        for (int rep = -8; rep < reps; rep++) { // 8 repetitions of warm-up
            for (int k = 0; k < names.length; k++) {
                int v = (k + Math.floorMod(rep, names.length)) % names.length;
                List<UsageEvent> events = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    String d = names[v].startsWith("nodecision") ? null
                            : plan.toJson("fast/bench-upstream", List.of(new Attempt(target, null, 1 + (i & 3))));
                    events.add(LedgerShareBench.event(n++, d));
                }
                Connection c = conns[v];
                long t0 = bean.getCurrentThreadCpuTime();
                for (int from = 0; from < events.size(); from += 1000) {
                    c.setAutoCommit(false);
                    inserts[v].insert(events.subList(from, from + 1000));
                    c.commit();
                    inserts[v].committed();
                    c.setAutoCommit(true);
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
            System.out.printf("%-14s mean %d median %d ns per row (quartiles %d / %d), database + WAL %d KiB%n",
                    names[v], Arrays.stream(s).sum() / reps, s[reps / 2], s[reps / 4], s[3 * reps / 4],
                    (Files.size(dir.resolve(v + ".db")) + Files.size(dir.resolve(v + ".db-wal"))) / 1024);
        }
    }

    private static Connection open(Path file, boolean longerWal) throws Exception {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
        cfg.setGetGeneratedKeys(false);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size=" + LedgerDb.PAGE_BYTES);
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=NORMAL");
            if (longerWal) {
                st.execute("PRAGMA wal_autocheckpoint=4000");
            }
        }
        LedgerSchema.migrate(c);
        return c;
    }
}
