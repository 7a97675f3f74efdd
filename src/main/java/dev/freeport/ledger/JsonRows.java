package dev.freeport.ledger;

/**
 * SQLite experiment: a statement's usage_events rows as one JSON array of row arrays, bound as ONE text value and
 * taken apart by SQLite ({@code SELECT value->>0, ... FROM json_each(?)}) instead of ~33 driver binds per row.
 * The values are in {@link EventRows#COLUMNS} order, as {@link EventRows#bind} binds them with SQLite's 0/1 flags.
 * Not thread-safe; one per {@link RowInserts}.
 */
final class JsonRows {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private int rows;

    /** The INSERT of every row of the bound array; {@code each} is {@code json_each} or {@code jsonb_each}. */
    static String insert(String each) {
        StringBuilder sql = new StringBuilder("INSERT OR IGNORE INTO usage_events (").append(EventRows.COLUMNS)
                .append(") SELECT ");
        for (int i = 0; i < EventRows.WIDTH; i++) {
            sql.append(i == 0 ? "" : ", ").append("value->>").append(i);
        }
        return sql.append(" FROM ").append(each).append("(?)").toString();
    }

    void clear() {
        out.setLength(0);
        rows = 0;
    }

    int rows() {
        return rows;
    }

    String text() {
        return out.append(']').toString();
    }

    /** Appends the event's row; {@code plan}/{@code millis} as {@link EventRows#bind} takes them. */
    void add(UsageEvent e, long plan, long millis) {
        StringBuilder o = out;
        o.append(rows++ == 0 ? "[[" : ",[");
        str(e.id());
        o.append(',').append(e.time() == null ? 0 : e.time().toEpochMilli()).append(',');
        str(e.caller());
        o.append(',');
        str(e.endpoint());
        o.append(',');
        str(e.alias());
        o.append(',');
        str(e.provider());
        o.append(',');
        str(e.upstreamModel());
        o.append(',').append(e.attempts()).append(',');
        str(e.status() == null ? UsageEvent.Status.FAILED.name() : e.status().name());
        o.append(',').append(e.httpStatus()).append(',');
        str(e.errorKind());
        o.append(',');
        str(e.errorMessage());
        o.append(',').append(e.stream() ? 1 : 0)
                .append(',').append(e.inputTokens())
                .append(',').append(e.outputTokens())
                .append(',').append(e.cachedInputTokens())
                .append(',').append(e.cacheCreationTokens())
                .append(',').append(e.reasoningTokens())
                .append(',').append(e.estimated() ? 1 : 0)
                .append(',').append(e.costNanos())
                .append(',').append(e.latencyMillis()).append(',');
        if (e.ttftMillis() == null) {
            o.append("null");
        } else {
            o.append(e.ttftMillis().longValue());
        }
        RequestFacts f = e.facts();
        o.append(',');
        str(f.front());
        o.append(',');
        str(f.team());
        o.append(',');
        str(f.tags());
        o.append(',');
        hash(f.promptHash());
        o.append(',');
        hash(f.prefixHash());
        o.append(',').append(f.prefixTokens()).append(',');
        hash(f.conversationKey());
        o.append(',').append(f.messageCount()).append(',');
        if (f.maxTokens() == null) {
            o.append("null");
        } else {
            o.append(f.maxTokens().intValue());
        }
        o.append(',');
        str(f.finishReason());
        o.append(',').append(f.tools() ? 1 : 0).append(',');
        str(plan == 0 ? f.decision() : null);
        CostDetail c = e.cost();
        o.append(',');
        str(EventRows.costStatus(c));
        o.append(',');
        str(c.currency());
        o.append(',').append(c.originalNanos()).append(',');
        str(e.keyId());
        o.append(',');
        str(e.cache());
        o.append(',').append(e.savedNanos()).append(',');
        if (plan == 0) {
            o.append("null,null]");
        } else {
            o.append(plan).append(',').append(millis).append(']');
        }
    }

    /** 16 lower-case hex digits, or null for 0 (as {@link RequestFacts#hex}). */
    private void hash(long h) {
        if (h == 0) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (h >>> shift) & 0xf]);
        }
        out.append('"');
    }

    /** A JSON string: quote, backslash and control characters escaped, everything else as is. */
    private void str(String s) {
        StringBuilder o = out;
        if (s == null) {
            o.append("null");
            return;
        }
        o.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                o.append(s, run, i);
                run = i + 1;
                if (ch == '"' || ch == '\\') {
                    o.append('\\').append(ch);
                } else {
                    o.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xf]);
                }
            }
        }
        o.append(s, run, n).append('"');
    }
}
