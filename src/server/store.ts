/**
 * The outbox: every accepted submission is written to SQLite before the service answers 202, and
 * the worker opens pull requests from it. WAL journal with `synchronous = FULL`: each commit is
 * flushed to disk (fsync of the WAL) before it returns, so an acknowledged submission survives a
 * crash of the process AND of the machine (NORMAL would survive a `kill -9` but could lose the
 * last commits on a power cut, which would break "never lost"). WAL keeps readers (status page)
 * from blocking the writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionName } from '../content/collections.js';
import { migrate } from './migrations.js';

/** The outbox's file in the data directory (also read by the backup and restore commands). */
export const DATABASE_FILE = 'soumissions.sqlite';

export type SubmissionStatus = 'recue' | 'en-cours' | 'ouverte' | 'echec';

export interface NewSubmission {
  id: string;
  collection: CollectionName;
  entryId: string;
  path: string;
  content: string;
  title: string;
  prTitle: string;
  prBody: string;
  commitMessage: string;
  branch: string;
  /** Follow-up contact: kept here only, never in Git, never in logs. */
  contactName: string;
  contactEmail: string;
  credit: boolean;
  /** An edit: the blob of the file on the base branch when it was accepted, and its text. */
  baseSha?: string | null;
  baseContent?: string | null;
  /** The submitter agreed to an e-mail when the pull request is merged or closed. */
  notify?: boolean;
}

/** The pull request's state as last read from GitHub. */
export type PullState = 'open' | 'merged' | 'closed';

export interface Submission extends NewSubmission {
  baseSha: string | null;
  baseContent: string | null;
  notify: boolean;
  prState: PullState | null;
  /** The maintainers' reason when they closed it (their last comment). */
  prReason: string | null;
  notifiedAt: number | null;
  status: SubmissionStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  prNumber: number | null;
  prUrl: string | null;
  commit: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  collection: string;
  entry_id: string;
  path: string;
  content: string;
  title: string;
  pr_title: string;
  pr_body: string;
  commit_message: string;
  branch: string;
  contact_name: string;
  contact_email: string;
  credit: number;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  pr_number: number | null;
  pr_url: string | null;
  commit_sha: string | null;
  created_at: number;
  updated_at: number;
  base_sha: string | null;
  base_content: string | null;
  notify: number;
  pr_state: string | null;
  pr_reason: string | null;
  notified_at: number | null;
}

function toSubmission(r: Row): Submission {
  return {
    id: r.id,
    collection: r.collection as CollectionName,
    entryId: r.entry_id,
    path: r.path,
    content: r.content,
    title: r.title,
    prTitle: r.pr_title,
    prBody: r.pr_body,
    commitMessage: r.commit_message,
    branch: r.branch,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    credit: r.credit === 1,
    status: r.status as SubmissionStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    prNumber: r.pr_number,
    prUrl: r.pr_url,
    commit: r.commit_sha,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    baseSha: r.base_sha,
    baseContent: r.base_content,
    notify: r.notify === 1,
    prState: r.pr_state as PullState | null,
    prReason: r.pr_reason,
    notifiedAt: r.notified_at,
  };
}

interface Pending {
  submission: NewSubmission;
  now: number;
  resolve(): void;
  reject(error: unknown): void;
}

