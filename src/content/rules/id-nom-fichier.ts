import path from 'node:path';
import { idOfFile } from '../collections.js';
import type { EntryRule } from './types.js';

export const idNomFichier: EntryRule = {
  id: 'id-nom-fichier',
  description: 'L’identifiant d’une entrée est identique au nom de son fichier.',
  check(ctx) {
    const { entry } = ctx;
    const expected = idOfFile(entry.file);
    const id = entry.data.id;
    if (typeof id === 'string' && id !== expected) {
      ctx.report(
        entry.locate(['id']),
        `L’identifiant « ${id} » ne correspond pas au nom du fichier (« ${expected} »).`,
        `Renommez le fichier en \`${id}${path.posix.extname(entry.file)}\` ou écrivez \`id: ${expected}\`.`,
      );
    }
  },
};
