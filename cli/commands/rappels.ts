import { dataDirOf } from '../../src/server/config.js';
import { createMailer, mailConfigFrom } from '../../src/mail/mailer.js';
import { sendReminders } from '../../src/server/pro/reminders.js';
import { Outbox } from '../../src/server/store.js';
import type { ExitCode, Io } from '../io.js';

/** `essaim rappels`: asks the managers of structures to confirm their restricted part (every six months). */
export async function rappels(io: Io): Promise<ExitCode> {
  const dataDir = dataDirOf(io.env);
  const outbox = new Outbox(dataDir);
  const mailer = createMailer(mailConfigFrom(io.env, dataDir));
  try {
    const publicUrl = io.env.ESSAIM_PUBLIC_URL?.trim() || 'http://localhost:3000';
    const r = await sendReminders(outbox.db, mailer, publicUrl, Date.now());
    io.out(
      r.actors === 0
        ? 'Aucune structure à relancer : toutes les informations réservées ont été confirmées il y a moins de six mois.'
        : `${r.messages} courriel${r.messages > 1 ? 's' : ''} de rappel envoyé${r.messages > 1 ? 's' : ''} pour ${r.actors} structure${r.actors > 1 ? 's' : ''}.`,
    );
    return 0;
  } finally {
    mailer.close();
    outbox.close();
  }
}
