package dev.freeport.dialect.openai;

import dev.freeport.api.Usage;

/**
 * A stream's usage object read from its bytes by the chunk's reader, with the rules of
 * {@link OpenAiUsage#from(com.fasterxml.jackson.core.JsonParser)} (the same fields, a later duplicate wins, a value
 * that is not a number counts 0, a negative count 0) but no parser and no tree: the one usage chunk of a stream cost
 * a Jackson parser and a tree of some ten nodes. A count that is not a plain integer of up to 18 digits (a fraction,
 * an exponent, a huge number) gives the chunk up to the parser, which has the exact rules for those.
 */
final class UsageBytes {
    private static final byte[] PROMPT_TOKENS = JsonGrammar.ascii("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = JsonGrammar.ascii("completion_tokens");
    private static final byte[] PROMPT_CACHE_HIT_TOKENS = JsonGrammar.ascii("prompt_cache_hit_tokens");
    private static final byte[] CACHED_TOKENS = JsonGrammar.ascii("cached_tokens");
    private static final byte[] CACHE_CREATION_INPUT_TOKENS = JsonGrammar.ascii("cache_creation_input_tokens");
    private static final byte[] PROMPT_TOKENS_DETAILS = JsonGrammar.ascii("prompt_tokens_details");
    private static final byte[] COMPLETION_TOKENS_DETAILS = JsonGrammar.ascii("completion_tokens_details");
    private static final byte[] REASONING_TOKENS = JsonGrammar.ascii("reasoning_tokens");
    private static final byte[] CACHE_CREATION = JsonGrammar.ascii("cache_creation");
    private static final byte[] EPHEMERAL_1H_INPUT_TOKENS = JsonGrammar.ascii("ephemeral_1h_input_tokens");
    private static final byte[] SERVER_TOOL_USE = JsonGrammar.ascii("server_tool_use");
    private static final byte[] WEB_SEARCH_REQUESTS = JsonGrammar.ascii("web_search_requests");
    private static final byte[] WEB_FETCH_REQUESTS = JsonGrammar.ascii("web_fetch_requests");
    /** the most digits read as a count; more give the chunk up */
    private static final int MAX_DIGITS = 18;

    private UsageBytes() {
    }

    /** The usage object at {@code in}'s position (its opening brace); leaves the position past its closing brace. */
    static Usage read(JsonGrammar in) {
        OpenAiUsage.Counts c = new OpenAiUsage.Counts();
        in.pos++;
        for (boolean first = true; in.member(first); first = false) {
            if (in.isKey(PROMPT_TOKENS)) {
                c.input = count(in);
            } else if (in.isKey(COMPLETION_TOKENS)) {
                c.output = count(in);
            } else if (in.isKey(PROMPT_CACHE_HIT_TOKENS)) {
                c.cacheHit = count(in);
            } else if (in.isKey(CACHED_TOKENS)) {
                c.cachedTop = count(in);
            } else if (in.isKey(CACHE_CREATION_INPUT_TOKENS)) {
                c.cacheWrite = count(in);
            } else if (in.isKey(PROMPT_TOKENS_DETAILS)) {
                c.cachedDetail = member(in, CACHED_TOKENS);
            } else if (in.isKey(COMPLETION_TOKENS_DETAILS)) {
                c.reasoning = member(in, REASONING_TOKENS);
            } else if (in.isKey(CACHE_CREATION)) {
                c.oneHour = member(in, EPHEMERAL_1H_INPUT_TOKENS);
            } else if (in.isKey(SERVER_TOOL_USE)) {
                serverTools(in, c);
            } else {
                in.skip(2);
            }
        }
        return c.usage();
    }

    /** The count in member {@code name} of the object at the position (0 when it is no object or has none). */
    private static long member(JsonGrammar in, byte[] name) {
        if (in.at() != '{') {
            in.skip(2);
            return 0;
        }
        long n = 0;
        in.pos++;
        for (boolean first = true; in.member(first); first = false) {
            if (in.isKey(name)) {
                n = count(in);
            } else {
                in.skip(3);
            }
        }
        return n;
    }

    private static void serverTools(JsonGrammar in, OpenAiUsage.Counts c) {
        c.search = 0;
        c.fetch = 0;
        c.toolsObject = in.at() == '{';
        if (!c.toolsObject) {
            in.skip(2);
            return;
        }
        in.pos++;
        for (boolean first = true; in.member(first); first = false) {
            if (in.isKey(WEB_SEARCH_REQUESTS)) {
                c.search = count(in);
            } else if (in.isKey(WEB_FETCH_REQUESTS)) {
                c.fetch = count(in);
            } else {
                in.skip(3);
            }
        }
    }

    /** The count at the position: a plain integer (a negative one counts 0), 0 for a value that is no number. */
    private static long count(JsonGrammar in) {
        byte c = in.at();
        if (c != '-' && !JsonGrammar.isDigit(c)) {
            in.skip(3);
            return 0;
        }
        int start = in.pos;
        in.number();
        boolean negative = c == '-';
        int digits = negative ? start + 1 : start;
        if (in.pos - digits > MAX_DIGITS) {
            throw JsonGrammar.GIVE_UP;
        }
        long n = 0;
        for (int i = digits; i < in.pos; i++) {
            byte d = in.b[i];
            if (!JsonGrammar.isDigit(d)) {
                throw JsonGrammar.GIVE_UP; // a fraction or an exponent: the parser truncates it exactly
            }
            n = n * 10 + (d - '0');
        }
        return negative ? 0 : n;
    }
}
