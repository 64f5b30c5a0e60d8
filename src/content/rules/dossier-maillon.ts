import path from 'node:path';
import type { EntryRule } from './types.js';

export const dossierMaillon: EntryRule = {
  id: 'dossier-maillon',
  description: 'Une entrée rangée par maillon (fiches pratiques) est dans le dossier d’un de ses maillons.',
  check(ctx) {
    const { entry } = ctx;
    const field = entry.collection.groupBy;
    if (!field) return;
    const rel = entry.file.slice(entry.collection.folder.length + 1);
    const folder = rel.includes('/') ? rel.split('/')[0]! : undefined;
    const values = entry.data[field];
    if (!Array.isArray(values) || values.length === 0 || typeof values[0] !== 'string') return;
    if (folder === undefined || !values.includes(folder)) {
      const target = `${entry.collection.folder}/${values[0]}/${path.posix.basename(entry.file)}`;
      ctx.report(
        entry.locate([field]),
        folder === undefined
          ? 'La fiche doit être rangée dans le dossier de son maillon principal.'
          : `La fiche est rangée dans « ${folder} », qui n’est pas un de ses maillons.`,
        `Déplacez le fichier vers \`${target}\`.`,
      );
    }
  },
};
