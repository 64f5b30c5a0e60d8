/**
 * What the professionals' space keeps in the service's database: accounts, sessions, sign-in
 * transactions, who manages which actor, and the restricted part of actors. Cookies hold random
 * values; only their SHA-256 is stored, so a copy of the database opens no session.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

export type Role = 'professionnel' | 'gestionnaire' | 'moderateur';

export interface Account {
  sub: string;
  email: string | null;
  name: string | null;
  moderator: boolean;
}

export interface Session {
  account: Account;
  csrf: string;
  idToken: string;
  /** Actors this account manages. */
  manages: string[];
}

export interface RestrictedRecord {
  data: unknown;
  updatedAt: number;
  confirmedAt: number;
}

export const hash = (value: string): string => crypto.createHash('sha256').update(value).digest('base64url');

export class ProStore {
  constructor(private readonly db: Database.Database) {}

  startLogin(state: string, t: { nonce: string; verifier: string; returnTo: string }, expiresAt: number): void {
    this.db
      .prepare('INSERT INTO pro_logins (state_hash, nonce, verifier, return_to, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(hash(state), t.nonce, t.verifier, t.returnTo, expiresAt);
  }

  /** The sign-in transaction of `state`, once: it is deleted as it is read. */
  takeLogin(state: string, now: number): { nonce: string; verifier: string; returnTo: string } | undefined {
    const row = this.db
      .prepare('DELETE FROM pro_logins WHERE state_hash = ? RETURNING nonce, verifier, return_to, expires_at')
      .get(hash(state)) as { nonce: string; verifier: string; return_to: string; expires_at: number } | undefined;
    this.db.prepare('DELETE FROM pro_logins WHERE expires_at < ?').run(now);
    if (!row || row.expires_at < now) return undefined;
    return { nonce: row.nonce, verifier: row.verifier, returnTo: row.return_to };
  }

  /** Records a sign-in; `moderatorEmails` makes the account a moderator (configuration). */
  signIn(
    identity: { sub: string; email?: string; name?: string; idToken: string },
    moderatorEmails: readonly string[],
    now: number,
    lifetimeMs: number,
  ): { sessionId: string } {
    const moderator = identity.email !== undefined && moderatorEmails.includes(identity.email.toLowerCase());
    const sessionId = crypto.randomBytes(32).toString('base64url');
    this.db.transaction(() => {
      // Expired sessions are of no use to anyone: gone at the next sign-in.
      this.db.prepare('DELETE FROM pro_sessions WHERE expires_at < ?').run(now);
      this.db
        .prepare(
          `INSERT INTO pro_accounts (sub, email, name, moderator, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (sub) DO UPDATE SET email = excluded.email, name = excluded.name,
             moderator = MAX(moderator, excluded.moderator), last_login_at = excluded.last_login_at`,
        )
        .run(identity.sub, identity.email ?? null, identity.name ?? null, moderator ? 1 : 0, now, now);
      this.db
        .prepare(
          'INSERT INTO pro_sessions (id_hash, sub, csrf, id_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          hash(sessionId),
          identity.sub,
          crypto.randomBytes(24).toString('base64url'),
          identity.idToken,
          now,
          now + lifetimeMs,
        );
    })();
    return { sessionId };
  }

  session(sessionId: string, now: number): Session | undefined {
    const row = this.db
      .prepare(
        `SELECT s.csrf, s.id_token, s.expires_at, a.sub, a.email, a.name, a.moderator
         FROM pro_sessions s JOIN pro_accounts a ON a.sub = s.sub WHERE s.id_hash = ?`,
      )
      .get(hash(sessionId)) as
      | {
          csrf: string;
          id_token: string;
          expires_at: number;
          sub: string;
          email: string | null;
          name: string | null;
          moderator: number;
        }
      | undefined;
    if (!row || row.expires_at < now) return undefined;
    const manages = (
      this.db.prepare('SELECT actor_id FROM pro_managers WHERE sub = ? ORDER BY actor_id').all(row.sub) as {
        actor_id: string;
      }[]
    ).map((r) => r.actor_id);
    return {
      account: { sub: row.sub, email: row.email, name: row.name, moderator: row.moderator === 1 },
      csrf: row.csrf,
      idToken: row.id_token,
      manages,
    };
  }

  signOut(sessionId: string): void {
    this.db.prepare('DELETE FROM pro_sessions WHERE id_hash = ?').run(hash(sessionId));
  }

  /** Links an account (by its e-mail, as moderators know people) to an actor it manages. */
  addManager(email: string, actorId: string, now: number): boolean {
    const account = this.db.prepare('SELECT sub FROM pro_accounts WHERE lower(email) = lower(?)').get(email) as
      { sub: string } | undefined;
    if (!account) return false;
    this.db
      .prepare('INSERT OR IGNORE INTO pro_managers (sub, actor_id, created_at) VALUES (?, ?, ?)')
      .run(account.sub, actorId, now);
    return true;
  }

  restricted(actorId: string): RestrictedRecord | undefined {
    const row = this.db
      .prepare('SELECT data, updated_at, confirmed_at FROM actor_restricted WHERE actor_id = ?')
      .get(actorId) as { data: string; updated_at: number; confirmed_at: number } | undefined;
    return row && { data: JSON.parse(row.data) as unknown, updatedAt: row.updated_at, confirmedAt: row.confirmed_at };
  }

  /** Saves (and so confirms) the restricted part of an actor. */
  saveRestricted(actorId: string, data: unknown, by: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO actor_restricted (actor_id, data, updated_at, confirmed_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (actor_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,
           confirmed_at = excluded.confirmed_at, updated_by = excluded.updated_by`,
      )
      .run(actorId, JSON.stringify(data), now, now, by);
  }

  /**
   * Actors whose restricted part was last confirmed before `confirmedBefore` and whose managers were not
   * reminded since, with the e-mails of those managers.
   */
  dueReminders(confirmedBefore: number): { actorId: string; emails: string[] }[] {
    const rows = this.db
      .prepare(
        `SELECT r.actor_id, a.email FROM actor_restricted r
         JOIN pro_managers m ON m.actor_id = r.actor_id JOIN pro_accounts a ON a.sub = m.sub
         WHERE r.confirmed_at < ? AND (r.reminded_at IS NULL OR r.reminded_at < r.confirmed_at)
           AND a.email IS NOT NULL
         ORDER BY r.actor_id, a.email`,
      )
      .all(confirmedBefore) as { actor_id: string; email: string }[];
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.actor_id, [...(out.get(r.actor_id) ?? []), r.email]);
    return [...out].map(([actorId, emails]) => ({ actorId, emails }));
  }

  markReminded(actorId: string, now: number): void {
    this.db.prepare('UPDATE actor_restricted SET reminded_at = ? WHERE actor_id = ?').run(now, actorId);
  }

  /** Confirms, unchanged, the restricted part of an actor. */
  confirmRestricted(actorId: string, by: string, now: number): boolean {
    return (
      this.db
        .prepare('UPDATE actor_restricted SET confirmed_at = ?, updated_by = ? WHERE actor_id = ?')
        .run(now, by, actorId).changes === 1
    );
  }
}
