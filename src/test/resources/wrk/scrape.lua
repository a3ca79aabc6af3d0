-- wrk script for GET /metrics under many concurrent scrapers (docs/benchmarks.md, "Scrape cost").
-- wrk -t2 -c100 -d10s -s scrape.lua [-H 'Accept-Encoding: gzip'] http://127.0.0.1:PORT/metrics
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d bytes=%d status_errors=%d connect_errors=%d read_errors=%d"
      .. " write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
