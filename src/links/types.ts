/** Shared types of the external link checker. */

/** One occurrence of an external link in the content. */
export interface LinkOccurrence {
  url: string;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  col: number;
}

export type LinkStatus = 'ok' | 'broken' | 'warning' | 'excluded';

/** What was found for one address (shared by all its occurrences). */
export interface LinkOutcome {
  status: LinkStatus;
  /** Last HTTP status received, when there was one. */
  httpStatus?: number;
  /** In French. */
  message: string;
  /** Address reached after following redirects, when different from the original. */
  finalUrl?: string;
}

/** The outcome of an address actually checked (or taken from the cache). */
export type CheckedOutcome = LinkOutcome & { status: 'ok' | 'broken' | 'warning' };

export type LinkResult = LinkOccurrence & LinkOutcome;

export interface LinkReport {
  /** One result per occurrence, in the order of the input. */
  results: LinkResult[];
  stats: {
    /** Distinct addresses checked or taken from the cache (exclusions not counted). */
    urls: number;
    /** HTTP requests made (HEAD, GET, redirects and retries included). */
    requests: number;
    /** Distinct addresses whose result came from the cache. */
    fromCache: number;
    durationMs: number;
    /** Highest number of simultaneous requests seen for each host name. */
    peakPerHost: Record<string, number>;
  };
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CheckOptions {
  /** Global cap on simultaneous requests (16). */
  concurrency?: number;
  /** Cap on simultaneous requests to one host name (2). */
  perHost?: number;
  /** Minimum time between two request starts to the same host name (100 ms). */
  minIntervalMs?: number;
  /** Time allowed for one request to get its response headers (10 s). */
  timeoutMs?: number;
  /** Extra attempts after a timeout, a reset connection, a 429 or a 5xx (2). */
  retries?: number;
  /** First pause before a retry when the server gives no Retry-After; doubled each time (500 ms). */
  retryDelayMs?: number;
  /** Longest Retry-After honoured; longer requests are shortened to this (30 s). */
  maxRetryAfterMs?: number;
  /** Results file reused between runs; `ttlMs` defaults to 7 days (1 day at most for broken links). */
  cache?: { file: string; ttlMs?: number };
  /** Patterns of addresses not to check (see `exclusions.ts`). */
  exclusions?: string[];
  /** Clock used for the cache and HTTP dates (Date.now). */
  now?: () => number;
  fetchImpl?: FetchLike;
  onProgress?: (done: number, total: number) => void;
  userAgent?: string;
}
