/**
 * The worker: takes due submissions from the outbox and opens their pull requests. Failures are
 * retried with exponential backoff (never sooner than GitHub's `retry-after`); after
 * `maxAttempts` the submission goes to dead-letter (status `echec`). Submissions left `en-cours`
 * by a crash are due again at start: proposing is idempotent (same branch, an existing pull
 * request is found, not doubled), so running one twice is safe.
 *
 * Accepting comes before publishing: while submissions keep arriving, new attempts wait for a lull
 * of `quietMs` (at most `maxDeferMs`), so that opening pull requests does not slow the answers.
 */
import type { FastifyBaseLogger } from 'fastify';
import { GitHubError, ProposeError } from '../github/errors.js';
import type { WorkerConfig } from './config.js';
import type { Proposer } from './proposers.js';
import type { Outbox, Submission } from './store.js';

interface HeaderCarrier {
  response?: { headers?: Record<string, string | number | undefined> };
  cause?: unknown;
}

/** The wait GitHub asked for (ms), from `retry-after` or the rate-limit reset, anywhere in the cause chain. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const headers = (e as HeaderCarrier).response?.headers;
    if (headers) {
      const ra = headers['retry-after'];
      if (ra !== undefined) {
        const s = Number(ra);
        if (Number.isFinite(s)) return Math.max(0, s * 1000);
        const at = Date.parse(String(ra));
        if (Number.isFinite(at)) return Math.max(0, at - now);
      }
      if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
        const reset = Number(headers['x-ratelimit-reset']) * 1000;
        if (Number.isFinite(reset)) return Math.max(0, reset - now);
      }
    }
    e = (e as HeaderCarrier).cause;
  }
  return undefined;
}

/** Delay before attempt `attempts + 1`: base × 2^(attempts−1), ±20 % jitter, capped; at least `retry-after`. */
export function backoffMs(attempts: number, config: WorkerConfig, retryAfter?: number, random = Math.random): number {
  const exp = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfter ?? 0);
}

/** A French message for the status page (never a token or a stack trace). */
export function describeError(error: unknown): string {
  // The library's advice to re-run is for CLI users; here the service retries by itself.
  if (error instanceof ProposeError) return error.message.replace(/ Réessayez[^.]*\./g, '').trim();
  return 'Erreur inattendue pendant l’ouverture de la proposition ; l’équipe du portail a été prévenue par les journaux du service.';
}

/** Errors that retrying cannot fix (a refused path or branch): straight to dead-letter. */
function permanent(error: unknown): boolean {
  return error instanceof ProposeError && !(error instanceof GitHubError);
}

export interface WorkerOptions {
  outbox: Outbox;
  propose: Proposer;
  config: WorkerConfig;
  log: FastifyBaseLogger;
  /** How often to look for due submissions when nothing wakes the worker (ms). */
  pollMs?: number;
}

export class Worker {
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires. */
  private timerAt = Infinity;
  private stopped = true;
  private idleWaiters: (() => void)[] = [];
  private lastArrival = -Infinity;
  private deferredSince: number | undefined;

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** A submission was accepted: its turn comes at the next lull. */
  arrived(): void {
    this.lastArrival = Date.now();
    // Brought forward (the idle poll may be far), never pushed back (a burst would starve it).
    if (this.timerAt > this.lastArrival + this.o.config.quietMs) this.schedule(this.o.config.quietMs);
  }

  /** Looks for work now. */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(delay, 2 ** 31 - 1));
    this.timerAt = Date.now() + wait;
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.stopped) return;
    const now = Date.now();
    const lull = this.lastArrival + this.o.config.quietMs;
    if (now < lull) {
      this.deferredSince ??= now;
      if (now - this.deferredSince < this.o.config.maxDeferMs) {
        this.schedule(Math.min(lull, this.deferredSince + this.o.config.maxDeferMs) - now);
        return;
      }
    }
    this.deferredSince = undefined;
    const free = this.o.config.concurrency - this.inFlight.size;
    if (free > 0) {
      for (const s of this.o.outbox.due(now, free + this.inFlight.size)) {
        if (this.inFlight.size >= this.o.config.concurrency) break;
        if (this.inFlight.has(s.id) || !this.o.outbox.claim(s.id, now)) continue;
        this.inFlight.add(s.id);
        void this.run({ ...s, attempts: s.attempts + 1 }).finally(() => {
          this.inFlight.delete(s.id);
          this.wake();
        });
      }
    }
    if (this.inFlight.size === 0) {
      const next = this.o.outbox.nextDueAt();
      if (next === undefined) {
        for (const w of this.idleWaiters.splice(0)) w();
        this.schedule(this.o.pollMs ?? 5_000);
      } else {
        this.schedule(Math.min(next - Date.now(), this.o.pollMs ?? 5_000));
      }
    }
  }

  private async run(s: Submission): Promise<void> {
    const log = this.o.log.child({ soumission: s.id, collection: s.collection, tentative: s.attempts });
    try {
      const r = await this.o.propose(s);
      this.o.outbox.markOpened(s.id, r);
      log.info({ branche: r.branch, pr: r.prNumber }, 'proposition ouverte');
    } catch (error) {
      const message = describeError(error);
      if (permanent(error) || s.attempts >= this.o.config.maxAttempts) {
        this.o.outbox.markFailed(s.id, message);
        log.error({ err: error }, 'proposition abandonnée (file des échecs)');
      } else {
        const wait = backoffMs(s.attempts, this.o.config, retryAfterMs(error));
        this.o.outbox.scheduleRetry(s.id, Date.now() + wait, message);
        log.warn({ err: error, attenteMs: wait }, 'échec de l’ouverture, nouvelle tentative prévue');
      }
    }
  }

  /** Resolves when nothing is due or running (tests, bench). */
  idle(): Promise<void> {
    if (this.inFlight.size === 0 && this.o.outbox.nextDueAt() === undefined) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops taking work and waits for the running attempts (at most `graceMs`): an attempt cut short
   * stays `en-cours` and is run again at the next start, which idempotency makes safe.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
