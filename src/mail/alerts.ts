/**
 * Alert subscriptions: stored in the service's database only (never in Git); the e-mail address
 * is their only personal data, and deleting a subscription deletes it. Every link in a message is
 * signed (HMAC-SHA256) with a secret from the environment, or generated once in the data folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { allCollections } from '../content/collections.js';
import type { AlertCriteria } from '../content/digest.js';
import { vocabularies } from '../content/schemas.js';
import { escapeHtml } from '../plugins/content/shared/escape.js';
import type { QueuedMail } from './queue.js';

export interface Subscription {
  id: string;
  email: string;
  criteria: AlertCriteria;
  confirmedAt: number | null;
  createdAt: number;
}

interface Row {
  id: string;
  email: string;
  criteria: string;
  confirmed_at: number | null;
  created_at: number;
}

const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  email: r.email,
  criteria: JSON.parse(r.criteria) as AlertCriteria,
  confirmedAt: r.confirmed_at,
  createdAt: r.created_at,
});

/** Unconfirmed subscriptions are deleted after this long (the address was perhaps not theirs). */
export const UNCONFIRMED_TTL_MS = 7 * 24 * 3600_000;

export class Subscriptions {
  private readonly stmts;
  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO alert_subscriptions (id, email, criteria, confirmed_at, created_at, updated_at)
        VALUES (@id, @email, @criteria, NULL, @now, @now)`),
      get: db.prepare('SELECT * FROM alert_subscriptions WHERE id = ?'),
      confirm: db.prepare(
        'UPDATE alert_subscriptions SET confirmed_at = coalesce(confirmed_at, @now), updated_at = @now WHERE id = @id',
      ),
      update: db.prepare('UPDATE alert_subscriptions SET criteria = @criteria, updated_at = @now WHERE id = @id'),
      remove: db.prepare('DELETE FROM alert_subscriptions WHERE id = ? RETURNING email'),
      // The bounces of an address are personal data too: gone with its last subscription.
      forgetBounces: db.prepare(`DELETE FROM mail_bounces WHERE email = lower(@email)
        AND NOT EXISTS (SELECT 1 FROM alert_subscriptions WHERE lower(email) = lower(@email))`),
      purge: db.prepare('DELETE FROM alert_subscriptions WHERE confirmed_at IS NULL AND created_at < ?'),
      // Suspended addresses (too many hard bounces, see queue.ts) get nothing.
      confirmed: db.prepare(`SELECT * FROM alert_subscriptions WHERE confirmed_at IS NOT NULL
        AND lower(email) NOT IN (SELECT email FROM mail_bounces WHERE permanent = 1) ORDER BY created_at`),
    };
  }

  create(email: string, criteria: AlertCriteria, now = Date.now()): Subscription {
    this.stmts.purge.run(now - UNCONFIRMED_TTL_MS);
    const id = crypto.randomBytes(12).toString('base64url');
    this.stmts.insert.run({ id, email: email.trim(), criteria: JSON.stringify(criteria), now });
    return { id, email: email.trim(), criteria, confirmedAt: null, createdAt: now };
  }

  get(id: string): Subscription | undefined {
    const r = this.stmts.get.get(id) as Row | undefined;
    return r ? toSubscription(r) : undefined;
  }

  confirm(id: string, now = Date.now()): boolean {
    return this.stmts.confirm.run({ id, now }).changes === 1;
  }

  update(id: string, criteria: AlertCriteria, now = Date.now()): boolean {
    return this.stmts.update.run({ id, criteria: JSON.stringify(criteria), now }).changes === 1;
  }

  remove(id: string): boolean {
    const removed = this.stmts.remove.get(id) as { email: string } | undefined;
    if (removed) this.stmts.forgetBounces.run(removed);
    return removed !== undefined;
  }

  /**
   * Confirmed subscriptions of addresses that are not suspended (all read at once: the messages
   * are then queued on the same connection).
   */
  confirmed(): Subscription[] {
    return (this.stmts.confirmed.all() as Row[]).map(toSubscription);
  }
}

// ---------------------------------------------------------------------------------------------
// Signed links

export type LinkPurpose = 'confirmer' | 'gerer';

/** The secret of the links: `ESSAIM_ALERTS_SECRET`, or one generated once and kept in the data folder. */
export function alertsSecret(env: Record<string, string | undefined>, dataDir: string): string {
  const given = env.ESSAIM_ALERTS_SECRET?.trim();
  if (given) return given;
  const file = path.join(dataDir, 'alertes.secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process wrote it first.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

const mac = (secret: string, purpose: LinkPurpose, id: string): string =>
  crypto.createHmac('sha256', secret).update(`essaim-alerte:${purpose}:${id}`).digest('base64url');

export function signToken(secret: string, purpose: LinkPurpose, id: string): string {
  return `${id}.${mac(secret, purpose, id)}`;
}

/** The subscription id of a token signed for `purpose`, or undefined. */
export function verifyToken(secret: string, purpose: LinkPurpose, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 100) return undefined;
  const [id = '', signature = ''] = token.split('.');
  if (!/^[A-Za-z0-9_-]{16}$/.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return undefined;
  const expected = Buffer.from(mac(secret, purpose, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : undefined;
}

export interface AlertLinks {
  confirm: string;
  manage: string;
  /** One-click unsubscribe (RFC 8058): POST `List-Unsubscribe=One-Click`; GET leads to the manage page. */
  unsubscribe: string;
}

/** `publicUrl`: the portal's address as readers reach it (`ESSAIM_PUBLIC_URL`). */
export function alertLinks(publicUrl: string, secret: string, id: string): AlertLinks {
  const base = publicUrl.replace(/\/+$/, '');
  const manage = encodeURIComponent(signToken(secret, 'gerer', id));
  return {
    confirm: `${base}/api/alertes/confirmer?jeton=${encodeURIComponent(signToken(secret, 'confirmer', id))}`,
    manage: `${base}/alertes?jeton=${manage}`,
    unsubscribe: `${base}/api/alertes/desabonnement?jeton=${manage}`,
  };
}

/** Headers of every alert message: one-click unsubscribe (RFC 8058). */
export function unsubscribeHeaders(links: AlertLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

// ---------------------------------------------------------------------------------------------
// Messages

/** The criteria in French: « Territoires : Hérault (34) ; maillons : Distribution ; contenus : tous ». */
export function criteriaText(c: AlertCriteria): string {
  const vocab = vocabularies();
  const label = (v: string, labels: Record<string, string> | undefined): string => labels?.[v] ?? v;
  const contenu = (v: string): string =>
    v === 'appels'
      ? 'appels à projets qui ferment bientôt'
      : (allCollections()
          .find((x) => x.name === v)
          ?.label.toLowerCase() ?? v);
  const part = (name: string, values: string[], f: (v: string) => string): string =>
    `${name} : ${values.length ? values.map(f).join(', ') : 'tous'}`;
  return [
    part('territoires', c.territoires, (v) => label(v, vocab.territoire?.labels)),
    part('maillons', c.maillons, (v) => label(v, vocab.maillon?.labels)),
    part('contenus', c.contenus, contenu),
  ].join(' ; ');
}

/** The double opt-in message: nothing is sent to the address before it is confirmed. */
export function confirmationMessage(s: Subscription, links: AlertLinks): QueuedMail {
  const criteria = criteriaText(s.criteria);
  const text = [
    'Bonjour,',
    '',
    'Quelqu’un (vous, sans doute) a demandé à recevoir les alertes d’Essaim à cette adresse, sur ces critères :',
    criteria,
    '',
    'Pour confirmer, ouvrez ce lien :',
    links.confirm,
    '',
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans confirmation, l’adresse est effacée dans 7 jours.',
  ].join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Confirmez votre alerte Essaim</title></head><body>
<h1>Confirmez votre alerte Essaim</h1>
<p>Quelqu’un (vous, sans doute) a demandé à recevoir les alertes d’Essaim à cette adresse, sur ces critères&nbsp;: ${escapeHtml(criteria)}.</p>
<p><a href="${escapeHtml(links.confirm)}">Confirmer mon alerte</a></p>
<p>Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: sans confirmation, l’adresse est effacée dans 7&nbsp;jours.</p>
</body></html>`;
  return { to: s.email, subject: 'Confirmez votre alerte Essaim', text, html, key: `confirmer:${s.id}` };
}
