import path from 'node:path';
import { UsageError } from '../../src/content/problems.js';
import { backupDatabase } from '../../src/server/backup.js';
import { dataDirOf } from '../../src/server/config.js';
import type { ExitCode, Io } from '../io.js';

export interface SauvegardeOptions {
  garder?: string;
}

export const DEFAULT_KEEP = 7;

/** `essaim sauvegarde <dossier>`: a consistent copy of the service's database, taken while it runs. */
export async function sauvegarde(folder: string, options: SauvegardeOptions, io: Io): Promise<ExitCode> {
  const keep = Number(options.garder ?? DEFAULT_KEEP);
  if (!Number.isInteger(keep) || keep < 1)
    throw new UsageError(
      `--garder « ${options.garder} » : indiquez le nombre de sauvegardes à garder (un entier, 1 au moins).`,
    );
  const r = await backupDatabase(dataDirOf(io.env), path.resolve(io.cwd, folder), { keep });
  io.out(
    `Sauvegarde faite : ${r.file} (${r.submissions} proposition${r.submissions > 1 ? 's' : ''}, schéma ${r.version}, ${Math.ceil(r.bytes / 1024)} Kio, intégrité vérifiée).`,
  );
  for (const old of r.removed) io.out(`Ancienne sauvegarde supprimée : ${old}`);
  return 0;
}
