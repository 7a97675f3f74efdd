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

    private EventRows() {
    }

    static void bind(PreparedStatement ps, UsageEvent e) throws SQLException {
        ps.setString(1, e.id());
        ps.setLong(2, e.time() == null ? 0 : e.time().toEpochMilli());
        ps.setString(3, e.caller());
        ps.setString(4, e.endpoint());
        ps.setString(5, e.alias());
        ps.setString(6, e.provider());
        ps.setString(7, e.upstreamModel());
        ps.setInt(8, e.attempts());
        ps.setString(9, e.status() == null ? UsageEvent.Status.FAILED.name() : e.status().name());
        ps.setInt(10, e.httpStatus());
        ps.setString(11, e.errorKind());
        ps.setString(12, e.errorMessage());
        ps.setBoolean(13, e.stream());
        ps.setLong(14, e.inputTokens());
        ps.setLong(15, e.outputTokens());
        ps.setLong(16, e.cachedInputTokens());
        ps.setLong(17, e.cacheCreationTokens());
        ps.setLong(18, e.reasoningTokens());
        ps.setBoolean(19, e.estimated());
        ps.setLong(20, e.costNanos());
        ps.setLong(21, e.latencyMillis());
        if (e.ttftMillis() == null) {
            ps.setNull(22, Types.BIGINT);
        } else {
            ps.setLong(22, e.ttftMillis());
        }
        RequestFacts f = e.facts();
        ps.setString(23, f.front());
        ps.setString(24, f.team());
        ps.setString(25, f.tags());
        ps.setString(26, f.promptHash());
        ps.setString(27, f.prefixHash());
        ps.setLong(28, f.prefixTokens());
        ps.setString(29, f.conversationKey());
        ps.setInt(30, f.messageCount());
        if (f.maxTokens() == null) {
            ps.setNull(31, Types.INTEGER);
        } else {
            ps.setInt(31, f.maxTokens());
        }
        ps.setString(32, f.finishReason());
        ps.setBoolean(33, f.tools());
        ps.setString(34, f.decision());
        CostDetail c = e.cost();
        ps.setString(35, c.known() && c.currency() == null ? null : c.status().ledgerName());
        ps.setString(36, c.currency());
        ps.setLong(37, c.originalNanos());
        ps.setString(38, e.keyId());
        ps.setString(39, e.cache());
        ps.setLong(40, e.savedNanos());
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
