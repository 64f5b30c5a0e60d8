/**
 * External link checker used by `essaim links --external` and the weekly upkeep job.
 * Each distinct address is requested once (its fragment aside) and reported at every place it
 * appears; requests are spread politely over hosts (see `scheduler.ts`).
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_CACHE_TTL_MS, fromEntry, isFresh, readCache, toEntry, writeCache } from './cache.js';
import type { CacheEntry } from './cache.js';
import { checkUrl, errorCode } from './check.js';
import type { Attempt, Method } from './check.js';
import { exclusionProblem, matchExclusion } from './exclusions.js';
import { HostScheduler } from './scheduler.js';
import type { CheckOptions, FetchLike, LinkOccurrence, LinkOutcome, LinkReport } from './types.js';
import { UsageError } from '../content/problems.js';

export type { CheckOptions, LinkOccurrence, LinkOutcome, LinkReport, LinkResult, LinkStatus } from './types.js';
export { ExclusionError, loadExclusions, parseExclusions, matchExclusion } from './exclusions.js';
export { formatLinkReport } from './format.js';
export type { LinkReportFormat } from './format.js';
export { progressBar } from './progress.js';

export const DEFAULT_USER_AGENT = 'Essaim/0.1 (verification des liens du portail)';

/** One request with a timeout on the response headers; the body is never read. */
async function requestOnce(
  fetchImpl: FetchLike,
  url: string,
  method: Method,
  timeoutMs: number,
  userAgent: string,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl(url, {
      method,
      redirect: 'manual',
      signal: controller.signal,
      headers: { 'user-agent': userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    await response.body?.cancel().catch(() => undefined);
    return {
      kind: 'response',
      status: response.status,
      location: response.headers.get('location'),
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    return controller.signal.aborted ? { kind: 'timeout' } : { kind: 'network', code: errorCode(error) };
  } finally {
    clearTimeout(timer);
  }
}

type Target = { kind: 'check'; key: string } | { kind: 'fixed'; outcome: LinkOutcome };

function classify(url: string, exclusions: readonly string[]): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'fixed', outcome: { status: 'broken', message: 'Adresse invalide' } };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      kind: 'fixed',
      outcome: { status: 'excluded', message: `Adresse ${parsed.protocol} non vérifiée (seuls http et https le sont)` },
    };
  }
  const pattern = matchExclusion(url, exclusions);
  if (pattern !== undefined)
    return {
      kind: 'fixed',
      outcome: { status: 'excluded', message: `Exclu de la vérification (motif « ${pattern} »)` },
    };
  parsed.hash = '';
  return { kind: 'check', key: parsed.href };
}

/** Checks the external links; never throws for a broken link, only for bad options. */
export async function checkExternalLinks(
  links: readonly LinkOccurrence[],
  options: CheckOptions = {},
): Promise<LinkReport> {
  const started = performance.now();
  const now = options.now ?? Date.now;
  const fetchImpl: FetchLike = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const exclusions = options.exclusions ?? [];
  exclusions.forEach((pattern, i) => {
    const problem = exclusionProblem(pattern);
    if (problem) throw new UsageError(`Exclusion n° ${i + 1} invalide : ${problem}`);
  });
  const scheduler = new HostScheduler({
    concurrency: options.concurrency ?? 16,
    perHost: options.perHost ?? 2,
    minIntervalMs: options.minIntervalMs ?? 100,
  });

  const targets = links.map((link) => classify(link.url, exclusions));
  const keys = [...new Set(targets.flatMap((t) => (t.kind === 'check' ? [t.key] : [])))];
  const ttlMs = options.cache?.ttlMs ?? DEFAULT_CACHE_TTL_MS;
  const cache = options.cache ? await readCache(options.cache.file) : new Map<string, CacheEntry>();
  const checkedAt = now();

  let requests = 0;
  let fromCache = 0;
  let done = 0;
  options.onProgress?.(0, keys.length);
  const ctx = {
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    timeoutMs,
    now,
    request: (url: string, method: Method) =>
      scheduler.run(new URL(url).hostname, () => {
        requests++;
        return requestOnce(fetchImpl, url, method, timeoutMs, userAgent);
      }),
    onRetryAfter: (url: string, ms: number) => scheduler.delayHost(new URL(url).hostname, ms),
  };

  const outcomes = new Map<string, LinkOutcome>();
  await Promise.all(
    keys.map(async (key) => {
      const cached = cache.get(key);
      if (cached && isFresh(cached, checkedAt, ttlMs)) {
        fromCache++;
        outcomes.set(key, fromEntry(cached));
      } else {
        const outcome = await checkUrl(key, ctx);
        cache.set(key, toEntry(outcome, now()));
        outcomes.set(key, outcome);
      }
      options.onProgress?.(++done, keys.length);
    }),
  );

  if (options.cache) {
    const end = now();
    for (const [key, entry] of cache) if (!isFresh(entry, end, ttlMs) && !outcomes.has(key)) cache.delete(key);
    await writeCache(options.cache.file, cache);
  }

  return {
    results: links.map((link, i) => {
      const target = targets[i]!;
      const outcome = target.kind === 'check' ? outcomes.get(target.key)! : target.outcome;
      return { ...link, ...outcome };
    }),
    stats: {
      urls: keys.length,
      requests,
      fromCache,
      durationMs: Math.round(performance.now() - started),
      peakPerHost: Object.fromEntries(scheduler.peakPerHost),
    },
  };
}
