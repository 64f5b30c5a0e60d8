import path from 'node:path';
import { visit } from 'unist-util-visit';
import { schemeOf } from '../markdown.js';
import type { EntryRule } from './types.js';

/**
 * Where a local image path points, relative to the repository root, or `undefined` when it
 * escapes the repository. Site-absolute paths (`/img/x.png`) are served from `static/`.
 */
export function localImageTarget(file: string, url: string): string | undefined {
  const clean = decodeURI(url.split(/[?#]/)[0] ?? '');
  if (/^[/\\]{2}/.test(clean)) return undefined; // `//host/x.png`, or `/\host` read the same way by browsers: another site
  let target: string;
  if (clean.startsWith('@site/')) target = path.posix.normalize(clean.slice('@site/'.length));
  else if (clean.startsWith('/')) target = path.posix.normalize('static' + clean);
  else target = path.posix.normalize(path.posix.join(path.posix.dirname(file), clean));
  return target.startsWith('../') || target === '..' || path.posix.isAbsolute(target) ? undefined : target;
}

export const imageHorsDepot: EntryRule = {
  id: 'image-hors-depot',
  description: 'Les images sont en https:// ou dans le dossier static/ du dépôt, sans chemin qui en sorte.',
  check(ctx) {
    const definitions = new Map<string, string>();
    visit(ctx.markdown(), 'definition', (d) => { definitions.set(d.identifier, d.url); });
    visit(ctx.markdown(), (node) => {
      let url: string | undefined;
      if (node.type === 'image') url = node.url;
      else if (node.type === 'imageReference') url = definitions.get(node.identifier);
      if (url === undefined) return;
      const pos = ctx.bodyPosition(node.position?.start.line ?? 1, node.position?.start.column ?? 1);
      const scheme = schemeOf(url);
      if (scheme === 'https') return;
      if (scheme) {
        if (scheme !== 'javascript' && scheme !== 'vbscript' && scheme !== 'data') ctx.report(pos, `Image en « ${scheme}: » : seules les images https:// ou du dossier static/ sont acceptées.`, 'Utilisez l’adresse https:// de l’image, ou déposez-la dans static/img/.');
        return;
      }
      let target: string | undefined;
      try { target = localImageTarget(ctx.entry.file, url); } catch { target = undefined; }
      if (!target || !target.startsWith('static/')) {
        ctx.report(pos, `L’image « ${url} » est hors du dossier static/ du dépôt.`, 'Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).');
      }
    });
  },
};
