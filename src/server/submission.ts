/**
 * From a request body to an entry file: checks the envelope, computes the id and the path, and
 * validates exactly the text that will be committed — serialised by the core, then read back by the
 * core's parser and checked by the core's validator. Nothing from the client decides a path.
 */
import { allCollections, collections, extensionOf, type Collection, type CollectionName } from '../content/collections.js';
import { COMPUTED_FIELDS } from '../content/form-schema.js';
import { parseEntry } from '../content/parse.js';
import type { Problem } from '../content/problems.js';
import { readSchema } from '../content/schemas.js';
import { entryPath, serializeEntry, slugify } from '../content/serialize.js';
import { validateEntry, validateRepositoryRules } from '../content/validate.js';

export interface FieldProblem {
  /** Field path in the form (`porteur.nom`, `texte`), empty when it concerns the whole entry. */
  champ: string;
  message: string;
  regle?: string;
}

/** A refused submission: HTTP status and a French message for the person who filled the form. */
export class SubmissionError extends Error {
  override name = 'SubmissionError';
  constructor(readonly status: number, message: string, readonly problemes: FieldProblem[] = []) {
    super(message);
  }
}

export interface Contact {
  nom: string;
  courriel: string;
  credit: boolean;
}

export interface Envelope {
  collection: Collection;
  donnees: Record<string, unknown>;
  texte: string;
  contact: Contact;
  renduA: number | undefined;
  honeypot: string;
  altcha: unknown;
}

const ENVELOPE_KEYS = new Set(['collection', 'donnees', 'texte', 'contact', 'rendu_a', 'site_web', 'altcha']);
const CONTACT_KEYS = new Set(['nom', 'courriel', 'credit']);
const MAX_TEXT = 200_000;
/** Control characters other than tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string, champ = ''): SubmissionError {
  return new SubmissionError(400, message, champ ? [{ champ, message }] : []);
}

/** Rejects control characters (NUL…) anywhere in the submitted values. */
function checkStrings(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) throw bad('Le texte contient des caractères de contrôle invisibles (caractère nul…) : retirez-les.', where);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkStrings(v, `${where}.${i}`));
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw bad(`Le nom de champ « ${k} » est interdit.`, where);
      checkStrings(v, where ? `${where}.${k}` : k);
    }
  }
}

/** Checks the shape of the request body (not the entry itself: the core does that). */
export function readEnvelope(body: unknown): Envelope {
  if (!isPlainObject(body)) throw bad('Le contenu envoyé doit être un objet JSON.');
  for (const key of Object.keys(body)) {
    if (!ENVELOPE_KEYS.has(key)) throw bad(`Champ inattendu dans l’envoi : « ${key} ».`);
  }
  const name = body.collection;
  const collection = typeof name === 'string' ? collections.get(name as CollectionName) : undefined;
  if (!collection) {
    throw bad(`Collection inconnue${typeof name === 'string' ? ` : « ${name.slice(0, 40)} »` : ''}. Choisissez parmi : ${allCollections().map((c) => c.label).join(', ')}.`, 'collection');
  }
  const donnees = body.donnees;
  if (!isPlainObject(donnees)) throw bad('Les champs de la proposition (« donnees ») doivent être un objet JSON.', 'donnees');
  for (const field of [...COMPUTED_FIELDS, 'note_interne']) {
    if (field in donnees) throw bad(`Le champ « ${field} » n’est pas à remplir : le service le calcule ou le réserve à l’équipe éditoriale.`, field);
  }
  const texte = body.texte ?? '';
  if (typeof texte !== 'string') throw bad('Le texte doit être une chaîne de caractères.', 'texte');
  if (texte.length > MAX_TEXT) throw bad(`Le texte est trop long (${MAX_TEXT.toLocaleString('fr-FR')} caractères au plus).`, 'texte');
  if (collection.format !== 'md' && texte.trim() !== '') throw bad(`La collection « ${collection.label} » n’a pas de texte libre : tout passe par ses champs.`, 'texte');
  checkStrings(donnees, '');
  checkStrings(texte, 'texte');

  const contact = body.contact;
  if (!isPlainObject(contact)) throw bad('Indiquez votre nom et votre adresse électronique, pour que l’équipe puisse vous répondre.', 'contact');
  for (const key of Object.keys(contact)) {
    if (!CONTACT_KEYS.has(key)) throw bad(`Champ inattendu dans le contact : « ${key} ».`, 'contact');
  }
  const nom = typeof contact.nom === 'string' ? contact.nom.trim() : '';
  const courriel = typeof contact.courriel === 'string' ? contact.courriel.trim() : '';
  if (nom === '' || nom.length > 120 || CONTROL.test(nom)) throw bad('Indiquez votre nom (120 caractères au plus).', 'contact.nom');
  if (!EMAIL.test(courriel) || courriel.length > 254) throw bad('Indiquez une adresse électronique valide (par exemple nom@exemple.fr).', 'contact.courriel');
  if (contact.credit !== undefined && typeof contact.credit !== 'boolean') throw bad('Le choix « être cité » doit être oui ou non.', 'contact.credit');

  const rendu = body.rendu_a;
  if (rendu !== undefined && (typeof rendu !== 'number' || !Number.isFinite(rendu))) throw bad('L’horodatage du formulaire est invalide : rechargez la page.');
  const honeypot = body.site_web;
  if (honeypot !== undefined && typeof honeypot !== 'string') throw bad('Champ « site_web » invalide.');
  return {
    collection,
    donnees,
    texte,
    contact: { nom, courriel, credit: contact.credit === true },
    renduA: rendu as number | undefined,
    honeypot: (honeypot as string | undefined) ?? '',
    altcha: body.altcha,
  };
}

