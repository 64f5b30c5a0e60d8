import { UsageError } from '../../src/content/problems.js';
import { mailConfigFrom } from '../../src/mail/mailer.js';
import { dataDirOf } from '../../src/server/config.js';
import { eraseContact } from '../../src/server/erasure.js';
import { Outbox } from '../../src/server/store.js';
import type { ExitCode, Io } from '../io.js';

/** `essaim effacement <courriel>`: erases a person's contact data from the service (database, alerts, mail queue and outbox). */
export function effacement(email: string, io: Io): Promise<ExitCode> {
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
    throw new UsageError(`« ${email} » n’est pas une adresse électronique : indiquez celle de la personne.`);
  const dataDir = dataDirOf(io.env);
  const outbox = new Outbox(dataDir);
  try {
    const r = eraseContact(outbox, mailConfigFrom(io.env, dataDir).outboxDir, email);
    io.out(
      `Données effacées pour ${email.trim()} : ${r.submissions} proposition(s), ${r.reports} signalement(s), ${r.alerts} alerte(s), ${r.accounts} compte(s) professionnel(s), ${r.contacts} contact(s) de structure, ${r.mails} courriel(s).`,
    );
  } finally {
    outbox.close();
  }
  return Promise.resolve(0);
}
