package dev.freeport.ledger;

import dev.freeport.api.Usage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The usage_events row of an event, for both dialects: flags go through setBoolean/getBoolean (SQLite stores 1/0,
 * PostgreSQL BOOLEAN), counts and money through setLong (INTEGER in SQLite, BIGINT in PostgreSQL).
 */
final class EventRows {

    static final String COLUMNS = "id, time_ms, caller, endpoint, alias, provider, upstream_model, attempts, status, "
            + "http_status, error_kind, error_message, stream, input_tokens, output_tokens, cached_input_tokens, "
            + "cache_creation_tokens, reasoning_tokens, estimated, cost_nanos, latency_ms, ttft_ms, "
            + "front, team, tags, prompt_hash, prefix_hash, prefix_tokens, conversation_key, message_count, "
            + "max_tokens, finish_reason, tools, decision, cost_status, cost_currency, cost_original_nanos, key_id, "
            + "cache, saved_nanos";
    static final String PLACEHOLDERS = "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?";
    /** Values per row. */
    static final int WIDTH = 40;

    private EventRows() {
    }

    static void bind(PreparedStatement ps, UsageEvent e) throws SQLException {
        bind(ps, e, 0);
    }

    /** Binds the event's {@link #WIDTH} values at parameters {@code at + 1 .. at + WIDTH}. */
    static void bind(PreparedStatement ps, UsageEvent e, int at) throws SQLException {
        ps.setString(at + 1, e.id());
        ps.setLong(at + 2, e.time() == null ? 0 : e.time().toEpochMilli());
        ps.setString(at + 3, e.caller());
        ps.setString(at + 4, e.endpoint());
        ps.setString(at + 5, e.alias());
        ps.setString(at + 6, e.provider());
        ps.setString(at + 7, e.upstreamModel());
        ps.setInt(at + 8, e.attempts());
        ps.setString(at + 9, e.status() == null ? UsageEvent.Status.FAILED.name() : e.status().name());
        ps.setInt(at + 10, e.httpStatus());
        ps.setString(at + 11, e.errorKind());
        ps.setString(at + 12, e.errorMessage());
        ps.setBoolean(at + 13, e.stream());
        ps.setLong(at + 14, e.inputTokens());
        ps.setLong(at + 15, e.outputTokens());
        ps.setLong(at + 16, e.cachedInputTokens());
        ps.setLong(at + 17, e.cacheCreationTokens());
        ps.setLong(at + 18, e.reasoningTokens());
        ps.setBoolean(at + 19, e.estimated());
        ps.setLong(at + 20, e.costNanos());
        ps.setLong(at + 21, e.latencyMillis());
        if (e.ttftMillis() == null) {
            ps.setNull(at + 22, Types.BIGINT);
        } else {
            ps.setLong(at + 22, e.ttftMillis());
        }
        RequestFacts f = e.facts();
        ps.setString(at + 23, f.front());
        ps.setString(at + 24, f.team());
        ps.setString(at + 25, f.tags());
        ps.setString(at + 26, f.promptHash());
        ps.setString(at + 27, f.prefixHash());
        ps.setLong(at + 28, f.prefixTokens());
        ps.setString(at + 29, f.conversationKey());
        ps.setInt(at + 30, f.messageCount());
        if (f.maxTokens() == null) {
            ps.setNull(at + 31, Types.INTEGER);
        } else {
            ps.setInt(at + 31, f.maxTokens());
        }
        ps.setString(at + 32, f.finishReason());
        ps.setBoolean(at + 33, f.tools());
        ps.setString(at + 34, f.decision());
        CostDetail c = e.cost();
        ps.setString(at + 35, c.known() && c.currency() == null ? null : c.status().ledgerName());
        ps.setString(at + 36, c.currency());
        ps.setLong(at + 37, c.originalNanos());
        ps.setString(at + 38, e.keyId());
        ps.setString(at + 39, e.cache());
        ps.setLong(at + 40, e.savedNanos());
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

    /** Inserts the events with {@code insertSql} in one transaction on {@code c}; returns the rows added. */
    static int insertAll(java.sql.Connection c, String insertSql, java.util.List<UsageEvent> events)
            throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            for (UsageEvent e : events) {
                bind(ps, e);
                ps.addBatch();
            }
            int inserted = 0;
            for (int n : ps.executeBatch()) {
                inserted += Math.max(n, 0);
            }
            c.commit();
            return inserted;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The event with this id: one primary-key lookup. */
    static java.util.Optional<UsageEvent> byId(java.sql.Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM usage_events WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(read(rs)) : java.util.Optional.empty();
            }
        }
    }
}
