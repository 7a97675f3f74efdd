-- wrk script: POST a small chat completion (BENCH_STREAM=1: streamed, with stream_options.include_usage). The body
-- is the same for every path; only the model differs (the upstream's name direct and through nginx, the alias
-- through Freeport). BENCH_KEY is the key sent (a virtual key with a budget and a rate limit through Freeport).
local model = os.getenv("BENCH_MODEL") or "bench"
local stream = os.getenv("BENCH_STREAM") == "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "bench")
local options = stream and ',"stream_options":{"include_usage":true}' or ''
wrk.body = '{"model":"' .. model .. '","stream":' .. tostring(stream) .. options ..
  ',"messages":[{"role":"system","content":"You are terse."},' ..
  '{"role":"user","content":"Give me one sentence about gateways and latency."}],"max_tokens":64}'

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
