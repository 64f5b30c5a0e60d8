import fs from 'node:fs';
import path from 'node:path';
import { buildDigest } from '../../src/content/digest.js';
import { UsageError } from '../../src/content/problems.js';
import { todayIso } from '../../src/content/validate.js';
import { alertsSecret, Subscriptions } from '../../src/mail/alerts.js';
import { alertMessages, newsDraft, periodText, renderLetter } from '../../src/mail/lettre.js';
import { createMailer } from '../../src/mail/mailer.js';
import { MailQueue } from '../../src/mail/queue.js';
import { loadConfig } from '../../src/server/config.js';
import { Outbox } from '../../src/server/store.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';

export interface LettreOptions {
  depuis?: string;
  au?: string;
  jours?: string;
  sortie?: string;
  brouillon?: boolean;
  alertes?: boolean;
  envoyer?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const daysBefore = (iso: string, days: number): string => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - days);
  return t.toISOString().slice(0, 10);
};

/**
 * `essaim lettre`: the digest of a period as a letter (HTML and text), as a news draft for the
 * archive (`--brouillon`), and as personalised alerts queued for the subscribers (`--alertes`),
 * sent at the configured pace with `--envoyer`.
 */
export async function lettre(o: LettreOptions, io: Io): Promise<ExitCode> {
  const root = findRoot(io.cwd);
  const until = o.au ?? todayIso();
  if (!DATE.test(until)) throw new UsageError(`--au « ${until} » : indiquez une date AAAA-MM-JJ.`);
  const days = Number(o.jours ?? 30);
  if (!Number.isInteger(days) || days < 0)
    throw new UsageError(`--jours « ${o.jours} » : indiquez un nombre de jours (entier positif).`);
  const since = o.depuis ?? daysBefore(until, 7);
  const config = loadConfig(io.env);
  const digest = buildDigest(root, { since, until, days });
  const letter = renderLetter(digest, config.mail.publicUrl);
  io.out(`Lettre ${periodText(digest)} : ${digest.items.length} élément${digest.items.length > 1 ? 's' : ''}.`);
  if (o.sortie) {
    const dir = path.resolve(io.cwd, o.sortie);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lettre.html'), letter.html);
    fs.writeFileSync(path.join(dir, 'lettre.txt'), letter.text);
    io.out(`Écrit : ${path.join(dir, 'lettre.html')} et lettre.txt`);
  } else if (!o.brouillon && !o.alertes) io.out(`\n${letter.text}`);
  if (o.brouillon) {
    const draft = newsDraft(digest);
    fs.writeFileSync(path.join(root, draft.file), draft.content);
    io.out(`Brouillon de l’actualité écrit : ${draft.file} (à relire avant de le publier).`);
  }
  if (o.alertes || o.envoyer) {
    const outbox = new Outbox(config.dataDir);
    try {
      const queue = new MailQueue(outbox.db);
      if (o.alertes) {
        const secret = config.mail.alertsSecret ?? alertsSecret({}, config.dataDir);
        const subscribers = new Subscriptions(outbox.db).confirmed();
        const queued = queue.enqueue(alertMessages(digest, subscribers, { portalUrl: config.mail.publicUrl, secret }));
        io.out(
          `Alertes mises en file : ${queued} message${queued > 1 ? 's' : ''} (les abonnés sans élément correspondant n’en reçoivent pas).`,
        );
      }
      if (o.envoyer) {
        const mailer = createMailer(config.mail);
        try {
          queue.recoverStale();
          const r = await queue.drain(mailer, { perSecond: config.mail.perSecond });
          io.out(
            `Envoi : ${r.envoye} envoyé(s), ${r.reessai} à réessayer, ${r.echec} en échec, ${r.incertain} incertain(s), ${r.ignore} ignoré(s) (rebond).`,
          );
        } finally {
          mailer.close();
        }
      }
    } finally {
      outbox.close();
    }
  }
  return 0;
}
