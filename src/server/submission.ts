/**
 * From a request body to an entry file: checks the envelope, computes the id and the path, and
 * validates exactly the text that will be committed — serialised by the core, then read back by the
 * core's parser and checked by the core's validator. Nothing from the client decides a path.
 */
import {
  allCollections,
  collections,
  extensionOf,
  type Collection,
  type CollectionName,
} from '../content/collections.js';
import { diffEntries, type EntryDiff } from '../content/diff.js';
import { COMPUTED_FIELDS } from '../content/form-schema.js';
import { checkDataBounds, parseEntry } from '../content/parse.js';
import type { Problem } from '../content/problems.js';
import { readSchema } from '../content/schemas.js';
import { entryPath, serializeEntry, slugify } from '../content/serialize.js';
import { validateEntry, validateRepositoryRules } from '../content/validate.js';
import { md, renderDiff } from '../content/diff-render.js';
import { SERVICE_TRAILER } from '../github/names.js';
import { commitMessage, pullRequestBody, pullRequestTitle, type ProposedEntry } from '../github/pr-body.js';

export interface FieldProblem {
  /** Field path in the form (`porteur.nom`, `texte`), empty when it concerns the whole entry. */
  champ: string;
  message: string;
  regle?: string;
}

/** A refused submission: HTTP status and a French message for the person who filled the form. */
export class SubmissionError extends Error {
  override name = 'SubmissionError';
  constructor(
    readonly status: number,
    message: string,
    readonly problemes: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export interface Contact {
  nom: string;
  courriel: string;
  credit: boolean;
  /** Agrees to an e-mail when the pull request is merged or closed. */
  suivi: boolean;
}

/** An edit of an existing entry: its id, the blob the form was filled from, and why. */
export interface Modification {
  id: string;
  sha: string;
  motif: string;
}

export interface Envelope {
  collection: Collection;
  donnees: Record<string, unknown>;
  texte: string;
  contact: Contact;
  renduA: number | undefined;
  honeypot: string;
  altcha: unknown;
  modification: Modification | undefined;
}

const MAX_REASON = 2000;
const MAX_TEXT = 200_000;
const MAX_NAME = 120;
const MAX_EMAIL = 254;
/** Control characters other than tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NOT_EMAIL = '\\s@<>()[\\]\\\\,;:"';
/** Linear: the local part cannot hold `@`, a domain label cannot hold `.`, so there is one way to match. */
const EMAIL = new RegExp(`^[^${NOT_EMAIL}]+@[^${NOT_EMAIL}.]+(?:\\.[^${NOT_EMAIL}.]+)+$`);

/**
 * The request envelope, checked by Fastify before the handler runs (sizes first, nothing recursive:
 * `donnees` is only said to be an object here; its content is bounded by the core's `checkDataBounds`, then validated
 * by the core).
 */
export const ENVELOPE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['collection', 'donnees', 'contact'],
  properties: {
    collection: { type: 'string', maxLength: 40 },
    donnees: { type: 'object' },
    texte: { type: 'string', maxLength: MAX_TEXT },
    contact: {
      type: 'object',
      additionalProperties: false,
      required: ['nom', 'courriel'],
      properties: {
        nom: { type: 'string', maxLength: MAX_NAME },
        courriel: { type: 'string', maxLength: MAX_EMAIL },
        credit: { type: 'boolean' },
        suivi: { type: 'boolean' },
      },
    },
    modification: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'sha'],
      properties: {
        id: { type: 'string', maxLength: 120 },
        sha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
        motif: { type: 'string', maxLength: MAX_REASON },
      },
    },
    rendu_a: { type: 'number' },
    site_web: { type: 'string', maxLength: 2000 },
    altcha: { type: 'object', maxProperties: 4 },
  },
} as const;

/** One French message per envelope field, whatever rule of `ENVELOPE_SCHEMA` it broke. */
const ENVELOPE_MESSAGES: Record<string, string> = {
  collection: `Collection inconnue. Choisissez parmi : ${allCollections()
    .map((c) => c.label)
    .join(', ')}.`,
  donnees: 'Les champs de la proposition (« donnees ») doivent être un objet JSON.',
  texte: `Le texte doit être une chaîne de caractères de ${MAX_TEXT.toLocaleString('fr-FR')} caractères au plus.`,
  contact: 'Indiquez votre nom et votre adresse électronique, pour que l’équipe puisse vous répondre.',
  'contact.nom': `Indiquez votre nom (${MAX_NAME} caractères au plus).`,
  'contact.courriel': 'Indiquez une adresse électronique valide (par exemple nom@exemple.fr).',
  'contact.credit': 'Le choix « être cité » doit être oui ou non.',
  'contact.suivi': 'Le choix « être prévenu par courriel » doit être oui ou non.',
  modification:
    'La modification doit indiquer l’entrée modifiée et la version de départ : rouvrez le formulaire depuis la page de l’entrée.',
  'modification.id': 'Identifiant d’entrée invalide : rouvrez le formulaire depuis la page de l’entrée.',
  'modification.sha': 'Version de départ invalide : rouvrez le formulaire depuis la page de l’entrée.',
  'modification.motif': `Le motif de la modification fait ${MAX_REASON.toLocaleString('fr-FR')} caractères au plus.`,
  rendu_a: 'L’horodatage du formulaire est invalide : rechargez la page.',
  site_web: 'Champ « site_web » invalide.',
  altcha: 'La preuve de travail anti-robot est invalide : rechargez la page et renvoyez le formulaire.',
};

