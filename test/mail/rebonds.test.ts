/**
 * Bounces Essaim is told about (`essaim rebonds`): non-delivery notices (RFC 3464) and lists of
 * addresses are recorded; after the set number of hard bounces the address is suspended, and the
 * next alerts are neither queued nor sent to it (against a real SMTP server); the suspension can
 * be lifted, and goes with the address's last subscription. Bad input is refused in French and
 * records nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Subscriptions } from '../../src/mail/alerts.js';
import { parseDsn } from '../../src/mail/bounces.js';
import { HARD_BOUNCES_TO_SUSPEND, MailQueue } from '../../src/mail/queue.js';
import { Outbox } from '../../src/server/store.js';
import { runCli } from '../helpers/tree.js';
import { makeRepo, tempDir } from '../server/helpers.js';
import { recipients, startSmtp, type TestSmtp } from './smtp.js';

/** A non-delivery notice as Postfix writes it: one recipient failed for good, one delayed. */
const dsn = (failed: string, week: number): string =>
  [
    'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
    'To: ne-pas-repondre@essaim.example.org',
    `Subject: Undelivered Mail Returned to Sender (${week})`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B1.1717000000/mx.example.org"',
    '',
    'This is a MIME-encapsulated message.',
    '',
    '--B1.1717000000/mx.example.org',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    '--B1.1717000000/mx.example.org',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    'Arrival-Date: Mon, 15 Jun 2026 08:00:00 +0200 (CEST)',
    '',
    `Final-Recipient: rfc822; ${failed}`,
    `Original-Recipient: rfc822;${failed}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <' + failed + '>: Recipient address rejected:',
    '    User unknown in virtual mailbox table',
    '',
    'Final-Recipient: rfc822; lente@example.org',
    'Action: delayed',
    'Status: 4.4.1',
    'Diagnostic-Code: smtp; 421 4.4.1 Connection timed out',
    '',
    '--B1.1717000000/mx.example.org',
    'Content-Type: text/rfc822-headers',
    '',
    'Subject: Lettre d’Essaim',
    'Final-Recipient: rfc822; jamais-lu@example.org',
    '',
    '--B1.1717000000/mx.example.org--',
    '',
  ].join('\r\n');

describe('avis de non-remise (RFC 3464)', () => {
  it('donne les destinataires en échec définitif ou temporaire', () => {
    expect(parseDsn(Buffer.from(dsn('partie@example.org', 1)))).toMatchInlineSnapshot(`
      [
        {
          "email": "partie@example.org",
          "permanent": true,
          "reason": "5.1.1 550 5.1.1 <partie@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
        },
        {
          "email": "lente@example.org",
          "permanent": false,
          "reason": "4.4.1 421 4.4.1 Connection timed out",
        },
      ]
    `);
  });

  it('lit le rapport encodé en base64 dans un message transféré (multipart/mixed)', () => {
    const report = Buffer.from(
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822;<autre@example.org>\nAction: failed\nStatus: 5.2.1\n',
    ).toString('base64');
    const raw = [
      'Content-Type: multipart/mixed; boundary=ext',
      '',
      '--ext',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="int"',
      '',
      '--int',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      report,
      '--int--',
      '--ext--',
    ].join('\n');
    expect(parseDsn(Buffer.from(raw))).toEqual([{ email: 'autre@example.org', permanent: true, reason: '5.2.1' }]);
    expect(parseDsn(Buffer.from('Subject: Bonjour\n\nFinal-Recipient: rfc822; x@example.org\nAction: failed\n'))).toBe(
      undefined,
    );
  });
});

describe('essaim rebonds', () => {
  let smtp: TestSmtp;
  let repo: string;
  let dataDir: string;
  const env = (): NodeJS.ProcessEnv => ({
    ESSAIM_DATA_DIR: dataDir,
    ESSAIM_SMTP_URL: smtp.url,
    ESSAIM_PUBLIC_URL: 'http://portail.test',
    ESSAIM_MAIL_PER_SECOND: '1000',
  });
  const lettre = (au: string) =>
    runCli(['lettre', '--depuis', '2026-06-05', '--au', au, '--jours', '0', '--alertes', '--envoyer'], repo, env());
  const queuedTo = (email: string): number => {
    const outbox = new Outbox(dataDir);
    try {
      return (outbox.db.prepare('SELECT COUNT(*) AS n FROM mail_queue WHERE recipient = ?').get(email) as { n: number })
        .n;
    } finally {
      outbox.close();
    }
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    repo = makeRepo();
    const commit = (date: string): void => {
      const e = { ...process.env, GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` };
      execFileSync('git', ['-C', repo, 'add', '-A'], { env: e });
      execFileSync(
        'git',
        ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', date],
        { env: e },
      );
    };
    commit('2026-06-01');
    const sheet = path.join(repo, 'content/practices/distribution/epicerie-solidaire-mobile.md');
    fs.writeFileSync(sheet, fs.readFileSync(sheet, 'utf8').replace(/^resume: .*$/m, 'resume: Nouveau résumé.'));
    commit('2026-06-10');
    dataDir = tempDir('essaim-rebonds-');
    const outbox = new Outbox(dataDir);
    const subscriptions = new Subscriptions(outbox.db);
    for (const email of ['Partie@example.org', 'reste@example.org'])
      subscriptions.confirm(subscriptions.create(email, { territoires: [], maillons: [], contenus: [] }).id);
    outbox.close();
  }, 60_000);

  afterAll(async () => {
    await smtp.close();
  });

  it('refuse une liste avec une adresse mal formée, en français, sans rien enregistrer', async () => {
    const list = path.join(dataDir, 'liste.txt');
    fs.writeFileSync(list, '# rebonds du fournisseur\npartie@example.org boîte inconnue\npartie-at-example.org\n');
    const r = await runCli(['rebonds', list], dataDir, env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatchInlineSnapshot(`
      "Erreur : liste.txt:3  « partie-at-example.org » n’est pas une adresse électronique : une adresse par ligne, suivie si besoin de la raison du rebond.
      "
    `);
    const outbox = new Outbox(dataDir);
    expect(outbox.db.prepare('SELECT COUNT(*) AS n FROM mail_bounces').get()).toEqual({ n: 0 });
    outbox.close();
  });

  it(`suspend l’adresse après ${HARD_BOUNCES_TO_SUSPEND} rebonds définitifs : plus rien ne lui est mis en file`, async () => {
    const first = await lettre('2026-06-15');
    expect(first.stdout).toContain('Alertes mises en file : 2 messages');
    await smtp.waitFor(2);

    // The provider's notices, saved in a folder; a message that is not one is said and left out.
    const folder = path.join(dataDir, 'avis');
    fs.mkdirSync(folder);
    for (let week = 1; week < HARD_BOUNCES_TO_SUSPEND; week++)
      fs.writeFileSync(path.join(folder, `avis-${week}.eml`), dsn('partie@example.org', week));
    fs.writeFileSync(path.join(folder, 'autre.eml'), 'Subject: Réponse automatique\n\nJe suis en congé.\n');
    const r = await runCli(['rebonds', 'avis'], dataDir, env());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatchInlineSnapshot(`
      "avis/autre.eml : ignoré, ce n’est pas un avis de non-remise (multipart/report, RFC 3464).
      "
    `);
    expect(r.stdout).toContain('Adresses suspendues (3 rebonds définitifs) : 0.');
    const list = path.join(dataDir, 'liste.txt');
    fs.writeFileSync(list, 'partie@example.org 550 boîte inconnue\n');
    const last = await runCli(['rebonds', list], dataDir, env());
    expect(last.stdout).toMatchInlineSnapshot(`
      "Rebonds enregistrés : 1 définitif, 0 temporaire. Adresses suspendues (3 rebonds définitifs) : 1 — partie@example.org.
      "
    `);

    const before = smtp.received.length;
    const next = await lettre('2026-06-16');
    expect(next.stdout).toContain('Alertes mises en file : 1 message ');
    await smtp.waitFor(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(recipients(smtp.received.slice(before))).toEqual(['reste@example.org']);
    expect(queuedTo('Partie@example.org')).toBe(1);

    // Lifted (the reader fixed their mailbox): the alerts go to them again.
    const lifted = await runCli(['rebonds', '--lever', 'partie@example.org'], dataDir, env());
    expect(lifted.stdout).toContain('Rebonds effacés pour partie@example.org');
    expect((await lettre('2026-06-17')).stdout).toContain('Alertes mises en file : 2 messages');
  }, 60_000);
});

it('les rebonds d’une adresse partent avec son dernier abonnement (donnée personnelle)', () => {
  const outbox = new Outbox(tempDir('essaim-rebonds-effaces-'));
  const subscriptions = new Subscriptions(outbox.db);
  const queue = new MailQueue(outbox.db);
  const all = { territoires: [], maillons: [], contenus: [] };
  const [first, second] = [
    subscriptions.create('Deux@example.org', all),
    subscriptions.create('deux@example.org', all),
  ];
  queue.recordBounce('deux@example.org', { permanent: true, reason: '550' });
  subscriptions.remove(first.id);
  expect(outbox.db.prepare('SELECT email, count FROM mail_bounces').all()).toEqual([
    { email: 'deux@example.org', count: 1 },
  ]);
  subscriptions.remove(second.id);
  expect(outbox.db.prepare('SELECT COUNT(*) AS n FROM mail_bounces').get()).toEqual({ n: 0 });
  outbox.close();
});
