-- wrk load script for POST /api/v1/events (docs/benchmarks.md, "Ingest on every core").
-- wrk -t2 -c16 -d10s -s ingest.lua http://127.0.0.1:PORT -- BATCH API_KEY RUN_ID
-- Each thread posts SDK report batches of BATCH status events with a fresh batch id per request
-- (the sidecar answers a repeated id from its idempotency window without parsing it). The body is
-- built once per thread; only the id changes, so wrk spends its CPU on HTTP, not on Lua.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  local batch = tonumber(args[1]) or 100
  local key = args[2] or ""
  local run = args[3] or "run"
  local now = os.time() * 1000
  local ev = {}
  for i = 1, batch do
    local status = (i % 2 == 1) and "connecting" or "connected"
    ev[i] = string.format('{"type":"status","at":%d,"status":"%s","errorCode":0}', now + i, status)
  end
  prefix = '{"batchId":"wrk-' .. run .. '-' .. tid .. '-'
  suffix = '","app":{"platform":"android","appVersion":"5.2.1","sdkVersion":"5.10.0"},"events":['
    .. table.concat(ev, ",") .. ']}'
  headers = {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/events", headers, prefix .. counter .. suffix)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d bytes=%d status_errors=%d connect_errors=%d read_errors=%d"
      .. " write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