/** The subset of an ajv error that Fastify hands over for a refused envelope. */
export interface EnvelopeIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** A refused envelope (Fastify's schema validation), as a French 400 naming the field. */
export function envelopeError(issues: readonly EnvelopeIssue[]): SubmissionError {
  const issue = issues[0];
  if (!issue) return bad('Le contenu envoyé doit être un objet JSON.');
  const steps = issue.instancePath.split('/').filter(Boolean);
  if (issue.keyword === 'additionalProperties') {
    const key = String(issue.params.additionalProperty).slice(0, 60);
    return steps[0] === 'contact'
      ? bad(`Champ inattendu dans le contact : « ${key} ».`, 'contact')
      : bad(`Champ inattendu dans l’envoi : « ${key} ».`);
  }
  if (issue.keyword === 'required') steps.push(String(issue.params.missingProperty));
  const champ = steps.join('.');
  if (champ === '') return bad('Le contenu envoyé doit être un objet JSON.');
  return bad(ENVELOPE_MESSAGES[champ] ?? `Champ « ${champ} » invalide.`, champ);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string, champ = ''): SubmissionError {
  return new SubmissionError(400, message, champ ? [{ champ, message }] : []);
}

/** Refuses data beyond what a file may hold (the core's bounds), on the field where it goes beyond. */
function checkData(value: unknown, field: string): void {
  const p = checkDataBounds(value);
  if (p) throw bad(`${p.message} ${p.hint}`, [field, ...p.path].filter((s) => s !== '').join('.'));
}

/** Reads an envelope that already passed `ENVELOPE_SCHEMA`: what a schema cannot say. */
export function readEnvelope(body: unknown): Envelope {
  if (!isPlainObject(body)) throw bad('Le contenu envoyé doit être un objet JSON.');
  const name = String(body.collection);
  const collection = collections.get(name as CollectionName);
  if (!collection)
    throw bad(
      `Collection inconnue : « ${name} ». Choisissez parmi : ${allCollections()
        .map((c) => c.label)
        .join(', ')}.`,
      'collection',
    );
  const donnees = body.donnees as Record<string, unknown>;
  checkData(donnees, '');
  for (const field of [...COMPUTED_FIELDS, 'note_interne']) {
    if (field in donnees)
      throw bad(
        `Le champ « ${field} » n’est pas à remplir : le service le calcule ou le réserve à l’équipe éditoriale.`,
        field,
      );
  }
  const texte = typeof body.texte === 'string' ? body.texte : '';
  if (collection.format !== 'md' && texte.trim() !== '')
    throw bad(`La collection « ${collection.label} » n’a pas de texte libre : tout passe par ses champs.`, 'texte');
  checkData(texte, 'texte');
  const contact = body.contact as { nom: string; courriel: string; credit?: boolean; suivi?: boolean };
  const nom = contact.nom.trim();
  const courriel = contact.courriel.trim();
  if (nom === '' || CONTROL.test(nom)) throw bad(ENVELOPE_MESSAGES['contact.nom']!, 'contact.nom');
  if (!EMAIL.test(courriel)) throw bad(ENVELOPE_MESSAGES['contact.courriel']!, 'contact.courriel');
  return {
    collection,
    donnees,
    texte,
    contact: { nom, courriel, credit: contact.credit === true, suivi: contact.suivi === true },
    renduA: typeof body.rendu_a === 'number' && Number.isFinite(body.rendu_a) ? body.rendu_a : undefined,
    honeypot: typeof body.site_web === 'string' ? body.site_web : '',
    altcha: body.altcha,
    modification: readModification(body.modification),
  };
}

function readModification(value: unknown): Modification | undefined {
  if (!isPlainObject(value)) return undefined;
  const motif = typeof value.motif === 'string' ? value.motif.trim() : '';
  checkData(motif, 'modification.motif');
  return { id: String(value.id), sha: String(value.sha), motif };
}

/** Paths the service may write: `content/<collection>[/<maillon>]/<id>.<ext>`, nothing else. */
export const ALLOWED_PATH = new RegExp(
  `^(${allCollections()
    .map((c) => `${c.folder}${c.groupBy ? '/[a-z]+(?:-[a-z]+)*' : ''}/[a-z0-9]+(?:-[a-z0-9]+)*\\${extensionOf(c)}`)
    .join('|')})$`,
);

export function assertAllowedPath(p: string): void {
  if (!ALLOWED_PATH.test(p) || p.includes('..'))
    throw new SubmissionError(422, `Chemin de fichier refusé : « ${p.slice(0, 120)} ».`);
}

/** The form field of a problem, from its data path (`porteur.type`, `contacts.0.courriel`); `texte` for the body. */
export function fieldOf(p: Problem, bodyLine: number, c: Collection): string {
  if (p.path) {
    const steps =
      p.path[p.path.length - 1] !== undefined && typeof p.path[p.path.length - 1] === 'number'
        ? p.path.slice(0, -1)
        : p.path;
    return steps.join('.');
  }
  return c.format === 'md' && p.line >= bodyLine ? 'texte' : '';
}

export interface PreparedEntry {
  collection: Collection;
  entryId: string;
  path: string;
  content: string;
  title: string;
  /** The semantic diff of the new entry (from nothing), in Markdown, for the pull request. */
  diff: string;
}

/** What the validation needs, as plain data (it crosses to a worker thread). */
export interface EntryJob {
  collection: CollectionName;
  donnees: Record<string, unknown>;
  texte: string;
  entryId: string;
  today: string;
}

/** The id a new entry gets: its title's slug, numbered when taken. */
export function chooseEntryId(
  c: Collection,
  donnees: Record<string, unknown>,
  idTaken: (c: Collection, id: string) => boolean,
): string {
  const titre = typeof donnees.titre === 'string' ? donnees.titre : '';
  const slug = slugify(titre, 60);
  const base = slug.length >= 2 ? slug : 'proposition';
  let entryId = base;
  for (let n = 2; idTaken(c, entryId); n++) entryId = `${base}-${n}`;
  return entryId;
}

/** Serialises, re-reads and validates an entry; throws a 422 with the problems, each on its form field. */
export function prepareEntry(job: EntryJob, repoDir: string, knownRefs: ReadonlySet<string>): PreparedEntry {
  const c = collections.get(job.collection);
  if (!c) throw new SubmissionError(400, 'Collection inconnue.');
  const data: Record<string, unknown> = { ...job.donnees, id: job.entryId, date_maj: job.today };
  if (readSchema(c.schema).properties?.derniere_revue) data.derniere_revue = job.today;
  const file = entryPath(c, data);
  const content = serializeEntry(c, file, data, job.texte);
  const parsed = parseEntry(c, file, content);
  const problems: Problem[] = [...validateEntry(parsed, repoDir, { today: job.today })];
  if (parsed.data) problems.push(...validateRepositoryRules([parsed], knownRefs).filter((p) => p.rule !== 'id-unique'));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const problemes = errors.map((p) => ({
      champ: fieldOf(p, parsed.bodyLine, c),
      message: p.hint ? `${p.message} ${p.hint}` : p.message,
      regle: p.rule,
    }));
    throw new SubmissionError(
      422,
      errors.length === 1
        ? 'La proposition contient une erreur à corriger.'
        : `La proposition contient ${errors.length} erreurs à corriger.`,
      problemes,
    );
  }
  assertAllowedPath(file);
  // A new entry: the diff from nothing, as `essaim propose` shows an added file.
  const diff = renderDiff({ base: '', entries: [diffEntries(undefined, parsed)], others: [] }, 'markdown');
  return { collection: c, entryId: job.entryId, path: file, content, title: String(data.titre), diff };
}

/** Title, description and commit message of a submission: the same builder as `essaim propose`. */
export function pullRequestText(
  e: PreparedEntry,
  submissionId: string,
  contact: Contact,
  edit?: { diff: EntryDiff; motif: string },
): { title: string; body: string; commitMessage: string } {
  const entry: ProposedEntry = {
    collection: e.collection.name,
    file: e.path,
    id: e.entryId,
    title: e.title,
    kind: edit ? 'changed' : 'added',
  };
  const via = `le formulaire du portail${contact.credit ? ` (par ${contact.nom.replace(/\s+/g, ' ')})` : ''}`;
  let diff = '';
  if (edit) {
    const reason = edit.motif
      ? edit.motif
          .split('\n')
          .map((line) => `> ${md(line)}`)
          .join('\n')
      : '> (aucun motif donné)';
    diff = `**Motif donné par la personne :**\n\n${reason}\n\n${renderDiff({ base: '', entries: [edit.diff], others: [] }, 'markdown')}`;
  }
  return {
    title: pullRequestTitle([entry]),
    body: pullRequestBody([entry], { diff: edit ? diff : e.diff, via }),
    commitMessage: `${commitMessage([entry])}\n\n${SERVICE_TRAILER}: ${submissionId}`,
  };
}
