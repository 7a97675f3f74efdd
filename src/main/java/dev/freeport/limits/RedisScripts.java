package dev.freeport.limits;

/**
 * The Lua scripts behind {@link RedisCounters}. Redis runs a script to completion before any other command, so
 * each check-and-reserve is atomic across every replica. Numbers are integers (nano-dollars, ms, tokens); Lua's
 * doubles hold them exactly up to 2^53 (9 million USD in nano-dollars).
 */
final class RedisScripts {
    private RedisScripts() {
    }

    /**
     * KEYS: one budget hash per line (fields spent, reserved). ARGV: amount, then per line: limit, hard (1/0),
     * expire-at (epoch s, 0 = never), seed (what the ledger says was spent before the counter existed: a counter
     * Redis does not hold starts from it; -1 = not known yet). Returns {admitted 1/0, rejected line (1-based, 0),
     * spent, reserved, ...}, or {2, line} when that line's counter is missing and its seed was not given (the
     * caller asks the ledger and runs the script again with it).
     */
    static final String RESERVE_BUDGET = """
            local amt = tonumber(ARGV[1])
            local out = {1, 0}
            for i = 1, #KEYS do
              local seed = tonumber(ARGV[5 + (i - 1) * 4])
              if seed < 0 and redis.call('EXISTS', KEYS[i]) == 0 then
                return {2, i}
              end
            end
            for i = 1, #KEYS do
              local seed = tonumber(ARGV[5 + (i - 1) * 4])
              if seed > 0 and redis.call('EXISTS', KEYS[i]) == 0 then
                redis.call('HSET', KEYS[i], 'spent', seed, 'reserved', 0)
                local exp = tonumber(ARGV[4 + (i - 1) * 4])
                if exp > 0 then redis.call('EXPIREAT', KEYS[i], exp) end
              end
            end
            for i = 1, #KEYS do
              local v = redis.call('HMGET', KEYS[i], 'spent', 'reserved')
              local spent = tonumber(v[1] or '0')
              local res = tonumber(v[2] or '0')
              local limit = tonumber(ARGV[2 + (i - 1) * 4])
              if ARGV[3 + (i - 1) * 4] == '1' and spent + res + amt > limit then
                return {0, i, spent, res}
              end
            end
            for i = 1, #KEYS do
              local res = redis.call('HINCRBY', KEYS[i], 'reserved', amt)
              local spent = tonumber(redis.call('HGET', KEYS[i], 'spent') or '0')
              local exp = tonumber(ARGV[4 + (i - 1) * 4])
              if exp > 0 then redis.call('EXPIREAT', KEYS[i], exp) end
              out[#out + 1] = spent
              out[#out + 1] = res
            end
            return out
            """;

    /**
     * KEYS: budget hashes. ARGV per line: seed (spent before the counter existed), expire-at (epoch s, 0 = never).
     * Creates each counter Redis does not hold from its seed; leaves the others alone. Returns 1.
     */
    static final String SEED_BUDGET = """
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 0 then
                redis.call('HSET', KEYS[i], 'spent', ARGV[(i - 1) * 2 + 1], 'reserved', 0)
                local exp = tonumber(ARGV[(i - 1) * 2 + 2])
                if exp > 0 then redis.call('EXPIREAT', KEYS[i], exp) end
              end
            end
            return 1
            """;

    /**
     * KEYS: budget hashes. ARGV: reserved, actual, seeded (1: a missing counter is seeded from the ledger), then per
     * line expire-at. Returns {spent, reserved, ...}. A counter Redis no longer holds (flushed, restarted without
     * persistence, expired) lost the reservation being settled: {@code reserved} never goes below 0 (else the
     * next requests would fit in a budget that is spent). When the counters are seeded from the ledger, such a
     * counter is not created again here (it would hold only this request and hide the period's spend from the
     * seed); the next reservation seeds it from the ledger, which has this request once its journal caught up.
     */
    static final String SETTLE_BUDGET = """
            local out = {}
            for i = 1, #KEYS do
              if ARGV[3] == '1' and redis.call('EXISTS', KEYS[i]) == 0 then
                out[#out + 1] = 0
                out[#out + 1] = 0
              else
                local v = redis.call('HMGET', KEYS[i], 'reserved')
                local res = math.max(0, tonumber(v[1] or '0') - tonumber(ARGV[1]))
                redis.call('HSET', KEYS[i], 'reserved', res)
                local spent = redis.call('HINCRBY', KEYS[i], 'spent', tonumber(ARGV[2]))
                local exp = tonumber(ARGV[3 + i])
                if exp > 0 then redis.call('EXPIREAT', KEYS[i], exp) end
                out[#out + 1] = spent
                out[#out + 1] = res
              end
            end
            return out
            """;

