package dev.freeport.ledger;

import dev.freeport.api.Usage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The usage_events row of an event, for both dialects: flags are 1/0 in SQLite and BOOLEAN in PostgreSQL (read with
 * getBoolean), counts and money are INTEGER in SQLite and BIGINT in PostgreSQL. Rows are written by {@link RowInserts}.
 */
final class EventRows {

    static final String COLUMNS = "id, time_ms, caller, endpoint, alias, provider, upstream_model, attempts, status, "
            + "http_status, error_kind, error_message, stream, input_tokens, output_tokens, cached_input_tokens, "
            + "cache_creation_tokens, reasoning_tokens, estimated, cost_nanos, latency_ms, ttft_ms, "
            + "front, team, tags, prompt_hash, prefix_hash, prefix_tokens, conversation_key, message_count, "
            + "max_tokens, finish_reason, tools, decision, cost_status, cost_currency, cost_original_nanos, key_id, "
            + "cache, saved_nanos, plan_id, plan_millis";
    /** Values per row. */
    static final int WIDTH = 42;
    /**
     * What {@link #read} reads, from {@link RoutePlans#EVENTS}: the 40 columns of an event, the decision rebuilt from
     * its plan when the row keeps only the plan's id and millis.
     */
    static final String READ_COLUMNS = COLUMNS.replace(", plan_id, plan_millis", "")
            .replace(" decision,", " " + RoutePlans.DECISION + ",");

    private EventRows() {
    }

    /**
     * The columns most rows leave at their default (an error, an estimate, tags, a non-USD or unknown cost, a cache
     * verdict): a {@link #plain} row's statement writes them as these literals instead of binding them, 33 values
     * bound instead of 42. In column order; SQLite's flags are 0/1, PostgreSQL's FALSE.
     */
    static final String[] RARE = {"error_kind", "error_message", "estimated", "tags", "cost_status",
            "cost_currency", "cost_original_nanos", "cache", "saved_nanos"};
    /** Values a {@link #plain} row binds. */
    static final int PLAIN_WIDTH = WIDTH - RARE.length;

    private static final Integer ZERO = 0;
    private static final Integer ONE = 1;

    static void bind(PreparedStatement ps, UsageEvent e) throws SQLException {
        bind(ps, e, 0, false, false, new HashTexts(), 0, 0);
    }

    /** Whether the event leaves every {@link #RARE} column at its default. */
    static boolean plain(UsageEvent e) {
        CostDetail c = e.cost();
        return e.errorKind() == null && e.errorMessage() == null && !e.estimated() && e.facts().tags() == null
                && costStatus(c) == null && c.currency() == null && c.originalNanos() == 0 && e.cache() == null
                && e.savedNanos() == 0;
    }

    /**
     * Binds the event's values at parameters {@code at + 1 ..}: all {@link #WIDTH}, or only the {@link #PLAIN_WIDTH}
     * of a {@code plain} row. Numbers go in as {@code Long.valueOf}/{@code Integer.valueOf} through setObject, and
     * with {@code intFlags} (SQLite) flags as the integers 0/1: sqlite-jdbc's setLong/setInt/setBoolean box every
     * value with {@code new}, while small values (zeros, counts under 128) are cached boxes. PostgreSQL's flags are
     * BOOLEAN ({@code intFlags} false). The fingerprints are bound as their hex texts from {@code hashes}. With a
     * {@code plan} id (see {@link RoutePlans}) the decision is bound as NULL and the plan's id and {@code millis}
     * beside it; without (0) the decision's text and two NULLs.
     */
    static void bind(PreparedStatement ps, UsageEvent e, int at, boolean plain, boolean intFlags, HashTexts hashes,
            long plan, long millis) throws SQLException {
        int p = at;
        ps.setString(++p, e.id());
        num(ps, ++p, e.time() == null ? 0 : e.time().toEpochMilli());
        ps.setString(++p, e.caller());
        ps.setString(++p, e.endpoint());
        ps.setString(++p, e.alias());
        ps.setString(++p, e.provider());
        ps.setString(++p, e.upstreamModel());
        ps.setObject(++p, Integer.valueOf(e.attempts()));
        ps.setString(++p, e.status() == null ? UsageEvent.Status.FAILED.name() : e.status().name());
        ps.setObject(++p, Integer.valueOf(e.httpStatus()));
        if (!plain) {
            ps.setString(++p, e.errorKind());
            ps.setString(++p, e.errorMessage());
        }
        flag(ps, ++p, e.stream(), intFlags);
        num(ps, ++p, e.inputTokens());
        num(ps, ++p, e.outputTokens());
        num(ps, ++p, e.cachedInputTokens());
        num(ps, ++p, e.cacheCreationTokens());
        num(ps, ++p, e.reasoningTokens());
        if (!plain) {
            flag(ps, ++p, e.estimated(), intFlags);
        }
        num(ps, ++p, e.costNanos());
        num(ps, ++p, e.latencyMillis());
        if (e.ttftMillis() == null) {
            ps.setNull(++p, Types.BIGINT);
        } else {
            num(ps, ++p, e.ttftMillis());
        }
        RequestFacts f = e.facts();
        ps.setString(++p, f.front());
        ps.setString(++p, f.team());
        if (!plain) {
            ps.setString(++p, f.tags());
        }
        ps.setString(++p, hashes.of(f.promptHash()));
        ps.setString(++p, hashes.of(f.prefixHash()));
        num(ps, ++p, f.prefixTokens());
        ps.setString(++p, hashes.of(f.conversationKey()));
        ps.setObject(++p, Integer.valueOf(f.messageCount()));
        if (f.maxTokens() == null) {
            ps.setNull(++p, Types.INTEGER);
        } else {
            ps.setObject(++p, f.maxTokens());
        }
        ps.setString(++p, f.finishReason());
        flag(ps, ++p, f.tools(), intFlags);
        ps.setString(++p, plan == 0 ? f.decision() : null);
        CostDetail c = e.cost();
        if (!plain) {
            ps.setString(++p, costStatus(c));
            ps.setString(++p, c.currency());
            num(ps, ++p, c.originalNanos());
        }
        ps.setString(++p, e.keyId());
        if (!plain) {
            ps.setString(++p, e.cache());
            num(ps, ++p, e.savedNanos());
        }
        if (plan == 0) {
            ps.setNull(++p, Types.BIGINT);
            ps.setNull(++p, Types.BIGINT);
        } else {
            num(ps, ++p, plan);
            num(ps, ++p, millis);
        }
    }

