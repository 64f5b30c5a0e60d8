import { collections } from '../../src/content/collections.js';
import { dataDirOf } from '../../src/server/config.js';
import { Reports } from '../../src/server/reports.js';
import { Outbox } from '../../src/server/store.js';
import type { ExitCode, Io } from '../io.js';

const STATUS = { recu: 'en attente', ouvert: 'ticket ouvert', echec: 'échec' } as const;

/** `essaim signalements`: the error reports received by the service, oldest first. */
export function signalements(io: Io): Promise<ExitCode> {
  const outbox = new Outbox(dataDirOf(io.env));
  try {
    const all = new Reports(outbox.db).all();
    if (all.length === 0) io.out('Aucun signalement reçu.');
    for (const r of all) {
      const when = new Date(r.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
      const where = `${collections.get(r.collection)?.singular ?? r.collection} « ${r.title} »`;
      io.out(
        `${when} — ${where} (${r.collection}/${r.entryId}) — ${STATUS[r.status]}${r.issueUrl ? ` : ${r.issueUrl}` : ''}`,
      );
      io.out(`  Page : ${r.url}`);
      for (const line of r.message.split('\n')) io.out(`  > ${line}`);
      io.out(`  Contact : ${r.contactEmail ?? 'aucun'}`);
    }
  } finally {
    outbox.close();
  }
  return Promise.resolve(0);
}
