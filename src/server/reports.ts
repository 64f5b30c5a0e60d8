/**
 * "Signaler une erreur": a short message about an entry, stored before the service answers, then
 * sent as a GitHub issue labelled with the collection (offline: kept in the database and listed by
 * `essaim signalements`). The optional e-mail stays in the database; only the message is public,
 * and it may not hold an e-mail address or a phone number.
 */
import type Database from 'better-sqlite3';
import { collections, entryUrl, type Collection, type CollectionName } from '../content/collections.js';
import { md } from '../content/diff-render.js';
import type { GitHubClient } from '../github/client.js';
import { neutralize } from '../github/pr-body.js';
import { findEntryPath } from './edits.js';
import { SubmissionError } from './submission.js';
import { parseEntry } from '../content/parse.js';
import fs from 'node:fs';
import path from 'node:path';

const MAX_MESSAGE = 2000;
export const REPORT_LABEL = 'signalement';
export const REPORT_TRAILER = 'Essaim-Signalement';

export const REPORT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['collection', 'id', 'message'],
  properties: {
    collection: { type: 'string', maxLength: 40 },
    id: { type: 'string', maxLength: 120 },
    message: { type: 'string', maxLength: MAX_MESSAGE },
    courriel: { type: 'string', maxLength: 254 },
    rendu_a: { type: 'number' },
    site_web: { type: 'string', maxLength: 2000 },
    altcha: { type: 'object', maxProperties: 4 },
  },
} as const;

export const REPORT_MESSAGES: Record<string, string> = {
  collection: 'Collection inconnue.',
  id: 'Entrée inconnue : rouvrez le formulaire depuis la page de l’entrée.',
  message: `Décrivez l’erreur en ${MAX_MESSAGE.toLocaleString('fr-FR')} caractères au plus.`,
  courriel: 'Indiquez une adresse électronique valide, ou laissez le champ vide.',
};

const EMAIL_IN_TEXT = /[^\s@<>]+@[^\s@<>.]+\.[^\s@<>]+/;
const PHONE_IN_TEXT = /(?:\+33|\b0)\s?[1-9](?:[\s.-]?\d{2}){4}\b/;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NOT_EMAIL = '\\s@<>()[\\]\\\\,;:"';
const EMAIL = new RegExp(`^[^${NOT_EMAIL}]+@[^${NOT_EMAIL}.]+(?:\\.[^${NOT_EMAIL}.]+)+$`);

export interface ReportInput {
  collection: Collection;
  entryId: string;
  message: string;
  courriel: string | null;
}

function bad(message: string, champ: string): SubmissionError {
  return new SubmissionError(400, message, [{ champ, message }]);
}

/** A report body that passed `REPORT_SCHEMA`: what a schema cannot say. */
export function readReport(body: Record<string, unknown>): ReportInput {
  const collection = collections.get(String(body.collection) as CollectionName);
  if (!collection) throw bad('Collection inconnue.', 'collection');
  const message = String(body.message).trim();
  if (message.length < 10) throw bad('Décrivez l’erreur en quelques mots (10 caractères au moins).', 'message');
  if (CONTROL.test(message))
    throw bad('Le message contient des caractères de contrôle invisibles : retirez-les.', 'message');
  if (EMAIL_IN_TEXT.test(message) || PHONE_IN_TEXT.test(message))
    throw bad(
      'Le message sera public : n’y mettez ni adresse électronique ni numéro de téléphone (utilisez le champ « courriel » pour être recontacté).',
      'message',
    );
  const courriel = typeof body.courriel === 'string' ? body.courriel.trim() : '';
  if (courriel !== '' && !EMAIL.test(courriel))
    throw bad('Indiquez une adresse électronique valide, ou laissez le champ vide.', 'courriel');
  return { collection, entryId: String(body.id), message, courriel: courriel || null };
}

export type ReportStatus = 'recu' | 'ouvert' | 'echec';

export interface Report {
  id: string;
  collection: CollectionName;
  entryId: string;
  title: string;
  url: string;
  message: string;
  contactEmail: string | null;
  status: ReportStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  issueNumber: number | null;
  issueUrl: string | null;
  createdAt: number;
}

interface ReportRow {
  id: string;
  collection: string;
  entry_id: string;
  title: string;
  url: string;
  message: string;
  contact_email: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  issue_number: number | null;
  issue_url: string | null;
  created_at: number;
}

const toReport = (r: ReportRow): Report => ({
  id: r.id,
  collection: r.collection as CollectionName,
  entryId: r.entry_id,
  title: r.title,
  url: r.url,
  message: r.message,
  contactEmail: r.contact_email,
  status: r.status as ReportStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  issueNumber: r.issue_number,
  issueUrl: r.issue_url,
  createdAt: r.created_at,
});

