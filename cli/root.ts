import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../src/content/problems.js';

/** The repository root: the nearest folder, from `cwd` up, that holds `content/`. */
export function findRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'content'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new UsageError('Aucun dossier content/ trouvé : lancez la commande depuis un dépôt Essaim.');
    dir = parent;
  }
}
