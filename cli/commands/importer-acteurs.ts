import fs from 'node:fs';
import path from 'node:path';
import { collections } from '../../src/content/collections.js';
import {
  actorsFolder,
  fromDataInclusion,
  type DataInclusionStructure,
} from '../../src/content/import/data-inclusion.js';
import { UsageError } from '../../src/content/problems.js';
import { serializeEntry } from '../../src/content/serialize.js';
import { todayIso } from '../../src/content/validate.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';

/**
 * `essaim importer-acteurs <fichier.json>`: writes the public entries of the structures of a
 * data·inclusion list that are not in the directory yet; never touches an existing entry. The new
 * files are then proposed like any other (`essaim propose`).
 */
export async function importerActeurs(file: string, io: Io): Promise<ExitCode> {
  const abs = path.resolve(io.cwd, file);
  let list: unknown;
  try {
    list = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} : lecture impossible, ou pas du JSON (${(error as Error).message}).`);
  }
  if (!Array.isArray(list))
    throw new UsageError(
      `${file} : une liste de structures au format data·inclusion est attendue ([{ "nom": … }, …]).`,
    );
  const collection = collections.get('actors');
  if (!collection) throw new UsageError('La collection des acteurs n’existe pas dans ce dépôt.');
  const root = findRoot(io.cwd);
  const { actors, skipped } = fromDataInclusion(list as DataInclusionStructure[], todayIso());
  const written: string[] = [];
  const existing: string[] = [];
  for (const a of actors) {
    const rel = path.join(actorsFolder(), `${a.id}.yaml`);
    const target = path.join(root, rel);
    if (fs.existsSync(target)) {
      existing.push(rel);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, serializeEntry(collection, rel, a.data));
    written.push(rel);
  }
  const plural = (n: number): string => (n > 1 ? 's' : '');
  io.out(
    `${written.length} acteur${plural(written.length)} ajouté${plural(written.length)}${written.length ? ' :' : '.'}`,
  );
  for (const w of written) io.out(`  ${w}`);
  if (existing.length)
    io.out(
      `Déjà dans l’annuaire, laissé${plural(existing.length)} tel${plural(existing.length)} quel${plural(existing.length)} : ${existing.join(', ')}`,
    );
  for (const s of skipped) io.out(`Ignoré : ${s.name} — ${s.reason}`);
  if (written.length)
    io.out(`→ Vérifiez-les, renseignez leurs maillons, puis : npm run essaim -- propose ${written.join(' ')}`);
  return 0;
}
