/**
 * The right to erasure: removes a person's contact (name, e-mail, consent to follow-up) from the
 * submissions and the reports of the service's database, deletes their alert subscriptions, the
 * bounces recorded for their address, the messages of the mail queue addressed to them, their
 * professional account (sessions, structures managed), the contacts with their address in the
 * restricted part of actors, and the e-mails addressed to them from the mail outbox folder. What
 * was already published (a pull request, an issue) holds no contact.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Outbox } from './store.js';

export interface Erased {
  submissions: number;
  reports: number;
  alerts: number;
  /** Professional accounts (their sessions and the structures they managed go with them). */
  accounts: number;
  /** Contacts of the restricted part of actors (the whole contact: name, function, phone, e-mail). */
  contacts: number;
  mails: number;
}

interface RestrictedContacts {
  contacts?: { courriel?: string }[];
}

export function eraseContact(outbox: Outbox, outboxDir: string, email: string): Erased {
  const address = email.trim().toLowerCase();
  const accountsOf = 'SELECT sub FROM pro_accounts WHERE lower(email) = ?';
  const { submissions, reports, alerts, queued, accounts, contacts } = outbox.transaction(() => ({
    submissions: outbox.db
      .prepare(
        `UPDATE submissions SET pr_body = replace(pr_body, ' (par ' || contact_name || ')', ''), contact_name = '',
        contact_email = '', credit = 0, notify = 0 WHERE lower(contact_email) = ?`,
      )
      .run(address).changes,
    reports: outbox.db.prepare('UPDATE reports SET contact_email = NULL WHERE lower(contact_email) = ?').run(address)
      .changes,
    alerts: outbox.db.prepare('DELETE FROM alert_subscriptions WHERE lower(email) = ?').run(address).changes,
    bounces: outbox.db.prepare('DELETE FROM mail_bounces WHERE lower(email) = ?').run(address).changes,
    queued: outbox.db.prepare('DELETE FROM mail_queue WHERE lower(recipient) = ?').run(address).changes,
    sessions: outbox.db.prepare(`DELETE FROM pro_sessions WHERE sub IN (${accountsOf})`).run(address).changes,
    managers: outbox.db.prepare(`DELETE FROM pro_managers WHERE sub IN (${accountsOf})`).run(address).changes,
    edits: outbox.db
      .prepare(`UPDATE actor_restricted SET updated_by = '' WHERE updated_by IN (${accountsOf})`)
      .run(address).changes,
    accounts: outbox.db.prepare('DELETE FROM pro_accounts WHERE lower(email) = ?').run(address).changes,
    contacts: eraseRestrictedContacts(outbox, address),
  }));
  let mails = queued;
  const files = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((f) => f.endsWith('.eml')) : [];
  for (const name of files) {
    const file = path.join(outboxDir, name);
    const text = fs.readFileSync(file, 'utf8');
    const headers = text.slice(0, Math.max(0, text.search(/\r?\n\r?\n/))).toLowerCase();
    if (headers.includes(address)) {
      fs.rmSync(file);
      mails++;
    }
  }
  return { submissions, reports, alerts, accounts, contacts, mails };
}

/** Removes the contacts whose e-mail is `address` from the restricted parts; returns how many. */
function eraseRestrictedContacts(outbox: Outbox, address: string): number {
  const rows = outbox.db.prepare('SELECT actor_id, data FROM actor_restricted').all() as {
    actor_id: string;
    data: string;
  }[];
  const update = outbox.db.prepare('UPDATE actor_restricted SET data = ? WHERE actor_id = ?');
  let erased = 0;
  for (const row of rows) {
    const data = JSON.parse(row.data) as RestrictedContacts;
    const kept = (data.contacts ?? []).filter((c) => c.courriel?.trim().toLowerCase() !== address);
    const n = (data.contacts?.length ?? 0) - kept.length;
    if (n === 0) continue;
    update.run(JSON.stringify({ ...data, contacts: kept }), row.actor_id);
    erased += n;
  }
  return erased;
}