/** The reports table of the service's database (same file, same durability as the submissions). */
export class Reports {
  constructor(private readonly db: Database.Database) {}

  add(r: Omit<Report, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'issueNumber' | 'issueUrl'>): void {
    this.db
      .prepare(
        `INSERT INTO reports (id, collection, entry_id, title, url, message, contact_email, status, attempts,
        next_attempt_at, created_at, updated_at) VALUES (@id, @collection, @entryId, @title, @url, @message,
        @contactEmail, 'recu', 0, @createdAt, @createdAt, @createdAt)`,
      )
      .run(r);
  }

  all(): Report[] {
    return (this.db.prepare('SELECT * FROM reports ORDER BY created_at, id').all() as ReportRow[]).map(toReport);
  }

  due(now: number): Report[] {
    return (
      this.db
        .prepare(`SELECT * FROM reports WHERE status = 'recu' AND next_attempt_at <= ? ORDER BY created_at`)
        .all(now) as ReportRow[]
    ).map(toReport);
  }

  opened(id: string, issue: { number: number; url: string }, now: number): void {
    this.db
      .prepare(
        `UPDATE reports SET status = 'ouvert', issue_number = ?, issue_url = ?, last_error = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(issue.number, issue.url, now, id);
  }

  retry(id: string, error: string, next: number, now: number): void {
    this.db
      .prepare(
        `UPDATE reports SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(error, next, now, id);
  }
}

/** Title and body of the issue; the e-mail is never in it. */
export function issueText(r: Report): { title: string; body: string } {
  const c = collections.get(r.collection);
  const noun = c?.singular ?? r.collection;
  return {
    title: neutralize(`Signalement : ${noun} « ${r.title} »`.slice(0, 200)),
    body: neutralize(
      [
        `Erreur signalée avec le formulaire « Signaler une erreur » du portail, sur ${md(noun)} [${md(r.title)}](${encodeURI(r.url)}).`,
        '',
        ...r.message.split('\n').map((line) => `> ${md(line)}`),
        '',
        r.contactEmail
          ? 'La personne a laissé une adresse pour être recontactée : elle est dans la base du service, pas ici.'
          : 'La personne n’a pas laissé d’adresse.',
        '',
        `${REPORT_TRAILER}: ${r.id}`,
      ].join('\n'),
    ),
  };
}

/** The entry a report is about, read from the service's copy of the repository: its path, title and page. */
export function reportedEntry(
  repoDir: string,
  c: Collection,
  entryId: string,
): { path: string; title: string; route: string } {
  const file = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entryId) ? findEntryPath(repoDir, c, entryId) : undefined;
  if (!file)
    throw new SubmissionError(404, `Aucune entrée « ${entryId.slice(0, 120)} » dans la collection ${c.label}.`);
  const data = parseEntry(c, file, fs.readFileSync(path.join(repoDir, file))).data;
  return { path: file, title: typeof data?.titre === 'string' ? data.titre : entryId, route: entryUrl(c, entryId) };
}

export type IssueOpener = (r: Report) => Promise<{ number: number; url: string }>;

/** Opens the issue, or finds the one an earlier attempt opened (its body carries the report's id). */
export function gitHubIssueOpener(octokitFor: () => Promise<GitHubClient>, repository: string): IssueOpener {
  const [owner, repo] = repository.split('/') as [string, string];
  return async (r) => {
    const octokit = await octokitFor();
    const marker = `${REPORT_TRAILER}: ${r.id}`;
    const existing = await octokit.rest.issues.listForRepo({
      owner,
      repo,
      labels: REPORT_LABEL,
      state: 'all',
      per_page: 100,
    });
    const found = existing.data.find((i) => (i.body ?? '').split('\n').includes(marker));
    if (found) return { number: found.number, url: found.html_url };
    const text = issueText(r);
    const labels = [REPORT_LABEL, collections.get(r.collection)?.prLabel ?? r.collection];
    const created = await octokit.rest.issues.create({ owner, repo, title: text.title, body: text.body, labels });
    return { number: created.data.number, url: created.data.html_url };
  };
}

/** Sends the reports that are due; a failure is retried later (1 min, 2 min, … at most 1 h). */
export async function deliverReports(reports: Reports, open: IssueOpener, now = Date.now()): Promise<void> {
  for (const r of reports.due(now)) {
    try {
      reports.opened(r.id, await open(r), Date.now());
    } catch (error) {
      const wait = Math.min(3_600_000, 60_000 * 2 ** r.attempts);
      reports.retry(
        r.id,
        error instanceof Error ? error.message.slice(0, 300) : 'erreur',
        Date.now() + wait,
        Date.now(),
      );
    }
  }
}
