-- wrk script: POST a small Responses API request (the same prompt as chat.lua) to /v1/responses.
-- BENCH_STREAM=1 streams; BENCH_STORE=1 keeps the response (the default of the API), else store:false.
local model = os.getenv("BENCH_MODEL") or "bench"
local stream = os.getenv("BENCH_STREAM") == "1"
local store = os.getenv("BENCH_STORE") == "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
wrk.body = '{"model":"' .. model .. '","stream":' .. tostring(stream) .. ',"store":' .. tostring(store) ..
  ',"instructions":"You are terse.","input":"Give me one sentence about gateways and latency.",' ..
  '"max_output_tokens":64}'

response = function(status, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