    /**
     * Rolling-minute limits. KEYS per line (5): requests zset (member request id, score ms), tokens zset, tokens
     * hash (id -> tokens), tokens sum, parallel zset (score = slot expiry ms). ARGV: now, id, tokens, window ms,
     * slot ttl ms, then per line rpm, tpm, parallel (-1 = no limit). Returns {rejected line (0 = admitted),
     * dimension (1 requests, 2 tokens, 3 parallel), retry ms, then per line: requests used, requests reset ms,
     * tokens used, tokens reset ms}.
     */
    static final String ACQUIRE_RATE = """
            local now = tonumber(ARGV[1])
            local id = ARGV[2]
            local tokens = tonumber(ARGV[3])
            local win = tonumber(ARGV[4])
            local ttl = tonumber(ARGV[5])
            local n = #KEYS / 5
            local function resetIn(z)
              local last = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
              if #last == 0 then return 0 end
              return tonumber(last[2]) + win - now
            end
            for i = 1, n do
              local kr, kz, kh, ks, kp = KEYS[5*i-4], KEYS[5*i-3], KEYS[5*i-2], KEYS[5*i-1], KEYS[5*i]
              local rpm = tonumber(ARGV[6 + (i-1)*3])
              local tpm = tonumber(ARGV[7 + (i-1)*3])
              local par = tonumber(ARGV[8 + (i-1)*3])
              if rpm >= 0 then
                redis.call('ZREMRANGEBYSCORE', kr, '-inf', now - win)
                local c = redis.call('ZCARD', kr)
                if c + 1 > rpm then
                  if rpm == 0 then return {i, 1, -1} end
                  local e = redis.call('ZRANGE', kr, c - rpm, c - rpm, 'WITHSCORES')
                  return {i, 1, tonumber(e[2]) + win - now}
                end
              end
              if tpm >= 0 then
                local old = redis.call('ZRANGEBYSCORE', kz, '-inf', now - win)
                local sum = tonumber(redis.call('GET', ks) or '0')
                for _, m in ipairs(old) do
                  sum = sum - tonumber(redis.call('HGET', kh, m) or '0')
                  redis.call('HDEL', kh, m)
                end
                if #old > 0 then
                  redis.call('ZREMRANGEBYSCORE', kz, '-inf', now - win)
                  redis.call('SET', ks, sum)
                end
                if sum + tokens > tpm then
                  if tokens > tpm then return {i, 2, -1} end
                  local excess = sum + tokens - tpm
                  local all = redis.call('ZRANGE', kz, 0, -1, 'WITHSCORES')
                  for j = 1, #all, 2 do
                    excess = excess - tonumber(redis.call('HGET', kh, all[j]) or '0')
                    if excess <= 0 then return {i, 2, tonumber(all[j+1]) + win - now} end
                  end
                  return {i, 2, win}
                end
              end
              if par >= 0 then
                redis.call('ZREMRANGEBYSCORE', kp, '-inf', now)
                if redis.call('ZCARD', kp) + 1 > par then
                  if par == 0 then return {i, 3, -1} end
                  return {i, 3, 1000}
                end
              end
            end
            local out = {0, 0, 0}
            for i = 1, n do
              local kr, kz, kh, ks, kp = KEYS[5*i-4], KEYS[5*i-3], KEYS[5*i-2], KEYS[5*i-1], KEYS[5*i]
              local rpm = tonumber(ARGV[6 + (i-1)*3])
              local tpm = tonumber(ARGV[7 + (i-1)*3])
              local par = tonumber(ARGV[8 + (i-1)*3])
              local used, tused = 0, 0
              if rpm >= 0 then
                redis.call('ZADD', kr, now, id)
                redis.call('PEXPIRE', kr, win * 2)
                used = redis.call('ZCARD', kr)
              end
              if tpm >= 0 then
                redis.call('ZADD', kz, now, id)
                redis.call('HSET', kh, id, tokens)
                tused = redis.call('INCRBY', ks, tokens)
                redis.call('PEXPIRE', kz, win * 2)
                redis.call('PEXPIRE', kh, win * 2)
                redis.call('PEXPIRE', ks, win * 2)
              end
              if par >= 0 then
                redis.call('ZADD', kp, now + ttl, id)
                redis.call('PEXPIRE', kp, ttl)
              end
              out[#out + 1] = used
              out[#out + 1] = resetIn(kr)
              out[#out + 1] = tused
              out[#out + 1] = resetIn(kz)
            end
            return out
            """;

    /** KEYS as {@link #ACQUIRE_RATE}. ARGV: id, actual tokens. Settles the tokens, frees the slot. */
    static final String RELEASE_RATE = """
            local id = ARGV[1]
            local actual = tonumber(ARGV[2])
            for i = 1, #KEYS / 5 do
              local kh, ks, kp = KEYS[5*i-2], KEYS[5*i-1], KEYS[5*i]
              local w = redis.call('HGET', kh, id)
              if w then
                redis.call('HSET', kh, id, actual)
                redis.call('INCRBY', ks, actual - tonumber(w))
              end
              redis.call('ZREM', kp, id)
            end
            return 1
            """;
}
