package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing decisions' repeated text, stored once in {@code route_plans} (ledger schema step 8). A decision is its
 * plan's text around the last attempt's {@code "millis":} value ({@code head + millis + tail}); requests routed the
 * same way and served at their first attempt differ only in that number. A row whose plan is interned stores the
 * plan's id and the millis ({@code plan_id}, {@code plan_millis}) and a NULL {@code decision}; readers rebuild the text
 * with {@link #DECISION} (identical to the text the flow wrote). A plan is interned the second time it is seen (a
 * decision that never repeats, e.g. one carrying a complexity score, stays whole in its row), keyed by a 64-bit
 * hash of its head and tail with the texts compared on every hit and after every lookup, so a hash collision only
 * leaves a decision whole. Plans added in a transaction that is rolled back are forgotten ({@link #rolledBack()});
 * {@link #committed()} keeps them. Rows written before step 8 keep their decision whole.
 * Not thread-safe: one per writing thread (the SQLite writer), or used under the caller's lock.
 */
final class RoutePlans {

    /** The decision a row holds: its own text, or its plan's text around its millis (SQLite and PostgreSQL). */
    static final String DECISION = "COALESCE(decision, plan_head || plan_millis || plan_tail)";
    /** The rows with their plans, for a reader's FROM. */
    static final String EVENTS = "usage_events LEFT JOIN route_plans ON route_plans.plan_id = usage_events.plan_id";

    private static final String MILLIS = "\"millis\":";
    private static final int SLOTS = 64;

    /** A plan seen: where its text lies in the decision first seen with it, and its id once interned (else 0). */
    private static final class Plan {
        long key;
        String text;
        int digitsFrom;
        int digitsTo;
        /** 0: seen once, not interned; -1: its key holds another plan's text, never interned */
        long id;

        boolean sameAs(String d, int from, int to) {
            return from == digitsFrom && d.length() - to == text.length() - digitsTo
                    && d.regionMatches(0, text, 0, from) && d.regionMatches(to, text, digitsTo, d.length() - to);
        }
    }

    private final Plan[] slots = new Plan[SLOTS];
    private final List<Plan> fresh = new ArrayList<>();
    private final String insert;
    private final String select;
    private final boolean intern;
    private Plan last;

    /** Where the last {@link #resolve}d decision's millis were, and its value. */
    private int from;
    private int to;
    private long millis;

    RoutePlans(RowInserts.Dialect dialect) {
        this(dialect, true);
    }

    /** With {@code intern} false every decision stays whole, as before step 8 (benchmarks compare the two). */
    RoutePlans(RowInserts.Dialect dialect, boolean intern) {
        this.intern = intern;
        this.insert = dialect == RowInserts.Dialect.SQLITE
                ? "INSERT OR IGNORE INTO route_plans (plan_key, plan_head, plan_tail) VALUES (?, ?, ?)"
                : "INSERT INTO route_plans (plan_key, plan_head, plan_tail) VALUES (?, ?, ?) "
                        + "ON CONFLICT (plan_key) DO NOTHING";
        this.select = "SELECT plan_id, plan_head, plan_tail FROM route_plans WHERE plan_key = ?";
    }

    /**
     * The id of the decision's plan (interning it in {@code c}'s transaction the second time it is seen), or 0 when
     * the row keeps the decision whole; then {@link #millis()} is the value the row stores beside the id.
     */
    long resolve(Connection c, String decision) throws SQLException {
        if (decision == null || !intern || !split(decision)) {
            return 0;
        }
        if (last != null && last.id > 0 && matches(last, last.key, decision)) {
            return last.id;
        }
        long key = key(decision, from, to);
        Plan p = slots[(int) key & (SLOTS - 1)];
        if (!matches(p, key, decision)) {
            p = find(key, decision);
            if (p == null) { // seen once: whole this time
                p = new Plan();
                p.key = key;
                p.text = decision;
                p.digitsFrom = from;
                p.digitsTo = to;
                slots[(int) key & (SLOTS - 1)] = p;
                return 0;
            }
        }
        if (p.id == 0) {
            p.id = intern(c, p);
            if (p.id < 0) {
                return 0;
            }
            fresh.add(p);
        }
        if (p.id < 0) {
            return 0;
        }
        last = p;
        return p.id;
    }

    private boolean matches(Plan p, long key, String d) {
        return p != null && p.text != null && p.key == key && p.sameAs(d, from, to);
    }

    /** The millis of the decision last {@link #resolve}d to a plan. */
    long millis() {
        return millis;
    }

    /** The plans interned in the transaction just committed are usable from now on. */
    void committed() {
        fresh.clear();
    }

    /** The transaction was rolled back: the plans it interned do not exist. */
    void rolledBack() {
        for (Plan p : fresh) {
            p.id = 0;
            p.text = null;
        }
        fresh.clear();
        last = null;
    }

    /** A plan interned earlier in this transaction with this key (kept out of the slots until committed). */
    private Plan find(long key, String d) {
        for (Plan p : fresh) {
            if (matches(p, key, d)) {
                return p;
            }
        }
        return null;
    }

    /** Finds the last {@code "millis":} value; false when there is none or its digits would not read back the same. */
    private boolean split(String d) {
        int at = d.lastIndexOf(MILLIS);
        if (at < 0) {
            return false;
        }
        int i = at + MILLIS.length();
        int start = i;
        boolean negative = i < d.length() && d.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int digits = i;
        long v = 0;
        while (i < d.length() && d.charAt(i) >= '0' && d.charAt(i) <= '9' && i - digits < 18) {
            v = v * 10 + (d.charAt(i) - '0');
            i++;
        }
        boolean canonical = i > digits && (d.charAt(digits) != '0' || i == digits + 1) && !(negative && v == 0)
                && (i == d.length() || d.charAt(i) < '0' || d.charAt(i) > '9');
        if (!canonical) {
            return false;
        }
        from = start;
        to = i;
        millis = negative ? -v : v;
        return true;
    }

    /** FNV-1a over the head's and the tail's chars with a separator: stored, so it must never change. */
    static long key(String d, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < from; i++) {
            h = (h ^ d.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0x10000) * 0x100000001b3L;
        for (int i = to; i < d.length(); i++) {
            h = (h ^ d.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** The id of {@code p}'s plan in route_plans, added if missing; -1 when its key holds another text. */
    private long intern(Connection c, Plan p) throws SQLException {
        String head = p.text.substring(0, p.digitsFrom);
        String tail = p.text.substring(p.digitsTo);
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setLong(1, p.key);
            ps.setString(2, head);
            ps.setString(3, tail);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setLong(1, p.key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && head.equals(rs.getString(2)) && tail.equals(rs.getString(3))) {
                    return rs.getLong(1);
                }
                return -1;
            }
        }
    }
}
