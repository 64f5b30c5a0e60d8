/**
 * The mail queue: every e-mail Essaim sends in numbers (alerts, newsletter; later the follow-up of
 * submissions) is first written to the service's SQLite database, then sent at a configurable pace.
 *
 * Never twice: a message is marked `envoi` (committed and flushed) before it is handed to the
 * mailer, and `envoye` after. A message found in `envoi` after a crash may or may not have left:
 * it becomes `incertain` and is not sent again (at most once: a missing newsletter is better than
 * a duplicate one, which gets a sender flagged as spam). A refusal by the SMTP server (a response
 * code) means the message did not leave: 4xx is retried later, 5xx is a hard bounce.
 *
 * Bounces (`mail_bounces`, one row per address): `count` is the number of hard bounces, from the
 * SMTP server's refusals and from those Essaim is told about (`essaim rebonds`); at
 * `HARD_BOUNCES_TO_SUSPEND` the address is suspended (`permanent`): nothing more is queued to it
 * for the alerts, and what is still queued is not sent. A temporary bounce is noted, not counted.
 */
import type Database from 'better-sqlite3';
import type { Mailer, MailMessage } from './mailer.js';

export type MailStatus = 'attente' | 'envoi' | 'envoye' | 'incertain' | 'echec' | 'ignore';

export interface QueuedMail extends MailMessage {
  /** A message with a key already in the queue is not queued again (e.g. `lettre:2026-12-07:<abonnement>`). */
  key?: string;
}

interface Row {
  id: number;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  headers: string;
  attempts: number;
}

export interface QueueOptions {
  /** Messages per second, at most. */
  perSecond: number;
  /** Attempts after a temporary refusal (4xx) before giving up. */
  maxAttempts?: number;
  /** First retry delay (ms), doubled at each temporary refusal. */
  retryDelayMs?: number;
}

/**
 * Hard bounces after which an address is suspended. More than one: a single refusal may be the
 * receiving server's passing mistake, and the reader would lose their alerts without knowing why.
 */
export const HARD_BOUNCES_TO_SUSPEND = 3;

/** Time after which a message still `envoi` is taken as the victim of a crash (no send takes that long). */
export const STALE_CLAIM_MS = 10 * 60_000;

const normalise = (email: string): string => email.trim().toLowerCase();

export class MailQueue {
  private readonly stmts;

