package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Idempotent multi-row INSERTs of usage_events rows, for SQLite ({@code INSERT OR IGNORE}) and PostgreSQL
 * ({@code ON CONFLICT (id) DO NOTHING}). A batch of n rows runs as one statement per set bit of n (at most
 * {@link #MAX_ROWS} rows each), so a connection needs at most 8 statements per row shape; rows that leave the
 * {@link EventRows#RARE} columns at their defaults (most of them) go in a second set of statements that writes those
 * columns as literals, binding 33 values per row instead of 42. Per row this saves the statement's reset and start
 * that a JDBC batch pays, the batch's copy of every value, and a quarter of the driver's native bind calls.
 * Statements are prepared on first use and kept until {@link #close()}, the fingerprints' hex texts in a
 * {@link HashTexts}; not thread-safe.
 */
final class RowInserts implements AutoCloseable {

    /** The most rows one INSERT statement carries (x 42 values: far below SQLite's and PostgreSQL's limits). */
    static final int MAX_ROWS = 128;

    enum Dialect {
        SQLITE("INSERT OR IGNORE INTO usage_events (", "", true),
        POSTGRES("INSERT INTO usage_events (", " ON CONFLICT (id) DO NOTHING", false);

        final String head;
        final String tail;
        /** Flags as 0/1 (SQLite) or BOOLEAN (PostgreSQL). */
        final boolean intFlags;

        Dialect(String head, String tail, boolean intFlags) {
            this.head = head;
            this.tail = tail;
            this.intFlags = intFlags;
        }
    }

    private static final int SIZES = Integer.numberOfTrailingZeros(MAX_ROWS) + 1;

    private final Connection conn;
    private final Dialect dialect;
    /** {@code full[k]}, {@code plain[k]}: the INSERT of 2^k rows of each shape. */
    private final PreparedStatement[] full = new PreparedStatement[SIZES];
    private final PreparedStatement[] plain = new PreparedStatement[SIZES];
    private final HashTexts hashes = new HashTexts();
    private final RoutePlans plans;
    /** Per row of the statement being bound: its plan's id (0: the decision whole) and the millis beside it. */
    private final long[] planIds = new long[MAX_ROWS];
    private final long[] planMillis = new long[MAX_ROWS];
    /** A batch's rows of each shape, kept between batches (cleared after each). */
    private final List<UsageEvent> plainRows = new ArrayList<>();
    private final List<UsageEvent> fullRows = new ArrayList<>();

    RowInserts(Connection conn, Dialect dialect) {
        this(conn, dialect, new RoutePlans(dialect));
    }

    RowInserts(Connection conn, Dialect dialect, RoutePlans plans) {
        this.conn = conn;
        this.dialect = dialect;
        this.plans = plans;
    }

    /** The transaction of the last {@link #insert} committed. */
    void committed() {
        plans.committed();
    }

    /** The transaction of the last {@link #insert} was rolled back (the plans it stored are gone). */
    void rolledBack() {
        plans.rolledBack();
    }

    /** Inserts the events (in the caller's transaction); returns the rows added (ids already present are skipped). */
    int insert(List<UsageEvent> events) throws SQLException {
        try {
            for (UsageEvent e : events) {
                (EventRows.plain(e) ? plainRows : fullRows).add(e);
            }
            return insert(plainRows, true) + insert(fullRows, false);
        } finally {
            plainRows.clear();
            fullRows.clear();
        }
    }

    private int insert(List<UsageEvent> rows, boolean plainShape) throws SQLException {
        int width = plainShape ? EventRows.PLAIN_WIDTH : EventRows.WIDTH;
        int inserted = 0;
        int from = 0;
        while (from < rows.size()) {
            int n = Integer.highestOneBit(Math.min(MAX_ROWS, rows.size() - from));
            for (int r = 0; r < n; r++) { // plans first: a new one is stored by statements of its own
                planIds[r] = plans.resolve(conn, rows.get(from + r).facts().decision());
                planMillis[r] = plans.millis();
            }
            PreparedStatement ps = statement(n, plainShape);
            for (int r = 0; r < n; r++) {
                EventRows.bind(ps, rows.get(from + r), r * width, plainShape, dialect.intFlags, hashes, planIds[r],
                        planMillis[r]);
            }
            inserted += ps.executeUpdate();
            from += n;
        }
        return inserted;
    }

    private PreparedStatement statement(int rows, boolean plainShape) throws SQLException {
        PreparedStatement[] kept = plainShape ? plain : full;
        int k = Integer.numberOfTrailingZeros(rows);
        if (kept[k] == null) {
            String tuple = EventRows.tuple(plainShape, dialect.intFlags);
            StringBuilder sql = new StringBuilder(dialect.head).append(EventRows.COLUMNS).append(") VALUES ");
            for (int r = 0; r < rows; r++) {
                sql.append(r == 0 ? "" : ",").append(tuple);
            }
            kept[k] = conn.prepareStatement(sql.append(dialect.tail).toString());
        }
        return kept[k];
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement[] set : List.of(full, plain)) {
            for (PreparedStatement ps : set) {
                if (ps != null) {
                    ps.close();
                }
            }
        }
    }
}
