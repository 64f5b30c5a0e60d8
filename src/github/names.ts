// Branch names and file paths accepted for a proposed change.
import { ProposeError } from './errors.js';

export interface FileChange {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  content: string;
}

/** Trailer of the commits the submission service writes (`Essaim-Soumission: <suivi>`): a branch whose head carries it is the service's. */
export const SERVICE_TRAILER = 'Essaim-Soumission';

export function isServiceCommit(message: string): boolean {
  return new RegExp(`^${SERVICE_TRAILER}: `, 'm').test(message);
}

/** The `n`-th name to try for a branch: `name`, then `name.2`, `name.3`… (an id never holds a dot). */
export function branchCandidate(name: string, n: number): string {
  return n === 1 ? name : `${name}.${n}`;
}

/** How many suffixed names are tried before giving up. */
export const BRANCH_CANDIDATES = 20;

/** The folder and id of a new entry: the proposal is refused if the base already has an entry with that id. */
export interface NewEntry {
  folder: string;
  id: string;
}

/** Whether `paths` (of the base, under the entry's folder) already hold an entry with this id. */
export function entryExists(paths: readonly string[], entry: NewEntry): string | undefined {
  return paths.find(
    (p) => p.startsWith(`${entry.folder}/`) && /^[^.]+/.exec(p.split('/').pop() ?? '')?.[0] === entry.id,
  );
}

export function existingEntryMessage(entry: NewEntry, found: string, base: string): string {
  return `Une entrée « ${entry.id} » existe déjà sur la branche « ${base} » (${found}) : une nouvelle entrée ne peut pas remplacer une entrée existante. L’équipe éditoriale la reprendra sous un autre identifiant.`;
}

export const NOTHING_TO_PROPOSE = 'Rien à proposer : les fichiers sont identiques à ceux de la branche de base.';

/** Turns free text into a valid Git ref component (ASCII, no spaces, no `..`, no `.lock`). */
function refComponent(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .replace(/\.lock$/, '-lock');
}

/** `<prefix>/<collection>/<id>` (`essaim/…` for `essaim propose`), sanitised into a valid branch name. */
export function branchName(collection: string, id: string, prefix = 'essaim'): string {
  const parts = [refComponent(collection), refComponent(id)];
  if (parts.some((part) => part === '')) {
    throw new ProposeError(`Nom de branche impossible à former à partir de « ${collection} » et « ${id} ».`);
  }
  return `${prefix}/${parts.join('/')}`;
}

/** Follows `git check-ref-format` for a branch name (without the `refs/heads/` prefix). */
export function isValidBranchName(name: string): boolean {
  if (name === '' || name === '@' || name.startsWith('-') || name.endsWith('/') || name.endsWith('.')) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\//.test(name)) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

export function assertBranchName(name: string): void {
  if (!isValidBranchName(name)) throw new ProposeError(`Nom de branche invalide : « ${name} ».`);
}

/** Rejects paths that could escape the repository or touch Git's own files. */
export function assertFiles(files: readonly FileChange[]): void {
  if (files.length === 0) throw new ProposeError('Aucun fichier à proposer.');
  const seen = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/');
    const unsafe =
      file.path === '' ||
      /[\x00-\x1f\x7f\\]/.test(file.path) ||
      parts.some((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git');
    if (unsafe)
      throw new ProposeError(
        `Chemin de fichier refusé : « ${file.path} » (chemin relatif attendu, sans « .. » ni « .git »).`,
      );
    if (seen.has(file.path)) throw new ProposeError(`Le fichier « ${file.path} » est proposé deux fois.`);
    seen.add(file.path);
  }
}
