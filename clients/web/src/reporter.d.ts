/** Options of {@link createReporter}. Sizes and times are the defaults in DEFAULTS. */
export interface ReporterOptions {
  /** URL of the sidecar's POST /api/v1/events; same origin (a reverse-proxy path) in browsers, the sidecar sends no CORS headers. */
  endpoint: string;
  /** One of the sidecar's ingest API keys (ingest.apiKeysFile), sent as Authorization: Bearer. */
  apiKey: string;
  /** The app's version: 1-32 of letters, digits, . _ + - */
  appVersion: string;
  /** The Web SDK version, e.g. "5.38.0" (the SDK exports none). */
  sdkVersion?: string;
  /** A batch is sent as soon as this many events are queued (default 50, at most 500). */
  maxBatchEvents?: number;
  /** A partial batch is sent this long after its first event (default 5000 ms). */
  flushIntervalMs?: number;
  /** At most this many events wait (plus one batch in flight); beyond it the oldest are dropped and counted (default 1000). */
  maxQueueEvents?: number;
  /** First retry delay (default 1000 ms); doubles per attempt with jitter up to retryMaxMs (default 60000 ms). 429 waits Retry-After plus jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A request without an answer within this time is retried (default 10000 ms). */
  requestTimeoutMs?: number;
  /** Called with the number just dropped and the total dropped. */
  onDrop?: (dropped: number, totalDropped: number) => void;
  /** Called when the sidecar refused a batch for good (400, 401, 413, 415). */
  onReject?: (httpStatus: number, body: unknown) => void;
  /** Injected for tests: fetch, clock, randomness, batch ids, timers. */
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  newBatchId?: () => string;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface ReporterStats {
  recorded: number;
  dropped: number;
  sentEvents: number;
  sentBatches: number;
  retries: number;
  rateLimited: number;
  rejectedBatches: number;
  rejectedEvents: number;
  duplicates: number;
  queued: number;
}

/** The part of the RongIMLib module the reporter uses. */
export interface ConnectionEventSource {
  Events: { CONNECTING: string; CONNECTED: string; DISCONNECT: string; SUSPEND: string };
  addEventListener(event: string, listener: (code?: number) => void): void;
  removeEventListener(event: string, listener: (code?: number) => void): void;
}

export interface Reporter {
  /** Listens to CONNECTING, CONNECTED, DISCONNECT(code), SUSPEND(code); returns a function that stops listening. */
  attach(im: ConnectionEventSource): () => void;
  /** Records a status by hand (for SDK wrappers that re-emit the events). */
  status(name: 'CONNECTING' | 'CONNECTED' | 'DISCONNECT' | 'SUSPEND', errorCode?: number): void;
  /** Records the outcome of the app's token refresh after a 31004/31020. */
  tokenRefresh(success: boolean): void;
  /** Sends the queued events now (unless a retry is waiting for its backoff). */
  flush(): Promise<void>;
  /** Sends everything with fetch keepalive; called by itself on visibilitychange(hidden) and pagehide. */
  flushOnHide(): void;
  stats(): ReporterStats;
  /** Stops timers and page listeners; queued events are not sent. */
  close(): void;
}

export const DEFAULTS: Readonly<Required<Pick<ReporterOptions,
  'maxBatchEvents' | 'flushIntervalMs' | 'maxQueueEvents' | 'retryBaseMs' | 'retryMaxMs' | 'requestTimeoutMs'>>>;

export function createReporter(options: ReporterOptions): Reporter;
