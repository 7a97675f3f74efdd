package dev.freeport.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.CacheConfig;
import dev.freeport.module.CachedAnswer;

import java.util.Locale;

/**
 * Which requests and answers the cache takes (docs/CACHE.md). A request is cacheable when it asks for one answer
 * ({@code n} absent or 1) and is not sampled ({@code temperature} 0) unless the alias allows sampled requests
 * ({@code allow_sampled}, which also covers a request that sets no temperature: the model's default samples). An
 * answer is kept when it finished (stop or length; never content_filter) and does not call tools unless the alias
 * allows it ({@code allow_tool_calls}); errors and cut streams never reach the cache. The caller's
 * {@code Cache-Control}: {@code no-store} neither reads nor writes, {@code no-cache} does not read but writes.
 */
final class Cacheability {

    private Cacheability() {
    }

    /** Why a request is not cacheable under {@code c}, or null when it is. */
    static String refusal(CacheConfig c, JsonNode body) {
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isNumber() && n.asDouble() == 1)) {
            return "n";
        }
        JsonNode t = body.get("temperature");
        boolean greedy = t != null && t.isNumber() && t.asDouble() == 0;
        return greedy || c.allowSampled() ? null : "temperature";
    }

    /** Whether the answer may be kept under {@code c}. */
    static boolean keeps(CacheConfig c, CachedAnswer a) {
        String finish = a.finishReason();
        if (finish == null || finish.equals("content_filter")) {
            return false;
        }
        return c.allowToolCalls() || !(finish.equals("tool_calls") || finish.equals("function_call"));
    }

    /** Whether a {@code Cache-Control} header value has {@code directive} (case-insensitive, comma-separated). */
    static boolean has(String cacheControl, String directive) {
        if (cacheControl == null) {
            return false;
        }
        for (String part : cacheControl.split(",")) {
            String d = part.strip().toLowerCase(Locale.ROOT);
            int eq = d.indexOf('=');
            if ((eq < 0 ? d : d.substring(0, eq).strip()).equals(directive)) {
                return true;
            }
        }
        return false;
    }
}
