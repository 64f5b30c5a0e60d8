/**
 * The outbox's schema, versioned by `PRAGMA user_version`. Migration `n` takes a database from
 * version n to n + 1, in one transaction with the new version number, so that a crash leaves the
 * database at one version or the next, never between. The service runs the missing ones at
 * start-up. Version 0 is a database made before versions were numbered: it already holds the
 * tables of version 1 (created with IF NOT EXISTS), so migration 0 is a no-op for it and creates
 * them in a new database. A migration, once released, is never edited: add the next one.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../content/problems.js';

export const MIGRATIONS: readonly string[] = [
  // 0 → 1: the outbox and the used proofs-of-work.
  `
CREATE TABLE IF NOT EXISTS submissions (
  id TEXT PRIMARY KEY,
  collection TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  path TEXT NOT NULL,
  content TEXT NOT NULL,
  title TEXT NOT NULL,
  pr_title TEXT NOT NULL,
  pr_body TEXT NOT NULL,
  commit_message TEXT NOT NULL,
  branch TEXT NOT NULL UNIQUE,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  credit INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  pr_number INTEGER,
  pr_url TEXT,
  commit_sha TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (collection, entry_id)
);
CREATE INDEX IF NOT EXISTS submissions_due ON submissions (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS pow_used (
  signature TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`,
  // 1 → 2: the health check's probe (a real write, one row); indexes behind the oldest pending
  // submission and the last transmitted one (health check, metrics).
  `
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);
CREATE INDEX submissions_created ON submissions (status, created_at);
CREATE INDEX submissions_updated ON submissions (status, updated_at);
`,
  // 2 → 3: the mail queue (paced sending, never twice), the bounces it was told about, and the
  // alert subscriptions (the e-mail is their only personal data; deleting a subscription deletes it).
  `
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT,
  headers TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_at INTEGER,
  message_id TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX mail_queue_due ON mail_queue (status, next_attempt_at);
CREATE TABLE mail_bounces (
  email TEXT PRIMARY KEY,
  permanent INTEGER NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE alert_subscriptions (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  criteria TEXT NOT NULL,
  confirmed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX alert_subscriptions_confirmed ON alert_subscriptions (confirmed_at);
`,
  // 3 → 4: edits of existing entries (the blob and text they were based on; several edits of one
  // entry may coexist, so the (collection, entry_id) uniqueness holds for new entries only); the
  // follow-up of the pull request (its state, the maintainers' reason, the submitter's consent to
  // an e-mail); the error reports.
  `
CREATE TABLE submissions_v3 (
  id TEXT PRIMARY KEY,
  collection TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  path TEXT NOT NULL,
  content TEXT NOT NULL,
  title TEXT NOT NULL,
  pr_title TEXT NOT NULL,
  pr_body TEXT NOT NULL,
  commit_message TEXT NOT NULL,
  branch TEXT NOT NULL UNIQUE,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  credit INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  pr_number INTEGER,
  pr_url TEXT,
  commit_sha TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  base_sha TEXT,
  base_content TEXT,
  notify INTEGER NOT NULL DEFAULT 0,
  pr_state TEXT,
  pr_reason TEXT,
  notified_at INTEGER
);
INSERT INTO submissions_v3 (id, collection, entry_id, path, content, title, pr_title, pr_body, commit_message, branch,
  contact_name, contact_email, credit, status, attempts, next_attempt_at, last_error, pr_number, pr_url, commit_sha,
  created_at, updated_at)
  SELECT id, collection, entry_id, path, content, title, pr_title, pr_body, commit_message, branch,
  contact_name, contact_email, credit, status, attempts, next_attempt_at, last_error, pr_number, pr_url, commit_sha,
  created_at, updated_at FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_v3 RENAME TO submissions;
CREATE UNIQUE INDEX submissions_new_entry ON submissions (collection, entry_id) WHERE base_sha IS NULL;
CREATE INDEX submissions_due ON submissions (status, next_attempt_at);
CREATE INDEX submissions_created ON submissions (status, created_at);
CREATE INDEX submissions_updated ON submissions (status, updated_at);
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  collection TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  message TEXT NOT NULL,
  contact_email TEXT,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  issue_number INTEGER,
  issue_url TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX reports_due ON reports (status, next_attempt_at);
`,
  // 4 → 5: the professionals' space. Accounts known by their provider's `sub`; sessions and sign-in
  // transactions stored by the hash of their cookie; who manages which actor; the restricted part of
  // actors (never in Git, never in the build).
  `
CREATE TABLE pro_accounts (
  sub TEXT PRIMARY KEY,
  email TEXT,
  name TEXT,
  moderator INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_login_at INTEGER NOT NULL
);
CREATE TABLE pro_sessions (
  id_hash TEXT PRIMARY KEY,
  sub TEXT NOT NULL,
  csrf TEXT NOT NULL,
  id_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE pro_logins (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE pro_managers (
  sub TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (sub, actor_id)
);
CREATE TABLE actor_restricted (
  actor_id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  confirmed_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  reminded_at INTEGER
);
CREATE INDEX pro_sessions_sub ON pro_sessions (sub);
`,
];

/** The version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database to `target` (the current version by default); returns the versions before and after. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new UsageError(
      `La base des propositions (${db.name}) est au schéma ${from}, plus récent que celui que connaît cette version d’Essaim (${SCHEMA_VERSION}) : mettez Essaim à jour, ou restaurez la sauvegarde faite avant la mise à jour.`,
    );
  }
  for (const [i, sql] of MIGRATIONS.slice(from, target).entries()) {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${from + i + 1}`);
    })();
  }
  return { from, to: Math.max(from, target) };
}
