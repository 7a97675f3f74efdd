package dev.freeport.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a value costs the ledger thread on its way into SQLite, apart from the table's b-trees: sqlite-jdbc's bind
 * (one JNI call a value) by type, against the SQL-side unpacking of ONE bound value (a JSON array of the rows taken
 * apart by {@code value->>k} over {@code jsonb_each}, or a fixed-width text cut by {@code substr}). 128-row
 * statements, in-memory database, variants alternated in one process, CPU from {@code ThreadMXBean}, medians of the
 * last 6 of 8 repetitions. Then {@link #shapes}: real inserts into a ledger file with fewer values bound per row.
 * Usage: {@code java -cp ... dev.freeport.ledger.LedgerBindBench}. BENCHMARKS.md, "Eleventh pass, ledger11".
 */
public final class LedgerBindBench {

    private static final int ROWS = 128;
    private static final int REPS = 8;

    private LedgerBindBench() {
    }

    /** One way of getting a statement's 128 rows into SQLite: binds them, runs the statement, answers its rows. */
    private interface Variant {
        int run() throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            events.add(LedgerInsertBench.event(i));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            List<String> names = new ArrayList<>();
            List<Variant> variants = new ArrayList<>();
            binds(c, events, names, variants);
            unpacking(c, events, names, variants);
            double[][] us = new double[variants.size()][REPS];
            for (int rep = 0; rep < REPS; rep++) {
                for (int v = 0; v < variants.size(); v++) {
                    us[v][rep] = perRow(variants.get(v));
                }
            }
            for (int v = 0; v < variants.size(); v++) {
                double[] last = Arrays.copyOfRange(us[v], 2, REPS);
                Arrays.sort(last);
                System.out.printf("%-58s %.3f us/row (median), %.3f (min)%n", names.get(v),
                        (last[2] + last[3]) / 2, last[0]);
            }
        }
        shapes();
    }

    /** Columns a bench row leaves at NULL/0/false besides {@link EventRows#RARE}. */
    private static final List<String> DEFAULTS = List.of("stream", "cached_input_tokens", "cache_creation_tokens",
            "reasoning_tokens", "ttft_ms", "team", "prefix_hash", "prefix_tokens", "tools");
    /** The request's context texts: what a per-context table (one id bound instead) would take out of the row. */
    private static final List<String> CONTEXT = List.of("endpoint", "alias", "provider", "upstream_model", "front",
            "finish_reason");

    /**
     * Bench-shaped rows (their plan interned: decision NULL, plan id and millis) inserted into a real ledger file
     * (schema, WAL, 16 KiB pages, NOMUTEX as {@link LedgerDb}) in 1,024-row transactions of 128-row statements, the
     * statement shapes alternated per transaction (first shape rotated), CPU of bind + step + commit per row,
     * medians of the last 150 of 200 transactions each. Shapes: today's plain row; its 9 more default columns as
     * literals; its context texts out of the row ({@code caller} bound as a number standing for a context id, the
     * other 6 as literal NULLs: an upper bound, the texts are not stored anywhere); both.
     */
    private static void shapes() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ledger-shapes");
        java.nio.file.Path file = dir.resolve("freeport.db");
        LedgerDb.openWritable(file).close();
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
        cfg.setGetGeneratedKeys(false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=NORMAL");
            }
            List<String> rare = List.of(EventRows.RARE);
            List<List<String>> literal = List.of(rare, concat(rare, DEFAULTS), concat(rare, CONTEXT),
                    concat(concat(rare, DEFAULTS), CONTEXT));
            String[] names = {"today's plain row", "+ 9 default columns as literals",
                    "+ context texts out (upper bound)", "+ both"};
            String[] columns = EventRows.COLUMNS.split(", ");
            PreparedStatement[] statements = new PreparedStatement[literal.size()];
            int[][] bound = new int[literal.size()][];
            for (int v = 0; v < literal.size(); v++) {
                StringBuilder tuple = new StringBuilder("(");
                List<Integer> at = new ArrayList<>();
                for (int i = 0; i < columns.length; i++) {
                    tuple.append(i == 0 ? "" : ",");
                    if (literal.get(v).contains(columns[i])) {
                        tuple.append(columns[i].endsWith("_nanos") || columns[i].endsWith("_tokens")
                                || List.of("estimated", "stream", "tools").contains(columns[i]) ? "0" : "NULL");
                    } else {
                        tuple.append('?');
                        at.add(i);
                    }
                }
                StringBuilder sql = new StringBuilder("INSERT OR IGNORE INTO usage_events (")
                        .append(EventRows.COLUMNS).append(") VALUES ");
                for (int r = 0; r < ROWS; r++) {
                    sql.append(r == 0 ? "" : ",").append(tuple).append(')');
                }
                statements[v] = c.prepareStatement(sql.toString());
                bound[v] = at.stream().mapToInt(Integer::intValue).toArray();
            }
            var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            int rounds = 200;
            double[][] us = new double[literal.size()][rounds];
            int n = 0;
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < literal.size(); k++) {
                    int v = (round + k) % literal.size();
                    List<Object[]> rows = new ArrayList<>();
                    for (int i = 0; i < 8 * ROWS; i++) {
                        rows.add(values(LedgerInsertBench.event(n++), v >= 2));
                    }
                    long t0 = bean.getCurrentThreadCpuTime();
                    c.setAutoCommit(false);
                    for (int s = 0; s < 8; s++) {
                        PreparedStatement ps = statements[v];
                        int p = 0;
                        for (int r = 0; r < ROWS; r++) {
                            Object[] row = rows.get(s * ROWS + r);
                            for (int i : bound[v]) {
                                ps.setObject(++p, row[i]);
                            }
                        }
                        ps.executeUpdate();
                    }
                    c.commit();
                    c.setAutoCommit(true);
                    us[v][round] = (bean.getCurrentThreadCpuTime() - t0) / 1e3 / (8 * ROWS);
                }
            }
            for (int v = 0; v < literal.size(); v++) {
                double[] last = Arrays.copyOfRange(us[v], rounds / 4, rounds);
                Arrays.sort(last);
                System.out.printf("insert, %-40s %2d values bound: %.3f us/row (median), %.3f (p25)%n", names[v],
                        bound[v].length, last[last.length / 2], last[last.length / 4]);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The row's 42 values in {@link EventRows#COLUMNS} order, its plan interned (id 7, millis as written). */
    private static Object[] values(UsageEvent e, boolean contextId) {
        RequestFacts f = e.facts();
        return new Object[] {e.id(), e.time().toEpochMilli(), contextId ? (Object) 12_345L : e.caller(),
                e.endpoint(), e.alias(), e.provider(), e.upstreamModel(), e.attempts(), e.status().name(),
                e.httpStatus(), e.errorKind(), e.errorMessage(), e.stream() ? 1 : 0, e.inputTokens(),
                e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(), e.reasoningTokens(),
                e.estimated() ? 1 : 0, e.costNanos(), e.latencyMillis(), e.ttftMillis(), f.front(), f.team(),
                f.tags(), RequestFacts.hex(f.promptHash()), RequestFacts.hex(f.prefixHash()), f.prefixTokens(),
                RequestFacts.hex(f.conversationKey()), f.messageCount(), f.maxTokens(), f.finishReason(),
                f.tools() ? 1 : 0, null, null, null, 0L, e.keyId(), null, 0L, 7L, 1L};
    }

    private static double perRow(Variant v) throws SQLException {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        long rows = 0;
        for (int i = 0; i < 400; i++) {
            rows += v.run();
        }
        return (bean.getCurrentThreadCpuTime() - t0) / 1e3 / rows;
    }

    /** The binds alone: a VALUES list of 128 plain-row tuples read by count(*) (no table). */
    private static void binds(Connection c, List<UsageEvent> events, List<String> names, List<Variant> variants)
            throws SQLException {
        int w = EventRows.PLAIN_WIDTH;
        String tuple = EventRows.tuple(true, true);
        PreparedStatement bound = c.prepareStatement(values(tuple));
        HashTexts hashes = new HashTexts();
        names.add("plain rows' " + w + " binds (EventRows.bind) + VALUES scan");
        variants.add(() -> {
            for (int r = 0; r < ROWS; r++) {
                EventRows.bind(bound, events.get(r), r * w, true, true, hashes, r % 2 == 0 ? 0 : 7, 3);
            }
            return count(bound);
        });
        PreparedStatement nulls = c.prepareStatement(values(tuple));
        names.add(w + " x setNull + VALUES scan");
        variants.add(() -> {
            for (int p = 1; p <= ROWS * w; p++) {
                nulls.setNull(p, Types.INTEGER);
            }
            return count(nulls);
        });
        PreparedStatement longs = c.prepareStatement(values(tuple));
        Long big = 1_780_000_000_123L;
        names.add(w + " x setObject(Long 1.78e12) + VALUES scan");
        variants.add(() -> {
            for (int p = 1; p <= ROWS * w; p++) {
                longs.setObject(p, big);
            }
            return count(longs);
        });
        PreparedStatement texts = c.prepareStatement(values(tuple));
        String id = "req_19e8b0c3f1a2b3c4d5e6f7a8";
        names.add(w + " x setString(28 chars) + VALUES scan");
        variants.add(() -> {
            for (int p = 1; p <= ROWS * w; p++) {
                texts.setString(p, id);
            }
            return count(texts);
        });
        PreparedStatement literals = c.prepareStatement(values(tuple.replace("?", "NULL")));
        names.add("no binds: the same VALUES scan of literals");
        variants.add(() -> count(literals));
    }

    /** One value bound per statement, taken apart in SQL. */
    private static void unpacking(Connection c, List<UsageEvent> events, List<String> names,
            List<Variant> variants) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (UsageEvent e : events) { // 42 values of the row's kinds: texts, numbers, nulls
            Object[] row = new Object[EventRows.WIDTH];
            for (int k = 0; k < row.length; k++) {
                row[k] = switch (k % 4) {
                    case 0 -> e.id();
                    case 1 -> e.time().toEpochMilli();
                    case 2 -> null;
                    default -> e.alias();
                };
            }
            rows.add(row);
        }
        String json = new ObjectMapper().writeValueAsString(rows);
        byte[] jsonb;
        try (PreparedStatement ps = c.prepareStatement("SELECT jsonb(?)")) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                jsonb = rs.getBytes(1);
            }
        }
        StringBuilder cut = new StringBuilder("SELECT ");
        for (int k = 0; k < EventRows.WIDTH; k++) {
            cut.append(k == 0 ? "" : ", ").append("value->>").append(k);
        }
        PreparedStatement fromText = c.prepareStatement(cut + " FROM jsonb_each(?)");
        names.add("JSON text, jsonb_each, 42 x ->>");
        variants.add(() -> {
            fromText.setString(1, json);
            return drain(fromText);
        });
        PreparedStatement fromBlob = c.prepareStatement(cut + " FROM jsonb_each(?)");
        names.add("JSONB blob (made beforehand), jsonb_each, 42 x ->>");
        variants.add(() -> {
            fromBlob.setBytes(1, jsonb);
            return drain(fromBlob);
        });
        PreparedStatement walk = c.prepareStatement("SELECT value FROM jsonb_each(?)");
        names.add("JSONB blob, jsonb_each, no ->>");
        variants.add(() -> {
            walk.setBytes(1, jsonb);
            return drain(walk);
        });
        substr(c, names, variants);
    }

    /** 19 numbers a row into an INTEGER table: bound one by one, or one fixed-width text cut by substr. */
    private static void substr(Connection c, List<String> names, List<Variant> variants) throws SQLException {
        int n = 19;
        StringBuilder columns = new StringBuilder();
        StringBuilder bound = new StringBuilder("INSERT INTO nums VALUES ");
        StringBuilder cut = new StringBuilder("INSERT INTO nums VALUES ");
        for (int r = 0; r < ROWS; r++) {
            bound.append(r == 0 ? "(" : ",(");
            cut.append(r == 0 ? "(" : ",(");
            for (int k = 0; k < n; k++) {
                bound.append(k == 0 ? "?" : ",?");
                cut.append(k == 0 ? "" : ",").append("substr(?").append(r + 1).append(',').append(k * 20 + 1)
                        .append(",20)");
            }
            bound.append(')');
            cut.append(')');
        }
        for (int k = 0; k < n; k++) {
            columns.append(k == 0 ? "" : ",").append('c').append(k).append(" INTEGER");
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE nums (" + columns + ")");
        }
        Long[] values = new Long[n];
        StringBuilder fixed = new StringBuilder();
        for (int k = 0; k < n; k++) {
            values[k] = k < 5 ? k : 1_780_000_000_000L + k * 12_345L;
            String digits = values[k].toString();
            fixed.append(" ".repeat(20 - digits.length())).append(digits);
        }
        String text = fixed.toString();
        PreparedStatement one = c.prepareStatement(bound.toString());
        names.add("INSERT 19 numbers a row, bound one by one");
        variants.add(() -> {
            for (int r = 0; r < ROWS; r++) {
                for (int k = 0; k < n; k++) {
                    one.setObject(r * n + k + 1, values[k]);
                }
            }
            return clear(c, one.executeUpdate());
        });
        PreparedStatement pieces = c.prepareStatement(cut.toString());
        names.add("INSERT 19 numbers a row, one text cut by 19 x substr");
        variants.add(() -> {
            for (int r = 0; r < ROWS; r++) {
                pieces.setString(r + 1, text);
            }
            return clear(c, pieces.executeUpdate());
        });
    }

    private static String values(String tuple) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (VALUES ");
        for (int r = 0; r < ROWS; r++) {
            sql.append(r == 0 ? "" : ",").append(tuple);
        }
        return sql.append(')').toString();
    }

    private static int count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int drain(PreparedStatement ps) throws SQLException {
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private static int clear(Connection c, int rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM nums");
        }
        return rows;
    }
}
