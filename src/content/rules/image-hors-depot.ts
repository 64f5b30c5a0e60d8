import { markdownNodes, schemeOf } from '../markdown.js';
import { localProblems } from '../site-paths.js';
import type { EntryRule } from './types.js';

export const imageHorsDepot: EntryRule = {
  id: 'image-hors-depot',
  description:
    'Les images sont en https:// ou dans le dossier static/ du dépôt, écrites /chemin/depuis/static (sans « .. », « @site/ », fichier caché ni chemin relatif).',
  check(ctx) {
    const tree = ctx.markdown();
    const nodes = markdownNodes(tree);
    const definitions = new Map<string, string>();
    // The first definition of a label is the one used (CommonMark), by the build too.
    for (const d of nodes)
      if (d.type === 'definition' && !definitions.has(d.identifier)) definitions.set(d.identifier, d.url);
    for (const node of nodes) {
      const url =
        node.type === 'image'
          ? node.url
          : node.type === 'imageReference'
            ? definitions.get(node.identifier)
            : undefined;
      const scheme = url === undefined ? undefined : schemeOf(url);
      // Dangerous schemes are lien-dangereux's, `file:` is refused with the local paths below.
      if (!scheme || ['https', 'javascript', 'vbscript', 'data', 'file'].includes(scheme)) continue;
      const pos = ctx.bodyPosition(node.position?.start.line ?? 1, node.position?.start.column ?? 1);
      ctx.report(
        pos,
        `Image en « ${scheme}: » : seules les images https:// ou du dossier static/ sont acceptées.`,
        'Utilisez l’adresse https:// de l’image, ou déposez-la dans static/img/.',
      );
    }
    for (const p of localProblems(ctx.root, ctx.entry, tree))
      if (p.rule === 'image-hors-depot') ctx.report(p, p.message, p.hint);
  },
};