/** Paths the service may write: `content/<collection>[/<maillon>]/<id>.<ext>`, nothing else. */
export const ALLOWED_PATH = new RegExp(
  `^(${allCollections().map((c) => `${c.folder}${c.groupBy ? '/[a-z]+(?:-[a-z]+)*' : ''}/[a-z0-9]+(?:-[a-z0-9]+)*\\${extensionOf(c)}`).join('|')})$`,
);

export function assertAllowedPath(p: string): void {
  if (!ALLOWED_PATH.test(p) || p.includes('..')) throw new SubmissionError(422, `Chemin de fichier refusé : « ${p.slice(0, 120)} ».`);
}

/** Finds the form field a problem's line belongs to, from the serialised text's key lines. */
function fieldOfLine(text: string, line: number, bodyLine: number, c: Collection): string {
  if (c.format === 'md' && line >= bodyLine) return 'texte';
  const lines = text.split('\n');
  let top = '';
  let second = '';
  for (let i = 0; i < Math.min(line, lines.length); i++) {
    const l = lines[i]!;
    const m = /^([a-z_]+):/.exec(l);
    if (m) { top = m[1]!; second = ''; continue; }
    const n = /^ {2}([a-z_]+):/.exec(l);
    if (n) second = n[1]!;
    else if (/^ {2}- /.test(l)) second = '';
  }
  return top && second && isObjectField(c, top) ? `${top}.${second}` : top;
}

function isObjectField(c: Collection, field: string): boolean {
  const s = readSchema(c.schema).properties?.[field];
  return s?.type === 'object';
}

export interface PreparedEntry {
  collection: Collection;
  entryId: string;
  path: string;
  content: string;
  title: string;
}

export interface PrepareContext {
  repoDir: string;
  today: string;
  /** True when the id is already used in the repository or by another submission. */
  idTaken(collection: Collection, id: string): boolean;
  /** Every `<collection>/<id>` of the repository, for references. */
  knownRefs: ReadonlySet<string>;
}

function baseId(donnees: Record<string, unknown>): string {
  const titre = typeof donnees.titre === 'string' ? donnees.titre : '';
  const slug = slugify(titre, 60);
  return slug.length >= 2 ? slug : 'proposition';
}

/** Serialises, re-reads and validates an entry built from the envelope; throws a 422 with the problems. */
export function prepareEntry(env: Envelope, ctx: PrepareContext): PreparedEntry {
  const c = env.collection;
  const base = baseId(env.donnees);
  let entryId = base;
  for (let n = 2; ctx.idTaken(c, entryId); n++) entryId = `${base}-${n}`;
  const data: Record<string, unknown> = { ...env.donnees, id: entryId, date_maj: ctx.today };
  if (readSchema(c.schema).properties?.derniere_revue) data.derniere_revue = ctx.today;
  const file = entryPath(c, data);
  const content = serializeEntry(c, file, data, env.texte);
  const parsed = parseEntry(c, file, content);
  const problems: Problem[] = [...validateEntry(parsed, ctx.repoDir, { today: ctx.today })];
  if (parsed.data) problems.push(...validateRepositoryRules([parsed], ctx.knownRefs).filter((p) => p.rule !== 'id-unique'));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const problemes = errors.map((p) => {
      const at = fieldOfLine(content, p.line, parsed.bodyLine, c);
      // A missing field is reported where its parent starts: its name is in the message.
      const missing = /\(`([a-z_]+)`\) est manquant/.exec(p.message)?.[1];
      const parent = at.split('.')[0] ?? '';
      const champ = missing ? (parent === '' || parent === 'id' ? missing : `${parent}.${missing}`) : at;
      return { champ, message: p.hint ? `${p.message} ${p.hint}` : p.message, regle: p.rule };
    });
    throw new SubmissionError(422, errors.length === 1 ? 'La proposition contient une erreur à corriger.' : `La proposition contient ${errors.length} erreurs à corriger.`, problemes);
  }
  assertAllowedPath(file);
  return { collection: c, entryId, path: file, content, title: String(data.titre) };
}

/** Neutralises GitHub mentions and references in text put in a pull request. */
function quiet(text: string): string {
  return text.replace(/@/g, '@\u200b').replace(/#(\d)/g, '#\u200b$1').replace(/\s+/g, ' ').trim();
}

export function pullRequestText(e: PreparedEntry, submissionId: string, contact: Contact): { title: string; body: string; commitMessage: string } {
  const title = `Proposition : ${quiet(e.title)} (${e.collection.singular})`;
  const lines = [
    `Proposition reçue par le formulaire du portail (suivi : \`${submissionId}\`).`,
    '',
    `- Collection : ${e.collection.label}`,
    `- Fichier : \`${e.path}\``,
    '',
    'Le service a vérifié l’entrée avec les mêmes règles que `essaim validate` ; elle attend la relecture de l’équipe éditoriale.',
  ];
  if (contact.credit) lines.push('', `Proposé par ${quiet(contact.nom)}.`);
  return { title, body: lines.join('\n'), commitMessage: `Proposition via le formulaire : ${e.collection.singular} « ${e.title.replace(/\s+/g, ' ').slice(0, 100)} »` };
}