export class Outbox {
  readonly db: Database.Database;
  private readonly stmts;
  /** Group commit: submissions waiting for the next transaction (one fsync for all of them). */
  private pending: Pending[] = [];
  /** `<collection>/<id>` of pending submissions, so that two of them never get the same id. */
  private readonly reserved = new Set<string>();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    const db = this.db;
    this.stmts = {
      insert:
        db.prepare(`INSERT INTO submissions (id, collection, entry_id, path, content, title, pr_title, pr_body, commit_message, branch,
        contact_name, contact_email, credit, status, attempts, next_attempt_at, created_at, updated_at,
        base_sha, base_content, notify)
        VALUES (@id, @collection, @entryId, @path, @content, @title, @prTitle, @prBody, @commitMessage, @branch,
        @contactName, @contactEmail, @credit, 'recue', 0, @now, @now, @now, @baseSha, @baseContent, @notify)`),
      get: db.prepare('SELECT * FROM submissions WHERE id = ?'),
      idTaken: db.prepare('SELECT 1 FROM submissions WHERE collection = ? AND entry_id = ? AND base_sha IS NULL'),
      due: db.prepare(
        `SELECT * FROM submissions WHERE status IN ('recue', 'en-cours') AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`,
      ),
      nextDue: db.prepare(`SELECT MIN(next_attempt_at) AS t FROM submissions WHERE status IN ('recue', 'en-cours')`),
      claim: db.prepare(
        `UPDATE submissions SET status = 'en-cours', attempts = attempts + 1, updated_at = @now WHERE id = @id AND status IN ('recue', 'en-cours')`,
      ),
      opened: db.prepare(
        `UPDATE submissions SET status = 'ouverte', pr_number = @prNumber, pr_url = @prUrl, commit_sha = @commit, branch = @branch, last_error = NULL, updated_at = @now WHERE id = @id`,
      ),
      retry: db.prepare(
        `UPDATE submissions SET status = 'en-cours', next_attempt_at = @next, last_error = @error, updated_at = @now WHERE id = @id`,
      ),
      failed: db.prepare(
        `UPDATE submissions SET status = 'echec', last_error = @error, updated_at = @now WHERE id = @id`,
      ),
      count: db.prepare('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status'),
      powInsert: db.prepare('INSERT OR IGNORE INTO pow_used (signature, expires_at) VALUES (?, ?)'),
      powPurge: db.prepare('DELETE FROM pow_used WHERE expires_at < ?'),
      probe: db.prepare(
        'INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
      ),
      // Index seeks only (submissions_created, submissions_updated): cheap however many submissions were opened.
      observe: db.prepare(`SELECT
        (SELECT COUNT(*) FROM submissions WHERE status IN ('recue', 'en-cours')) AS pending,
        (SELECT COUNT(*) FROM submissions WHERE status = 'echec') AS failed,
        (SELECT MIN(created_at) FROM submissions WHERE status IN ('recue', 'en-cours')) AS oldest,
        (SELECT MAX(updated_at) FROM submissions WHERE status = 'ouverte') AS last`),
    };
  }

  /** True when a submission already uses this id in this collection (whatever its status), or is about to. */
  entryIdTaken(collection: CollectionName, entryId: string): boolean {
    return this.reserved.has(`${collection}/${entryId}`) || this.stmts.idTaken.get(collection, entryId) !== undefined;
  }

  /** Holds an id while its submission is being validated; the returned function lets it go. */
  reserve(collection: CollectionName, entryId: string): () => void {
    const key = `${collection}/${entryId}`;
    this.reserved.add(key);
    return () => this.reserved.delete(key);
  }

  /**
   * Stores a submission durably; resolves once its transaction is committed and flushed. The
   * submissions that arrive during the same turn of the event loop share one transaction (group
   * commit): one fsync for all of them instead of one each. The id is reserved at once.
   */
  store(s: NewSubmission, now = Date.now()): Promise<void> {
    if (!s.baseSha) this.reserved.add(`${s.collection}/${s.entryId}`);
    return new Promise((resolve, reject) => {
      this.pending.push({ submission: s, now, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    try {
      this.db.transaction(() => {
        for (const p of batch) this.insert(p.submission, p.now);
      })();
      for (const p of batch) p.resolve();
    } catch {
      // One of them failed (a constraint): store them one by one so that only that one is refused.
      for (const p of batch) {
        try {
          this.insert(p.submission, p.now);
          p.resolve();
        } catch (error) {
          p.reject(error);
        }
      }
    } finally {
      for (const p of batch)
        if (!p.submission.baseSha) this.reserved.delete(`${p.submission.collection}/${p.submission.entryId}`);
    }
  }

  /** Stores a submission durably (the commit is flushed before this returns). */
  insert(s: NewSubmission, now = Date.now()): void {
    this.stmts.insert.run({
      ...s,
      credit: s.credit ? 1 : 0,
      baseSha: s.baseSha ?? null,
      baseContent: s.baseContent ?? null,
      notify: s.notify ? 1 : 0,
      now,
    });
  }

  /** Runs `fn` in one transaction (id allocation and insert happen atomically). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Records the pull request's state as read from GitHub. */
  setPullState(id: string, state: PullState, reason: string | null, now = Date.now()): void {
    this.db
      .prepare('UPDATE submissions SET pr_state = ?, pr_reason = ?, updated_at = ? WHERE id = ?')
      .run(state, reason, now, id);
  }

  markNotified(id: string, now = Date.now()): void {
    this.db.prepare('UPDATE submissions SET notified_at = ? WHERE id = ?').run(now, id);
  }

  /** Transmitted submissions whose pull request was not yet seen merged or closed. */
  openPulls(): Submission[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM submissions WHERE status = 'ouverte' AND pr_number IS NOT NULL AND (pr_state IS NULL OR pr_state = 'open')`,
        )
        .all() as Row[]
    ).map(toSubmission);
  }

  get(id: string): Submission | undefined {
    const row = this.stmts.get.get(id) as Row | undefined;
    return row ? toSubmission(row) : undefined;
  }

  due(now: number, limit: number): Submission[] {
    return (this.stmts.due.all(now, limit) as Row[]).map(toSubmission);
  }

  nextDueAt(): number | undefined {
    const r = this.stmts.nextDue.get() as { t: number | null };
    return r.t ?? undefined;
  }

  /** Marks a submission as being worked on; false if it is no longer pending. */
  claim(id: string, now = Date.now()): boolean {
    return this.stmts.claim.run({ id, now }).changes === 1;
  }

  markOpened(
    id: string,
    result: { prNumber: number | null; prUrl: string | null; commit: string | null; branch: string },
    now = Date.now(),
  ): void {
    this.stmts.opened.run({ id, ...result, now });
  }

  scheduleRetry(id: string, next: number, error: string, now = Date.now()): void {
    this.stmts.retry.run({ id, next, error, now });
  }

  markFailed(id: string, error: string, now = Date.now()): void {
    this.stmts.failed.run({ id, error, now });
  }

  counts(): Record<SubmissionStatus, number> {
    const out: Record<SubmissionStatus, number> = { recue: 0, 'en-cours': 0, ouverte: 0, echec: 0 };
    for (const r of this.stmts.count.all() as { status: SubmissionStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /** Records a proof-of-work as used; false when it was already used (a replay). */
  usePow(signature: string, expiresAt: number, now = Date.now()): boolean {
    this.stmts.powPurge.run(now);
    return this.stmts.powInsert.run(signature, expiresAt).changes === 1;
  }

  /** A real write, committed and flushed like a submission; throws when the database cannot be written. */
  probeWrite(now = Date.now()): void {
    this.stmts.probe.run(now);
  }

  /** Pending and failed submissions, when the oldest pending one arrived and the last one was transmitted (undefined: none). */
  observe(): { pending: number; failed: number; oldestPendingAt?: number; lastOpenedAt?: number } {
    const r = this.stmts.observe.get() as {
      pending: number;
      failed: number;
      oldest: number | null;
      last: number | null;
    };
    return {
      pending: r.pending,
      failed: r.failed,
      ...(r.oldest !== null ? { oldestPendingAt: r.oldest } : {}),
      ...(r.last !== null ? { lastOpenedAt: r.last } : {}),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
