/**
 * Editing an existing entry from its page: the entry is read from the base branch (the same source
 * the pull request will be based on, so the form never starts from a stale copy of the site), the
 * edit carries the blob it started from, and a change made on the base branch meanwhile is merged
 * field by field (`mergeEntry`) — or refused in French when both changed the same field.
 */
import { collections, idOfFile, type Collection } from '../content/collections.js';
import { COMPUTED_FIELDS } from '../content/form-schema.js';
import { listEntries } from '../content/load.js';
import { mergeEntry, type EntryVersion } from '../content/merge.js';
import { parseEntry } from '../content/parse.js';
import { serializeEntry } from '../content/serialize.js';
import type { GitHubClient } from '../github/client.js';
import { isHttpError, ProposeError } from '../github/errors.js';
import { git, gitBuffer, GitCommandError } from '../github/git.js';
import type { Proposer } from './proposers.js';
import type { Submission } from './store.js';
import { SubmissionError, type Modification } from './submission.js';

export interface BaseFile {
  /** Git blob id. */
  sha: string;
  content: string;
}

/** Files of the base branch, read where the proposals go: the local repository or GitHub. */
export interface BaseFiles {
  read(path: string): Promise<BaseFile | undefined>;
  /** A blob by its id (the version an edit started from). */
  blob(sha: string): Promise<string | undefined>;
}

export function localBaseFiles(repoDir: string, base: string): BaseFiles {
  return {
    async read(path) {
      try {
        const sha = await git(repoDir, ['rev-parse', '--verify', '--quiet', `${base}:${path}`]);
        return { sha, content: (await gitBuffer(repoDir, ['cat-file', 'blob', sha])).toString('utf8') };
      } catch (error) {
        if (error instanceof GitCommandError) return undefined;
        throw error;
      }
    },
    async blob(sha) {
      if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
      return gitBuffer(repoDir, ['cat-file', 'blob', sha]).then(
        (b) => b.toString('utf8'),
        () => undefined,
      );
    },
  };
}

export function gitHubBaseFiles(octokitFor: () => Promise<GitHubClient>, repository: string, base: string): BaseFiles {
  const [owner, repo] = repository.split('/') as [string, string];
  const notFound = (error: unknown): undefined => {
    if (isHttpError(error) && error.status === 404) return undefined;
    throw error;
  };
  return {
    async read(path) {
      const octokit = await octokitFor();
      const r = await octokit.rest.repos.getContent({ owner, repo, path, ref: base }).catch(notFound);
      const data = r?.data;
      if (!data || Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
      return { sha: data.sha, content: Buffer.from(data.content, 'base64').toString('utf8') };
    },
    async blob(sha) {
      const octokit = await octokitFor();
      const r = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha }).catch(notFound);
      return r
        ? Buffer.from(r.data.content, r.data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8')
        : undefined;
    },
  };
}

/** Where an entry lives, from the service's copy of the repository (the one the portal was built from). */
export function findEntryPath(repoDir: string, c: Collection, id: string): string | undefined {
  return listEntries(repoDir, [c.folder]).files.find((f) => f.collection === c && idOfFile(f.file) === id)?.file;
}

/** Fields the form neither shows nor sends, kept from the file as it is. */
const KEPT_FIELDS = ['note_interne'];

/** An entry's text as the form edits it: its fields without the computed ones, and its body. */
export function readVersion(c: Collection, file: string, content: string): EntryVersion {
  const parsed = parseEntry(c, file, content);
  if (!parsed.data)
    throw new SubmissionError(
      409,
      'Cette entrée ne peut pas être lue sur la branche de base : l’équipe doit la corriger.',
    );
  return { data: parsed.data, body: parsed.body };
}

export function formValues(v: EntryVersion): { donnees: Record<string, unknown>; texte: string } {
  const hidden = new Set<string>([...COMPUTED_FIELDS, ...KEPT_FIELDS]);
  return { donnees: Object.fromEntries(Object.entries(v.data).filter(([k]) => !hidden.has(k))), texte: v.body };
}

