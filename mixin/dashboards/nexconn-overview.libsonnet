// The "Nexconn connection health" dashboard. Every query keeps the cluster and namespace labels
// (one line per cluster under Thanos or Mimir); the latency, transition and availability panels
// read the recording rules of rules/rules.libsonnet instead of the raw histograms.
local promql = import '../lib/promql.libsonnet';
local p = import 'panels.libsonnet';

{
  local config = $._config,
  local c = config.clusterLabel,
  local n = config.namespaceLabel,
  local pod = config.podLabel,
  local rec(key) = $.recordingRules[key].record,

  // Label matchers of the variables, the configured selector first.
  local m(parts) = promql.join([config.nexconnSelector, '%s=~"$cluster"' % c, '%s=~"$namespace"' % n] + parts),
  local onPod = '%s=~"$pod"' % pod,
  local by(extra=[]) = promql.by(config, extra),
  local where = '{{%s}}/{{%s}}' % [c, n],
  local legend(s) = if s == '' then where else where + ' ' + s,

  local quantiles(histogram, qs) = p.targets([
    [
      'histogram_quantile(%s, sum %s (%s{%s}))' % [q[1], by(['le']), rec(histogram), m([])],
      legend(q[0]),
    ]
    for q in qs
  ]),

  local transitions = rec('transitions'),
  local slo = config.slo.objective,
  local sloPercent = '%g%%' % (slo * 100),
  local sloPeriod = '%dd' % config.slo.periodDays,
  local sloth = 'sloth_service="%s"' % config.slo.service,
  local slothSlo = 'sloth_slo="%s"' % config.slo.name,
  local sloSel = m([sloth, slothSlo]),
  local budget = '(1 - %g)' % slo,

  local top = [
    p.row('Probe connections', 0),
    p.stat(
      'Probes connected',
      'Probe connections currently in status connected. Normal: equal to the configured probe count. Abnormal: below it, which means probes are reconnecting, refused (token, ban, kick) or the upstream is down.',
      'short',
      [p.target('sum %s (nexconn_connections{%s})' % [by(), m([onPod, 'source="probe"', 'status="connected"'])], legend(''))],
      p.pos(0, 1, 5, 4),
      [['red', null], ['green', 1]],
    ),
    p.stat(
      'Probes not connected',
      'Probe connections in any status other than connected. Normal: 0 (briefly 1-2 during a reconnect). Abnormal: stays above 0 for minutes, or equals the probe count during an outage.',
      'short',
      [p.target('sum %s (nexconn_connections{%s})' % [by(), m([onPod, 'source="probe"', 'status!="connected"'])], legend(''))],
      p.pos(5, 1, 5, 4),
      [['green', null], ['orange', 1], ['red', 3]],
    ),
    p.stat(
      'Probe availability (SLO %s)' % sloPercent,
      'Share of the probe connections that were connected, sampled at each scrape and averaged over the dashboard time range, per cluster and namespace (all pods; recording rule %s). The exact SLI from probe-seconds is in the Probe availability SLO row. Normal: at or above the objective of %s. Abnormal: below it, the error budget of the %s period is being spent.'
      % [rec('probeAvailability'), sloPercent, sloPeriod],
      'percentunit',
      [p.target('avg_over_time(%s{%s}[$__range])' % [rec('probeAvailability'), m([])], legend(''))],
      p.pos(10, 1, 5, 4),
      [['red', null], ['green', slo]],
    ),
    p.stat(
      'Reconnect attempts (5m)',
      'Automatic reconnect attempts in the last 5 minutes across all sources. Normal: near 0. Abnormal: a steady climb (flapping network, heartbeat timeouts) or a burst (upstream restart).',
      'short',
      [p.target('sum %s (increase(nexconn_reconnect_attempts_total{%s}[5m]))' % [by(), m([onPod, 'source=~"$source"'])], legend(''))],
      p.pos(15, 1, 5, 4),
      [['green', null], ['orange', 10], ['red', 100]],
    ),
    p.stat(
      'Firing alerts',
      "Alerts the sidecar's spike detector reports as firing. Normal: 0. Abnormal: any value above 0; see the Alerts row for which ones.",
      'short',
      [p.target('sum %s (nexconn_alerts{%s}) or vector(0)' % [by(), m([onPod, 'state="firing"'])], legend(''))],
      p.pos(20, 1, 4, 4),
      [['green', null], ['red', 1]],
    ),
    p.timeseries(
      'Probe connections by status',
      'How many probe connections are in each of the 13 SDK statuses, stacked. Normal: one solid connected band at the probe count. Abnormal: connecting/suspend bands (network or upstream trouble), token_incorrect (token expiry wave), kicked_offline_by_other_client or disconn_exception (kicks and bans), timeout or user_abandon (retries stopped: needs action).',
      'short',
      [p.target('sum %s (nexconn_connections{%s}) > 0' % [by(['status']), m([onPod, 'source="probe"'])], legend('{{status}}'))],
      p.pos(0, 5, 12, 8),
      stacked=true,
    ),
    p.timeseries(
      'Transitions into each status',
      'Rate of status transitions per second over 5m, by target status, for the selected sources and platforms (all pods; recording rule %s). Normal: flat near zero with small connecting->connected pairs. Abnormal: spikes into suspend/connecting (mass disconnect), token_incorrect (token expiry wave), kicked_offline_by_other_client or disconn_exception (kicks, bans).' % transitions,
      'ops',
      [p.target('sum %s (%s{%s})' % [by(['to']), transitions, m(['source=~"$source"', 'platform=~"$platform"'])], legend('{{to}}'))],
      p.pos(12, 5, 12, 8),
    ),
  ],

  // The SLO row, read from the Sloth-style recording rules of rules/slo.libsonnet.
  local sloRow = [
    p.row('Probe availability SLO', 13),
    p.stat(
      'Probe availability SLI (%s)' % sloPeriod,
      'Connected probe-seconds over all probe-seconds in the %s SLO period (1 - slo:sli_error:ratio_rate%s, per cluster and namespace). Normal: at or above the objective of %s. Abnormal: below it, the period error budget is overspent.'
      % [sloPeriod, sloPeriod, sloPercent],
      'percentunit',
      [p.target('1 - slo:sli_error:ratio_rate%s{%s}' % [sloPeriod, sloSel], legend(''))],
      p.pos(0, 14, 6, 8),
      [['red', null], ['green', slo]],
    ),
    p.stat(
      'Error budget left (%s)' % sloPeriod,
      'Share of the %s error budget (1 - %s of probe time) not spent yet (slo:period_error_budget_remaining:ratio). Normal: well above 0. Abnormal: near or below 0, the objective is missed for this period; expect the slow-burn ticket of NexconnProbeAvailabilityBudgetBurn.'
      % [sloPeriod, sloPercent],
      'percentunit',
      [p.target('slo:period_error_budget_remaining:ratio{%s}' % sloSel, legend(''))],
      p.pos(6, 14, 6, 8),
      [['red', null], ['orange', 0], ['green', 0.25]],
    ),
    p.timeseries(
      'Error budget burn rate',
      'Error ratio divided by the error budget %s, over the windows of the burn alerts (slo:sli_error:ratio_rate*). 1 spends the budget exactly in the %s period. Normal: below 1. Abnormal: above 14.4 over 1h and 5m or 6 over 6h and 30m pages; above 3 over 1d and 2h or 1 over 3d and 6h opens a ticket.'
      % [budget, sloPeriod],
      'short',
      p.targets([
        ['slo:sli_error:ratio_rate%s{%s} / %s' % [w, sloSel, budget], legend(w)]
        for w in ['5m', '1h', '6h', '1d', '3d']
      ]),
      p.pos(12, 14, 12, 8),
    ),
  ],

  local rest = [
    p.row('Reconnects and latency', 13),
    p.timeseries(
      'Reconnect rate',
      'Automatic reconnect attempts per second by source. Normal: near zero. Abnormal: a sustained rate means connections keep dropping; a burst that decays along 0.05-64 s steps is the SDK schedule after an outage.',
      'ops',
      [p.target('sum %s (rate(nexconn_reconnect_attempts_total{%s}[$__rate_interval]))' % [by(['source']), m([onPod, 'source=~"$source"'])], legend('{{source}}'))],
      p.pos(0, 14, 8, 8),
    ),
    p.timeseries(
      'Recovery time (drop to connected)',
      'Time from losing a connection to being connected again, p50/p90/p99 over 5m (all pods; recording rule). Normal: under a second (the first reconnect steps are 0.05-0.5 s). Abnormal: tens of seconds means the upstream refused reconnects for a while and the SDK backed off to 16-64 s steps.',
      's',
      quantiles('nexconn_reconnect_recovery_seconds', [['p50', '0.5'], ['p90', '0.9'], ['p99', '0.99']]),
      p.pos(8, 14, 8, 8),
    ),
    p.timeseries(
      'Connect latency percentiles',
      'Time from sending connect to the connect acknowledgement, p50/p90/p99 over 5m (all pods; recording rule). Normal: stable, tens to hundreds of ms. Abnormal: p99 climbing towards the connect timeout (overloaded or distant upstream, TLS or proxy trouble).',
      's',
      quantiles('nexconn_connect_duration_seconds', [['p50', '0.5'], ['p90', '0.9'], ['p99', '0.99']]),
      p.pos(16, 14, 8, 8),
    ),
    p.heatmap(
      'Connect latency heatmap',
      'Distribution of connect latency over time (connect to acknowledgement), all selected clusters together. Normal: one narrow band at low latency. Abnormal: the band widens or shifts up, or a second band appears near the timeout.',
      's',
      [p.target('sum by (le) (increase(nexconn_connect_duration_seconds_bucket{%s}[$__rate_interval]))' % m([onPod]), '{{le}}')],
      p.pos(0, 22, 12, 8),
    ),
    p.timeseries(
      'Heartbeat round trip',
      'Heartbeat ping to pong time, p50/p99 over 5m (all pods; recording rule). Normal: stable and well under the heartbeat timeout. Abnormal: p99 approaching the timeout precedes suspend transitions and reconnects.',
      's',
      quantiles('nexconn_heartbeat_rtt_seconds', [['p50', '0.5'], ['p99', '0.99']]),
      p.pos(12, 22, 12, 8),
    ),
    p.row('Tokens, kicks and bans', 30),
    p.timeseries(
      'Token failures by reason (token-expiry wave)',
      'Token failures per second by reason, stacked. Normal: zero. Abnormal: a wave of expired or incorrect (tokens expired or were invalidated, e.g. App Secret rotation or an expire call), fetch_failed (the app server or Server API is down), refresh_exhausted (the sidecar gave up refreshing: probes stay down).',
      'ops',
      [p.target('sum %s (rate(nexconn_token_failures_total{%s}[$__rate_interval]))' % [by(['reason']), m([onPod, 'source=~"$source"'])], legend('{{reason}}'))],
      p.pos(0, 31, 12, 8),
      stacked=true,
    ),
    p.timeseries(
      'Token refreshes by outcome',
      'Token refreshes per second by outcome. Normal: rare successes only. Abnormal: failures, or a burst of successes matching a wave of token failures (a mass expiry that the refresh recovered).',
      'ops',
      [p.target('sum %s (rate(nexconn_token_refreshes_total{%s}[$__rate_interval]))' % [by(['outcome']), m([onPod])], legend('{{outcome}}'))],
      p.pos(12, 31, 12, 8),
    ),
    p.timeseries(
      'Kicks and bans',
      'Transitions per second over 5m into kicked_offline_by_other_client (another device took the session), disconn_exception (banned) and user_abandon (account deactivated), by source (all pods; recording rule). Normal: zero for probes; low and steady for SDK reports. Abnormal: any probe kick (someone logged in as a probe user) or a burst of bans.',
      'ops',
      [p.target('sum %s (%s{%s})' % [by(['to', 'source']), transitions, m(['source=~"$source"', 'platform=~"$platform"', 'to=~"kicked_offline_by_other_client|disconn_exception|user_abandon"'])], legend('{{source}} {{to}}'))],
      p.pos(0, 39, 12, 8),
    ),
    p.timeseries(
      'Database recreations',
      'Local database opens per second, recreated (local data wiped) versus normal. Normal: recreated stays at zero. Abnormal: recreations after an SDK upgrade or storage trouble on devices: users lose local history.',
      'ops',
      [p.target('sum %s (rate(nexconn_database_opened_total{%s}[$__rate_interval]))' % [by(['recreated', 'source']), m([onPod, 'source=~"$source"'])], legend('{{source}} recreated={{recreated}}'))],
      p.pos(12, 39, 12, 8),
    ),
    p.row('Presence and ingest', 47),
    p.timeseries(
      'Presence changes by os',
      'Presence webhook events per second by operating system and presence. Normal: connected and disconnected roughly balanced with the daily usage curve. Abnormal: disconnected spikes on one os (a client release or network issue), or a flat zero (webhook not delivered).',
      'ops',
      [p.target('sum %s (rate(nexconn_presence_changes_total{%s}[$__rate_interval]))' % [by(['os', 'presence']), m([onPod])], legend('{{os}} {{presence}}'))],
      p.pos(0, 48, 12, 8),
    ),
    p.timeseries(
      'Ingest: SDK report batches and events',
      "SDK report batches and events per second by outcome (and rejection reason). Normal: accepted follows the app's traffic, rejected near zero. Abnormal: rejected batches (bad API key, malformed JSON: check the reason) or accepted dropping to zero (apps stopped reporting).",
      'ops',
      p.targets([
        ['sum %s (rate(nexconn_ingest_batches_total{%s}[$__rate_interval]))' % [by(['outcome']), m([onPod])], legend('batches {{outcome}}')],
        ['sum %s (rate(nexconn_ingest_events_total{%s}[$__rate_interval]))' % [by(['outcome', 'reason']), m([onPod])], legend('events {{outcome}} {{reason}}')],
      ]),
      p.pos(12, 48, 12, 8),
    ),
    p.row('Alerts', 56),
    p.timeseries(
      'Firing alerts',
      'Alerts the sidecar reports as firing, by name and severity; the same alerts are drawn as annotations on every time axis. Normal: empty. Abnormal: any line; match it with the panel above that shows the same spike.',
      'short',
      [p.target('sum %s (nexconn_alerts{%s}) > 0' % [by(['alertname', 'severity']), m([onPod, 'state="firing"'])], legend('{{alertname}} ({{severity}})'))],
      p.pos(0, 57, 16, 8),
    ),
    p.timeseries(
      'Alert notifications',
      'Alert notifications per second by receiver and outcome. Normal: a few successes when alerts fire. Abnormal: failures (Alertmanager or webhook unreachable: pages are not delivered).',
      'ops',
      [p.target('sum %s (rate(nexconn_alert_notifications_total{%s}[$__rate_interval]))' % [by(['receiver', 'outcome']), m([onPod])], legend('{{receiver}} {{outcome}}'))],
      p.pos(16, 57, 8, 8),
    ),
    p.row('Connect phases', 65),
    p.timeseries(
      'Connect phase latency (p50/p99)',
      'Time each phase of a probe connect takes (dns, tcp, tls, ws_upgrade, connack), p50 and p99 over 5m (all pods; recording rule %s). Normal: dns and tcp in single milliseconds on a local network, tls and ws_upgrade a few round trips, connack the largest share. Abnormal: one phase climbing on its own points at its layer: dns (resolver), tcp (network or black-holed port), tls (handshake or certificate checks), ws_upgrade (proxy or load balancer), connack (the server is slow to accept).' % rec('connectPhase'),
      's',
      p.targets([
        ['histogram_quantile(0.5, sum %s (%s{%s}))' % [by(['phase', 'le']), rec('connectPhase'), m([])], legend('{{phase}} p50')],
        ['histogram_quantile(0.99, sum %s (%s{%s}))' % [by(['phase', 'le']), rec('connectPhase'), m([])], legend('{{phase}} p99')],
      ]),
      p.pos(0, 66, 12, 8),
    ),
    p.timeseries(
      'Connect failures by phase and reason',
      'Failed probe connect attempts per second by the phase that failed and its reason, stacked (for example dns_nxdomain, tcp_refused, tcp_timeout, tls_untrusted, tls_expired, ws_upgrade_status, connack_timeout, connack_code). Normal: empty (zero). Abnormal: any band; the reason names the layer to check: the resolver, the port or firewall, the certificate, the proxy in front of the upstream, or the server itself.',
      'ops',
      [p.target('sum %s (rate(nexconn_connect_failures_total{%s}[$__rate_interval])) > 0' % [by(['phase', 'reason']), m([onPod])], legend('{{phase}} {{reason}}'))],
      p.pos(12, 66, 12, 8),
      stacked=true,
    ),
    p.row('Upstream certificates', 74),
    p.stat(
      'Leaf certificate expires in',
      "Time left until the upstream's own (leaf) certificate expires, the soonest of the selected pods (wss:// upstreams only). Normal: weeks or months, green. Abnormal: under 14 days (orange, NexconnUpstreamCertificateExpiringSoon warns) or under 3 days (red, NexconnUpstreamCertificateExpiryImminent); renew the certificate on the upstream.",
      's',
      [p.target('min %s (nexconn_upstream_certificate_expiry_timestamp_seconds{%s}) - time()' % [by(), m([onPod])], legend(''))],
      p.pos(0, 75, 6, 8),
      [['red', null], ['orange', 3 * 86400], ['green', 14 * 86400]],
    ),
    p.stat(
      'Earliest chain certificate expires in',
      'Time left until the first certificate of the presented chain (leaf or intermediate) expires. Normal: equal to or later than a comfortable margin, green. Abnormal: under 14 days (orange) or 3 days (red), or well before the leaf: an intermediate runs out first and then every client fails the TLS handshake although the leaf is fine.',
      's',
      [p.target('min %s (nexconn_upstream_chain_earliest_expiry_timestamp_seconds{%s}) - time()' % [by(), m([onPod])], legend(''))],
      p.pos(6, 75, 6, 8),
      [['red', null], ['orange', 3 * 86400], ['green', 14 * 86400]],
    ),
    p.timeseries(
      'Certificate time left',
      'Time left until the leaf and the earliest chain certificate expire, over time. Normal: two lines falling slowly (one day per day) and jumping up when a certificate is renewed. Abnormal: a line heading for zero without a jump (renewal did not happen), a sudden drop (a certificate with a shorter life was deployed), or a gap (the upstream is not wss:// or the probes cannot reach it).',
      's',
      p.targets([
        ['min %s (nexconn_upstream_certificate_expiry_timestamp_seconds{%s}) - time()' % [by(), m([onPod])], legend('leaf')],
        ['min %s (nexconn_upstream_chain_earliest_expiry_timestamp_seconds{%s}) - time()' % [by(), m([onPod])], legend('earliest in chain')],
      ]),
      p.pos(12, 75, 12, 8),
    ),
    p.row('Message round trips', 83),
    p.timeseries(
      'Message round trip (p50/p99)',
      'Time from one probe sending a message to the other probe receiving it, p50 and p99 over 5m by path: probe (a send frame on the probe connection) and server_api (sent through /v4/direct-channel/message/send); recording rule %s. Normal: flat, well under a second and under the configured deadline. Abnormal: p99 climbing towards the deadline (a slow messaging tier: the latency SLO is being spent), or no line at all (no probe pairs configured, or nothing delivered).' % rec('messageRoundtrip'),
      's',
      p.targets([
        ['histogram_quantile(0.5, sum %s (%s{%s}))' % [by(['path', 'le']), rec('messageRoundtrip'), m([])], legend('{{path}} p50')],
        ['histogram_quantile(0.99, sum %s (%s{%s}))' % [by(['path', 'le']), rec('messageRoundtrip'), m([])], legend('{{path}} p99')],
      ]),
      p.pos(0, 84, 9, 8),
    ),
    p.timeseries(
      'Messages lost, late, duplicated, out of order',
      'Probe messages per second that were not delivered within the deadline (lost), arrived after it (late, a subset of lost), arrived twice (duplicated) or after a later one (out of order), by path. Normal: all zero. Abnormal: lost without late (messages dropped), lost followed by the same late (messages slow), duplicated or out of order (redelivery in the upstream); NexconnMessageDeliveryDegraded fires above 5% lost.',
      'ops',
      p.targets([
        ['sum %s (rate(nexconn_messages_lost_total{%s}[$__rate_interval]))' % [by(['path']), m([onPod])], legend('{{path}} lost')],
        ['sum %s (rate(nexconn_messages_late_total{%s}[$__rate_interval]))' % [by(['path']), m([onPod])], legend('{{path}} late')],
        ['sum %s (rate(nexconn_messages_duplicated_total{%s}[$__rate_interval]))' % [by(['path']), m([onPod])], legend('{{path}} duplicated')],
        ['sum %s (rate(nexconn_messages_out_of_order_total{%s}[$__rate_interval]))' % [by(['path']), m([onPod])], legend('{{path}} out of order')],
      ]),
      p.pos(9, 84, 9, 8),
    ),
    p.stat(
      'Round trips within 1 s (SLO 99%)',
      'Share of probe message round trips over the dashboard time range that completed within 1 second (all paths). Normal: at or above 99%, green. Abnormal: below it (orange under 99%, red under 95%): NexconnMessageLatencySLOBreached fires when it stays below for 15 minutes.',
      'percentunit',
      [p.target('sum %s (increase(nexconn_message_roundtrip_seconds_bucket{%s}[$__range])) / sum %s (increase(nexconn_message_roundtrip_seconds_count{%s}[$__range]))' % [by(), m([onPod, 'le=~"1|1.0"']), by(), m([onPod])], legend(''))],
      p.pos(18, 84, 6, 8),
      [['red', null], ['orange', 0.95], ['green', 0.99]],
    ),
    p.row('Sidecar health (JVM)', 92),
    p.timeseries(
      'JVM heap',
      'Heap used versus max. Normal: a saw-tooth well below max. Abnormal: the floor rising after each GC (a leak) or usage pinned near max (raise the memory limit or lower the probe count).',
      'bytes',
      p.targets([
        ['sum %s (jvm_memory_used_bytes{%s})' % [by([pod]), m([onPod, 'area="heap"'])], legend('{{%s}} used' % pod)],
        ['sum %s (jvm_memory_max_bytes{%s})' % [by([pod]), m([onPod, 'area="heap"'])], legend('{{%s}} max' % pod)],
      ]),
      p.pos(0, 93, 8, 8),
    ),
    p.timeseries(
      'CPU',
      'Process CPU usage (share of the available cores). Normal: a few percent. Abnormal: sustained high usage (reconnect storms or huge ingest batches) that can starve the event loop.',
      'percentunit',
      p.targets([
        ['avg %s (process_cpu_usage{%s})' % [by([pod]), m([onPod])], legend('{{%s}} process' % pod)],
        ['avg %s (system_cpu_usage{%s})' % [by([pod]), m([onPod])], legend('{{%s}} system' % pod)],
      ]),
      p.pos(8, 93, 8, 8),
    ),
    p.timeseries(
      'GC pause time',
      'Seconds per second spent in GC pauses (the series appears after the first collection). Normal: well under 0.01. Abnormal: above 0.05, which delays heartbeats and makes probes look suspended.',
      's',
      [p.target('sum %s (rate(jvm_gc_pause_seconds_sum{%s}[$__rate_interval]))' % [by([pod]), m([onPod])], legend('{{%s}}' % pod))],
      p.pos(16, 93, 8, 8),
    ),
    p.timeseries(
      'Allocation rate',
      'Bytes allocated on the heap per second. Normal: steady, following the event and scrape rate. Abnormal: a jump without more traffic (a hot loop, oversized ingest batches), which drives GC pauses up.',
      'Bps',
      [p.target('sum %s (rate(jvm_gc_memory_allocated_bytes_total{%s}[$__rate_interval]))' % [by([pod]), m([onPod])], legend('{{%s}}' % pod))],
      p.pos(0, 101, 8, 8),
    ),
    p.timeseries(
      'Live threads',
      'Live JVM threads. Normal: flat (event loops plus a few workers). Abnormal: steady growth (a thread leak).',
      'short',
      [p.target('sum %s (jvm_threads_live_threads{%s})' % [by([pod]), m([onPod])], legend('{{%s}}' % pod))],
      p.pos(8, 101, 8, 8),
    ),
    p.timeseries(
      'Uptime',
      'Seconds since the sidecar started. Normal: a steady climb. Abnormal: frequent drops to zero (restarts: check liveness probe failures and OOM kills).',
      's',
      [p.target('max %s (process_uptime_seconds{%s})' % [by([pod]), m([onPod])], legend('{{%s}}' % pod))],
      p.pos(16, 101, 8, 8),
    ),
  ],

  local sel(extra) = promql.join([config.nexconnSelector] + extra),
  // The SLO row goes below the first row; everything after it moves down by its height.
  local layout = top + sloRow + [x { gridPos+: { y: super.y + 9 } } for x in rest],

  grafanaDashboards+:: {
    'nexconn-overview.json': {
      uid: config.dashboardUid,
      title: config.dashboardTitle,
      description: 'Connection health of the Nexconn chat service as seen by nexconn-exporter: probe connections, SDK reports, presence webhooks, alerts and the sidecar itself, per cluster and namespace.',
      tags: config.dashboardTags,
      editable: true,
      graphTooltip: 1,
      timezone: 'browser',
      refresh: config.dashboardRefresh,
      schemaVersion: 39,
      version: 1,
      fiscalYearStartMonth: 0,
      liveNow: false,
      weekStart: '',
      time: { from: config.dashboardTimeFrom, to: 'now' },
      timepicker: {},
      links: [],
      annotations: {
        list: [
          {
            builtIn: 1,
            datasource: { type: 'grafana', uid: '-- Grafana --' },
            enable: true,
            hide: true,
            iconColor: 'rgba(0, 211, 255, 1)',
            name: 'Annotations & Alerts',
            type: 'dashboard',
          },
          {
            name: 'Firing alerts',
            enable: true,
            hide: false,
            iconColor: 'red',
            datasource: p.datasource,
            target: {
              refId: 'Anno',
              expr: 'sum %s (nexconn_alerts{%s}) > 0' % [by(['alertname', 'severity']), m([onPod, 'state="firing"'])],
              interval: '30s',
            },
          },
        ],
      },
      templating: {
        list: [
          p.datasourceVariable,
          p.queryVariable('cluster', 'Cluster', 'label_values(nexconn_connections{%s}, %s)' % [sel([]), c]),
          p.queryVariable('namespace', 'Namespace', 'label_values(nexconn_connections{%s}, %s)' % [sel(['%s=~"$cluster"' % c]), n]),
          p.queryVariable('pod', 'Pod', 'label_values(nexconn_connections{%s}, %s)' % [m([]), pod]),
          p.queryVariable('source', 'Source', 'label_values(nexconn_connection_status_transitions_total{%s}, source)' % m([onPod])),
          p.queryVariable('platform', 'Platform', 'label_values(nexconn_connection_status_transitions_total{%s}, platform)' % m([onPod, 'source=~"$source"'])),
        ],
      },
      // Panel ids in layout order: unique by construction.
      panels: [
        layout[i] { id: i + 1 }
        for i in std.range(0, std.length(layout) - 1)
      ],
    },
  },
}
