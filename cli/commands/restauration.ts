import path from 'node:path';
import { restoreDatabase } from '../../src/server/backup.js';
import { dataDirOf } from '../../src/server/config.js';
import type { ExitCode, Io } from '../io.js';

/** `essaim restauration <fichier>`: puts a checked backup in place of the database of a stopped service. */
export async function restauration(file: string, io: Io): Promise<ExitCode> {
  const dataDir = dataDirOf(io.env);
  const r = await restoreDatabase(path.resolve(io.cwd, file), dataDir);
  io.out(
    `Sauvegarde restaurée dans ${dataDir} : ${r.submissions} proposition${r.submissions > 1 ? 's' : ''}, schéma ${r.version} (intégrité vérifiée).`,
  );
  if (r.previous) io.out(`La base remplacée est gardée sous ${r.previous}.`);
  io.out('Démarrez le service : il mettra la base au schéma courant et reprendra les propositions en attente.');
  return 0;
}