/** The submitted fields completed with those the form does not carry (from the current file). */
export function withKeptFields(donnees: Record<string, unknown>, current: EntryVersion): Record<string, unknown> {
  const out = { ...donnees };
  for (const k of KEPT_FIELDS) if (current.data[k] !== undefined) out[k] = current.data[k];
  return out;
}

/** The French refusal when the same fields changed on both sides. */
export function conflictError(conflicts: readonly { champ: string; label: string }[]): SubmissionError {
  const names = conflicts.map((x) => `« ${x.label} »`).join(', ');
  const message = `Pendant que vous rédigiez, cette entrée a été modifiée sur le portail, et les mêmes champs que les vôtres ont changé (${names}). Rechargez la page pour partir de la version à jour, puis refaites votre modification.`;
  return new SubmissionError(
    409,
    message,
    conflicts.map((x) => ({ champ: x.champ, message: `Ce champ a été modifié entre-temps par quelqu’un d’autre.` })),
  );
}

/**
 * Wraps a proposer so that an edit is re-based on the base branch as it is when proposing: the
 * file must still exist, and a change made meanwhile is merged, or the edit fails with a French
 * reason (never written over the other change).
 */
export function rebasing(files: BaseFiles, propose: Proposer): Proposer {
  return async (s: Submission) => {
    if (!s.baseSha || s.baseContent === null) return propose(s);
    const c = collections.get(s.collection);
    if (!c) throw new ProposeError(`Collection inconnue : « ${s.collection} ».`);
    const current = await files.read(s.path);
    if (!current) throw new ProposeError(`L’entrée « ${s.path} » a été supprimée ou déplacée entre-temps.`);
    if (current.sha === s.baseSha) return propose(s);
    const merged = mergeEntry(
      c,
      readVersion(c, s.path, s.baseContent),
      readVersion(c, s.path, current.content),
      readVersion(c, s.path, s.content),
    );
    if (!merged.ok) throw new ProposeError(conflictError(merged.conflicts).message);
    return propose({ ...s, content: serializeEntry(c, s.path, merged.merged.data, merged.merged.body) });
  };
}

export interface EditStart {
  path: string;
  /** The file on the base branch now: what the pull request changes. */
  current: BaseFile;
  /** What to validate: the submission, merged with the changes made meanwhile when there were some. */
  donnees: Record<string, unknown>;
  texte: string;
}

/** Checks an edit against the base branch as it is now; merges a change made meanwhile, or refuses in French. */
export async function startEdit(
  files: BaseFiles,
  repoDir: string,
  c: Collection,
  m: Modification,
  donnees: Record<string, unknown>,
  texte: string,
): Promise<EditStart> {
  const path = findEntryPath(repoDir, c, m.id);
  if (!path) throw new SubmissionError(404, `Aucune entrée « ${m.id.slice(0, 120)} » dans la collection ${c.label}.`);
  const current = await files.read(path);
  if (!current)
    throw new SubmissionError(
      409,
      'Cette entrée a été supprimée ou déplacée depuis que vous avez ouvert le formulaire : rechargez sa page.',
    );
  const now = readVersion(c, path, current.content);
  const ours = { data: withKeptFields(donnees, now), body: texte };
  if (current.sha === m.sha) return { path, current, donnees: ours.data, texte };
  const original = await files.blob(m.sha);
  if (original === undefined)
    throw new SubmissionError(409, 'La version de départ de votre modification est inconnue : rechargez la page.');
  const merged = mergeEntry(c, readVersion(c, path, original), now, ours);
  if (!merged.ok) throw conflictError(merged.conflicts);
  const computed = new Set<string>(COMPUTED_FIELDS);
  const data = Object.fromEntries(Object.entries(merged.merged.data).filter(([k]) => !computed.has(k)));
  return { path, current, donnees: data, texte: merged.merged.body };
}
