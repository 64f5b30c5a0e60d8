/**
 * The mail queue against a real SMTP server: paced, resumed after a crash without sending any
 * message twice, and hard bounces counted so that nothing more goes to a dead address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, mailConfigFrom } from '../../src/mail/mailer.js';
import { HARD_BOUNCES_TO_SUSPEND, MailQueue, type QueuedMail } from '../../src/mail/queue.js';
import { repoRoot } from '../../src/content/paths.js';
import { Outbox } from '../../src/server/store.js';
import { tempDir } from '../server/helpers.js';
import { recipients, startSmtp, type TestSmtp } from './smtp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const mail = (i: number): QueuedMail => ({
  to: `abonne-${String(i).padStart(2, '0')}@example.org`,
  subject: `Lettre ${i}`,
  text: `Bonjour ${i}`,
  key: `lettre:${i}`,
});

function openQueue(dataDir = tempDir('essaim-file-')): { queue: MailQueue; dataDir: string } {
  const outbox = new Outbox(dataDir);
  cleanups.push(() => outbox.close());
  return { queue: new MailQueue(outbox.db), dataDir };
}

async function smtp(options: Parameters<typeof startSmtp>[0] = {}): Promise<TestSmtp> {
  const s = await startSmtp(options);
  cleanups.push(() => s.close());
  return s;
}

describe('file d’envoi des courriels', () => {
  it('n’envoie pas deux fois un message déjà en file (même clé)', () => {
    const { queue } = openQueue();
    expect(queue.enqueue([mail(1), mail(2)])).toBe(2);
    expect(queue.enqueue([mail(2), mail(3)])).toBe(1);
    expect(queue.counts().attente).toBe(3);
  });

  it('respecte le rythme configuré (messages par seconde)', async () => {
    const server = await smtp();
    const { queue, dataDir } = openQueue();
    queue.enqueue([1, 2, 3, 4].map(mail));
    let clock = Date.now();
    const waits: number[] = [];
    const mailer = createMailer(mailConfigFrom({ ESSAIM_SMTP_URL: server.url }, dataDir));
    cleanups.push(() => mailer.close());
    const r = await queue.drain(mailer, {
      perSecond: 4,
      now: () => clock,
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    expect(r.envoye).toBe(4);
    // One message every 250 ms: a wait before each one but the first (and before finding the queue empty).
    expect(waits).toEqual([250, 250, 250, 250]);
    expect(recipients(server.received)).toHaveLength(4);
  });

  it('reprend après un arrêt brutal au milieu d’un envoi sans rien envoyer deux fois', async () => {
    const { queue, dataDir } = openQueue();
    queue.enqueue(Array.from({ length: 8 }, (_, i) => mail(i + 1)));
    const running: { child?: ChildProcess } = {};
    // The process dies while the server holds the 3rd message, before it answers: the sender
    // cannot know whether it left.
    const server = await smtp({ onMessage: (_m, n) => n === 3 && running.child?.kill('SIGKILL') });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'test/mail/drain-child.ts'), dataDir, server.url],
      { cwd: repoRoot, stdio: 'ignore' },
    );
    running.child = child;
    await new Promise((resolve) => child.on('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    expect(server.received).toHaveLength(3);

    // Restarted: the message cut off is taken as possibly sent, and the rest is sent once.
    expect(queue.recoverStale(Date.now(), 0)).toBe(1);
    const mailer = createMailer(mailConfigFrom({ ESSAIM_SMTP_URL: server.url }, dataDir));
    cleanups.push(() => mailer.close());
    await queue.drain(mailer, { perSecond: 1000 });
    const got = recipients(server.received);
    expect(got).toHaveLength(8);
    expect(new Set(got).size).toBe(8);
    expect(queue.counts()).toMatchObject({ envoye: 7, incertain: 1, attente: 0, envoi: 0 });
  });

  it(`suspend une adresse après ${HARD_BOUNCES_TO_SUSPEND} refus définitifs (5xx) et ne lui écrit plus`, async () => {
    const server = await smtp({
      onRcptTo(address, _session, done) {
        done(
          address.address.startsWith('abonne-02')
            ? Object.assign(new Error('Boîte inconnue'), { responseCode: 550 })
            : undefined,
        );
      },
    });
    const { queue, dataDir } = openQueue();
    const mailer = createMailer(mailConfigFrom({ ESSAIM_SMTP_URL: server.url }, dataDir));
    cleanups.push(() => mailer.close());
    queue.enqueue([mail(1), mail(2), mail(3)]);
    expect(await queue.drain(mailer, { perSecond: 1000 })).toMatchObject({ envoye: 2, echec: 1 });
    for (let week = 2; week <= HARD_BOUNCES_TO_SUSPEND; week++) {
      expect(queue.bounced('Abonne-02@example.org')).toBe(false);
      queue.enqueue([{ ...mail(2), key: `semaine:${week}` }]);
      expect(await queue.drain(mailer, { perSecond: 1000 })).toMatchObject({ envoye: 0, echec: 1 });
    }
    expect(queue.bounced('Abonne-02@example.org')).toBe(true);
    queue.enqueue([{ ...mail(2), key: 'lettre:suivante' }]);
    expect(await queue.drain(mailer, { perSecond: 1000 })).toMatchObject({ envoye: 0, echec: 0, ignore: 1 });
    expect(recipients(server.received)).toEqual(['abonne-01@example.org', 'abonne-03@example.org']);
  });

  it('réessaie plus tard un refus temporaire (4xx)', async () => {
    let refuse = true;
    const server = await smtp({
      onRcptTo(_address, _session, done) {
        done(refuse ? Object.assign(new Error('Réessayez plus tard'), { responseCode: 451 }) : undefined);
      },
    });
    const { queue, dataDir } = openQueue();
    const mailer = createMailer(mailConfigFrom({ ESSAIM_SMTP_URL: server.url }, dataDir));
    cleanups.push(() => mailer.close());
    queue.enqueue([mail(1)]);
    let clock = Date.now();
    const opts = { perSecond: 1000, retryDelayMs: 1000, now: () => clock };
    expect(await queue.drain(mailer, opts)).toMatchObject({ reessai: 1 });
    expect(await queue.drain(mailer, opts)).toMatchObject({ envoye: 0, reessai: 0 });
    refuse = false;
    clock += 1000;
    expect(await queue.drain(mailer, opts)).toMatchObject({ envoye: 1 });
    expect(server.received).toHaveLength(1);
  });
});