  /** `db`: the service's database, already migrated (see `src/server/migrations.ts`). */
  constructor(readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO mail_queue (dedupe_key, recipient, subject, text, html, headers, status,
        next_attempt_at, created_at) VALUES (@key, @to, @subject, @text, @html, @headers, 'attente', @now, @now)
        ON CONFLICT (dedupe_key) DO NOTHING`),
      claim: db.prepare(`UPDATE mail_queue SET status = 'envoi', claimed_at = @now, attempts = attempts + 1
        WHERE id = (SELECT id FROM mail_queue WHERE status = 'attente' AND next_attempt_at <= @now
          ORDER BY next_attempt_at, id LIMIT 1) AND status = 'attente'
        RETURNING id, recipient, subject, text, html, headers, attempts`),
      sent: db.prepare(
        `UPDATE mail_queue SET status = 'envoye', message_id = @messageId, sent_at = @now, last_error = NULL WHERE id = @id`,
      ),
      retry: db.prepare(
        `UPDATE mail_queue SET status = 'attente', next_attempt_at = @next, last_error = @error WHERE id = @id`,
      ),
      end: db.prepare(`UPDATE mail_queue SET status = @status, last_error = @error WHERE id = @id`),
      stale: db.prepare(
        `UPDATE mail_queue SET status = 'incertain', last_error = 'interrompu pendant l’envoi (arrêt du processus)'
        WHERE status = 'envoi' AND claimed_at < ?`,
      ),
      nextDue: db.prepare(`SELECT MIN(next_attempt_at) AS t FROM mail_queue WHERE status = 'attente'`),
      counts: db.prepare('SELECT status, COUNT(*) AS n FROM mail_queue GROUP BY status'),
      bounce: db.prepare(`INSERT INTO mail_bounces (email, permanent, reason, count, at)
        VALUES (@email, @hard >= @limit, @reason, @hard, @now)
        ON CONFLICT (email) DO UPDATE SET permanent = max(permanent, count + excluded.count >= @limit),
        reason = excluded.reason, count = count + excluded.count, at = excluded.at`),
      bounced: db.prepare('SELECT 1 FROM mail_bounces WHERE email = ? AND permanent = 1'),
      lift: db.prepare('DELETE FROM mail_bounces WHERE email = ?'),
    };
  }

  /** Queues messages in one transaction; returns how many were queued (known keys are skipped). */
  enqueue(messages: Iterable<QueuedMail>, now = Date.now()): number {
    let n = 0;
    this.db.transaction(() => {
      for (const m of messages) {
        n += this.stmts.insert.run({
          key: m.key ?? null,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          headers: JSON.stringify(m.headers ?? {}),
          now,
        }).changes;
      }
    })();
    return n;
  }

  /**
   * Records a bounce (from the SMTP server's refusal, or reported by the mail provider); returns
   * true when the address is suspended after it.
   */
  recordBounce(email: string, bounce: { permanent: boolean; reason: string }, now = Date.now()): boolean {
    const hard = bounce.permanent ? 1 : 0;
    this.stmts.bounce.run({
      email: normalise(email),
      hard,
      limit: HARD_BOUNCES_TO_SUSPEND,
      reason: bounce.reason,
      now,
    });
    return this.bounced(email);
  }

  /** Lifts the suspension of an address (the reader fixed their mailbox); false when it had none. */
  liftBounces(email: string): boolean {
    return this.stmts.lift.run(normalise(email)).changes === 1;
  }

  /** True when the address is suspended: nothing more is sent to it. */
  bounced(email: string): boolean {
    return this.stmts.bounced.get(normalise(email)) !== undefined;
  }

  /** Messages left in `envoi` by a sender that died become `incertain`; returns how many. */
  recoverStale(now = Date.now(), olderThanMs = STALE_CLAIM_MS): number {
    return this.stmts.stale.run(now - olderThanMs).changes;
  }

  nextDueAt(): number | undefined {
    return (this.stmts.nextDue.get() as { t: number | null }).t ?? undefined;
  }

  counts(): Record<MailStatus, number> {
    const out: Record<MailStatus, number> = { attente: 0, envoi: 0, envoye: 0, incertain: 0, echec: 0, ignore: 0 };
    for (const r of this.stmts.counts.all() as { status: MailStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /**
   * Sends the due messages one after the other, `perSecond` at most, until none is due (or
   * `limit` were handled). Several senders may run at once (the service and a command): a message
   * is claimed by one of them only.
   */
  async drain(
    mailer: Mailer,
    options: QueueOptions & {
      limit?: number;
      now?: () => number;
      sleep?: (ms: number) => Promise<void>;
      /** Checked before each message: true stops the drain (the service is stopping). */
      stop?: () => boolean;
    },
  ): Promise<Record<'envoye' | 'reessai' | 'echec' | 'incertain' | 'ignore', number>> {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const interval = 1000 / Math.max(options.perSecond, 0.001);
    const maxAttempts = options.maxAttempts ?? 5;
    const retryDelayMs = options.retryDelayMs ?? 60_000;
    const done = { envoye: 0, reessai: 0, echec: 0, incertain: 0, ignore: 0 };
    let last = -Infinity;
    for (let handled = 0; options.limit === undefined || handled < options.limit; handled++) {
      // Paced before the claim: a message is `envoi` only while it is really being sent.
      const wait = last + interval - now();
      if (wait > 0) await sleep(wait);
      if (options.stop?.()) break;
      const row = this.stmts.claim.get({ now: now() }) as Row | undefined;
      if (!row) break;
      if (this.bounced(row.recipient)) {
        this.stmts.end.run({ id: row.id, status: 'ignore', error: 'adresse en rebond définitif' });
        done.ignore++;
        continue;
      }
      last = now();
      try {
        const { messageId } = await mailer.send({
          to: row.recipient,
          subject: row.subject,
          text: row.text,
          ...(row.html !== null ? { html: row.html } : {}),
          headers: JSON.parse(row.headers) as Record<string, string>,
        });
        this.stmts.sent.run({ id: row.id, messageId, now: now() });
        done.envoye++;
      } catch (error) {
        const e = error as Error & { responseCode?: number; command?: string };
        const reason = (e.message || String(error)).slice(0, 500);
        if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
          this.stmts.end.run({ id: row.id, status: 'echec', error: reason });
          this.recordBounce(row.recipient, { permanent: true, reason }, now());
          done.echec++;
        } else if ((typeof e.responseCode === 'number' || e.command === 'CONN') && row.attempts < maxAttempts) {
          // Refused before it was taken (4xx, or no connection): it did not leave; try again later.
          this.stmts.retry.run({ id: row.id, next: now() + retryDelayMs * 2 ** (row.attempts - 1), error: reason });
          done.reessai++;
        } else if (typeof e.responseCode === 'number' || e.command === 'CONN') {
          this.stmts.end.run({ id: row.id, status: 'echec', error: reason });
          done.echec++;
        } else {
          // Cut off mid-way: it may have left. Not sent again.
          this.stmts.end.run({ id: row.id, status: 'incertain', error: reason });
          done.incertain++;
        }
      }
    }
    return done;
  }
}

/**
 * Sends the queue in the background (the service): wakes when a message is queued, or when the
 * next retry is due. Messages left `envoi` by a previous run that died become `incertain` at start.
 */
export class MailSender {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly queue: MailQueue,
    private readonly mailer: Mailer,
    private readonly options: QueueOptions,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  start(): void {
    this.stopped = false;
    this.queue.recoverStale();
    this.wake();
  }

  /** Something was queued: send it (now, or after the run under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.queue.drain(this.mailer, { ...this.options, stop: () => this.stopped });
        } catch (error) {
          this.onError(error);
        }
      } while (this.wokenMeanwhile());
    })().finally(() => {
      this.running = undefined;
      this.scheduleRetry();
    });
  }

  /** True when `wake` was called during the last drain (its message may have come after the last claim). */
  private wokenMeanwhile(): boolean {
    return this.again && !this.stopped;
  }

  /** Wakes again when the next retry is due. */
  private scheduleRetry(): void {
    if (this.stopped) return;
    const next = this.queue.nextDueAt();
    if (next !== undefined)
      this.timer = setTimeout(() => this.wake(), Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.mailer.close();
  }
}
