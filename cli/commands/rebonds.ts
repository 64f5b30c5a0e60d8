import { UsageError } from '../../src/content/problems.js';
import { readBounceFiles } from '../../src/mail/bounces.js';
import { HARD_BOUNCES_TO_SUSPEND, MailQueue } from '../../src/mail/queue.js';
import { dataDirOf } from '../../src/server/config.js';
import { Outbox } from '../../src/server/store.js';
import type { ExitCode, Io } from '../io.js';

export interface RebondsOptions {
  /** Addresses whose suspension is lifted. */
  lever?: string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;

/**
 * `essaim rebonds <fichiers…>`: records the bounces the mail provider reported (non-delivery
 * notices saved as `.eml`, or lists of addresses) in the service's database; an address is
 * suspended after `HARD_BOUNCES_TO_SUSPEND` hard bounces. `--lever <adresse>` lifts a suspension.
 */
export function rebonds(paths: readonly string[], o: RebondsOptions, io: Io): Promise<ExitCode> {
  const lift = o.lever ?? [];
  if (paths.length === 0 && lift.length === 0)
    throw new UsageError(
      'Indiquez les avis de non-remise (.eml), un dossier qui les contient ou une liste d’adresses ; ou --lever <adresse>.',
    );
  // Everything is read (and checked) before anything is recorded.
  const files = readBounceFiles(paths, io.cwd);
  const outbox = new Outbox(dataDirOf(io.env));
  try {
    const queue = new MailQueue(outbox.db);
    const suspended = new Set<string>();
    let hard = 0;
    let soft = 0;
    outbox.transaction(() => {
      for (const { bounces } of files)
        for (const b of bounces) {
          if (b.permanent) hard++;
          else soft++;
          if (queue.recordBounce(b.email, b)) suspended.add(b.email.toLowerCase());
        }
    });
    for (const f of files) if (f.ignored) io.err(`${f.file} : ignoré, ${f.ignored}.`);
    if (paths.length > 0)
      io.out(
        `Rebonds enregistrés : ${plural(hard, 'définitif')}, ${plural(soft, 'temporaire')}. ` +
          `Adresses suspendues (${HARD_BOUNCES_TO_SUSPEND} rebonds définitifs) : ${suspended.size}` +
          (suspended.size ? ` — ${[...suspended].sort().join(', ')}.` : '.'),
      );
    for (const email of lift)
      io.out(
        queue.liftBounces(email)
          ? `Rebonds effacés pour ${email.trim()} : les courriels lui sont de nouveau envoyés.`
          : `Aucun rebond enregistré pour ${email.trim()}.`,
      );
  } finally {
    outbox.close();
  }
  return Promise.resolve(0);
}