    /** NULL for a USD price (every row before costs had a status reads so), else the status's ledger name. */
    private static String costStatus(CostDetail c) {
        return c.known() && c.currency() == null ? null : c.status().ledgerName();
    }

    private static void num(PreparedStatement ps, int p, long v) throws SQLException {
        ps.setObject(p, Long.valueOf(v));
    }

    private static void flag(PreparedStatement ps, int p, boolean v, boolean intFlags) throws SQLException {
        if (intFlags) {
            ps.setObject(p, v ? ONE : ZERO);
        } else {
            ps.setBoolean(p, v);
        }
    }

    /** The VALUES tuple of one row: all placeholders, or a plain row's with the {@link #RARE} columns' defaults. */
    static String tuple(boolean plain, boolean intFlags) {
        StringBuilder t = new StringBuilder("(");
        java.util.List<String> rare = java.util.List.of(RARE);
        String[] columns = COLUMNS.split(", ");
        for (int i = 0; i < columns.length; i++) {
            t.append(i == 0 ? "" : ",");
            if (!plain || !rare.contains(columns[i])) {
                t.append('?');
            } else if (columns[i].equals("estimated")) {
                t.append(intFlags ? "0" : "FALSE");
            } else {
                t.append(columns[i].endsWith("_nanos") ? "0" : "NULL");
            }
        }
        return t.append(')').toString();
    }

    static UsageEvent read(ResultSet rs) throws SQLException {
        long ttft = rs.getLong(22);
        Long ttftOrNull = rs.wasNull() ? null : ttft;
        int maxTokens = rs.getInt(31);
        Integer maxTokensOrNull = rs.wasNull() ? null : maxTokens;
        RequestFacts facts = new RequestFacts(rs.getString(23), rs.getString(24), rs.getString(25),
                rs.getString(26), rs.getString(27), rs.getLong(28), rs.getString(29), rs.getInt(30),
                maxTokensOrNull, rs.getString(32), rs.getBoolean(33), rs.getString(34));
        return UsageEvent.builder(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))).caller(rs.getString(3))
                .endpoint(rs.getString(4)).alias(rs.getString(5)).target(rs.getString(6), rs.getString(7))
                .attempts(rs.getInt(8))
                .outcome(UsageEvent.Status.valueOf(rs.getString(9)), rs.getInt(10), rs.getString(11), rs.getString(12))
                .stream(rs.getBoolean(13))
                .usage(new Usage(rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getLong(18),
                        rs.getBoolean(19)))
                .costNanos(rs.getLong(20)).latency(rs.getLong(21), ttftOrNull).facts(facts)
                .cost(new CostDetail(CostDetail.Status.ofLedgerName(rs.getString(35)), rs.getString(36),
                        rs.getLong(37))).keyId(rs.getString(38)).cache(rs.getString(39), rs.getLong(40)).build();
    }

    /** The event with this id: one primary-key lookup. */
    static java.util.Optional<UsageEvent> byId(java.sql.Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + READ_COLUMNS + " FROM " + RoutePlans.EVENTS + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(read(rs)) : java.util.Optional.empty();
            }
        }
    }
}
