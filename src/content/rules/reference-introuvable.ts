import type { RepositoryRule } from './types.js';

export const REFERENCE_FIELDS = ['ressources_liees'];

export const referenceIntrouvable: RepositoryRule = {
  id: 'reference-introuvable',
  description: 'Chaque référence <collection>/<identifiant> désigne une entrée qui existe.',
  check(entries, ctx) {
    for (const entry of entries) {
      for (const field of REFERENCE_FIELDS) {
        const refs = entry.data[field];
        if (!Array.isArray(refs)) continue;
        for (let i = 0; i < refs.length; i++) {
          const ref: unknown = refs[i];
          if (typeof ref === 'string' && /^[a-z]+\/[a-z0-9-]+$/.test(ref) && !ctx.knownRefs.has(ref)) {
            ctx.report(
              entry,
              entry.locate([field, i]),
              `La référence « ${ref} » ne correspond à aucune entrée.`,
              'Vérifiez la collection et l’identifiant (le nom du fichier, sans extension).',
            );
          }
        }
      }
    }
  },
};
