import type { RepositoryRule } from './types.js';

export const idUnique: RepositoryRule = {
  id: 'id-unique',
  description: 'Un identifiant est unique dans sa collection, et celui d’un appel à projets chez son financeur.',
  check(entries, ctx) {
    const seen = new Map<string, string>();
    for (const entry of entries) {
      const id = entry.data.id;
      if (typeof id !== 'string') continue;
      const key = `${entry.collection.name}/${id}`;
      const first = seen.get(key);
      if (first)
        ctx.report(
          entry,
          entry.locate(['id']),
          `L’identifiant « ${id} » est déjà utilisé par ${first}.`,
          'Choisissez un autre identifiant (et renommez le fichier).',
        );
      else seen.set(key, entry.file);
      const calls = entry.data.appels;
      if (!Array.isArray(calls)) continue;
      const callIds = new Set<string>();
      for (let i = 0; i < calls.length; i++) {
        const call: unknown = calls[i];
        const callId = call && typeof call === 'object' ? (call as Record<string, unknown>).id : undefined;
        if (typeof callId !== 'string') continue;
        if (callIds.has(callId))
          ctx.report(
            entry,
            entry.locate(['appels', i, 'id']),
            `L’appel « ${callId} » apparaît deux fois chez ce financeur.`,
            'Donnez à chaque appel un identifiant différent.',
          );
        callIds.add(callId);
      }
    }
  },
};
