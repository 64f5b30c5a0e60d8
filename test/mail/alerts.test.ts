/**
 * Alerts from end to end, against a real SMTP server: subscribing sends a confirmation and
 * nothing else; `essaim lettre --alertes --envoyer` sends the digest to the confirmed subscriber
 * whose criteria match (through the territory hierarchy) and nothing to the others; the one-click
 * unsubscribe (RFC 8058) deletes the subscription; a second run sends nothing twice.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/server/index.js';
import { runCli } from '../helpers/tree.js';
import { makeRepo, tempDir } from '../server/helpers.js';
import { recipients, startSmtp, type TestSmtp } from './smtp.js';

const PUBLIC_URL = 'http://portail.test';
const SHEET = 'content/practices/distribution/epicerie-solidaire-mobile.md';

function commitAt(dir: string, date: string, message: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
    GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
    GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
  };
  execFileSync('git', ['-C', dir, 'add', '-A'], { env });
  execFileSync('git', ['-C', dir, 'commit', '-q', '--allow-empty', '-m', message], { env });
}

let smtp: TestSmtp;
let repo: string;
let dataDir: string;
let service: Awaited<ReturnType<typeof createService>>;

beforeAll(async () => {
  smtp = await startSmtp();
  repo = makeRepo();
  commitAt(repo, '2026-06-01', 'contenu de départ');
  // A new sheet in the région Occitanie only, published on 10 June.
  const sheet = fs
    .readFileSync(path.join(repo, SHEET), 'utf8')
    .replace('id: epicerie-solidaire-mobile', 'id: cantine-solidaire-regionale')
    .replace(/^titre: .*$/m, 'titre: Cantine solidaire régionale')
    .replace('  - dep-34', '  - reg-76');
  fs.writeFileSync(path.join(repo, 'content/practices/distribution/cantine-solidaire-regionale.md'), sheet);
  commitAt(repo, '2026-06-10', 'nouvelle fiche');
  dataDir = tempDir('essaim-alertes-');
  service = await createService({
    repoDir: repo,
    dataDir,
    staticDir: undefined,
    logLevel: false,
    protection: { ratePerMinute: 0, minFillMs: 0 },
    mail: { smtpUrl: smtp.url, perSecond: 1000, publicUrl: PUBLIC_URL },
  });
}, 60_000);

afterAll(async () => {
  await service.close();
  await smtp.close();
});

const subscribe = (courriel: string, criteres: Record<string, string[]>) =>
  service.app.inject({ method: 'POST', url: '/api/alertes', payload: { courriel, criteres } });

const messagesTo = (to: string): ParsedMail[] => smtp.received.filter((m) => recipients([m])[0] === to);

/** Path and query of a link of the portal, to send it to the service. */
const local = (url: string): string => {
  expect(url.startsWith(PUBLIC_URL)).toBe(true);
  return url.slice(PUBLIC_URL.length);
};

function lettre(): ReturnType<typeof runCli> {
  return runCli(
    ['lettre', '--depuis', '2026-06-05', '--au', '2026-06-15', '--jours', '0', '--alertes', '--envoyer'],
    repo,
    {
      ESSAIM_DATA_DIR: dataDir,
      ESSAIM_SMTP_URL: smtp.url,
      ESSAIM_PUBLIC_URL: PUBLIC_URL,
      ESSAIM_MAIL_PER_SECOND: '1000',
    },
  );
}

describe('alertes par courriel', () => {
  it('inscription : un message de confirmation, et l’alerte ne part qu’une fois confirmée', async () => {
    const matching = await subscribe('herault@example.org', { territoires: ['dep-34'], contenus: ['practices'] });
    expect(matching.statusCode).toBe(202);
    expect(
      (await subscribe('paris@example.org', { territoires: ['dep-75'], contenus: ['practices'] })).statusCode,
    ).toBe(202);
    expect((await subscribe('jamais@example.org', { territoires: ['dep-34'] })).statusCode).toBe(202);
    await smtp.waitFor(3);
    expect(recipients(smtp.received)).toEqual(['herault@example.org', 'jamais@example.org', 'paris@example.org']);
    for (const to of ['herault@example.org', 'paris@example.org']) {
      const [confirmation] = messagesTo(to);
      expect(confirmation?.subject).toBe('Confirmez votre alerte Essaim');
      const link = /http:\/\/portail\.test\/api\/alertes\/confirmer\?jeton=\S+/.exec(confirmation?.text ?? '')?.[0];
      const confirmed = await service.app.inject({ method: 'GET', url: local(link ?? '') });
      expect(confirmed.statusCode).toBe(303);
      expect(confirmed.headers.location).toMatch(/^\/alertes\?jeton=[\w.-]+&etat=confirmee$/);
    }
    const forged = await service.app.inject({ method: 'GET', url: '/api/alertes/confirmer?jeton=AAAAAAAAAAAAAAAA.x' });
    expect(forged.headers.location).toBe('/alertes?etat=lien-invalide');
  });

  it('une adresse suspendue après des rebonds : la gestion de l’alerte le dit, et le lecteur reprend les envois', async () => {
    const before = smtp.received.length;
    expect((await subscribe('rebonds@example.org', { territoires: ['dep-34'] })).statusCode).toBe(202);
    await smtp.waitFor(before + 1);
    const link = /http:\/\/portail\.test\/api\/alertes\/confirmer\?jeton=\S+/.exec(
      messagesTo('rebonds@example.org')[0]?.text ?? '',
    )?.[0];
    const confirmed = await service.app.inject({ method: 'GET', url: local(link ?? '') });
    const jeton = new URLSearchParams(String(confirmed.headers.location).split('?')[1]).get('jeton') ?? '';
    const manage = `/api/alertes/abonnement?jeton=${encodeURIComponent(jeton)}`;
    expect((await service.app.inject({ method: 'GET', url: manage })).json()).toMatchObject({ suspendue: false });
    for (let i = 0; i < 3; i++)
      service.mailQueue.recordBounce('rebonds@example.org', { permanent: true, reason: '550 boîte inconnue' });
    expect((await service.app.inject({ method: 'GET', url: manage })).json()).toMatchObject({ suspendue: true });
    const resume = (token: string) =>
      service.app.inject({
        method: 'POST',
        url: `/api/alertes/reprise?jeton=${encodeURIComponent(token)}`,
        payload: {},
      });
    expect((await resume('AAAAAAAAAAAAAAAA.x')).statusCode).toBe(404);
    expect(service.mailQueue.bounced('rebonds@example.org')).toBe(true);
    const resumed = await resume(jeton);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchInlineSnapshot(`
      {
        "message": "Envois repris : les prochaines alertes partiront vers cette adresse.",
      }
    `);
    expect((await service.app.inject({ method: 'GET', url: manage })).json()).toMatchObject({ suspendue: false });
    expect(service.mailQueue.bounced('rebonds@example.org')).toBe(false);
    // Removed again: it would otherwise receive the letter of the next test.
    await service.app.inject({
      method: 'POST',
      url: `/api/alertes/suppression?jeton=${encodeURIComponent(jeton)}`,
      payload: {},
    });
  });

  it('refuse des critères inconnus, en français', async () => {
    const r = await subscribe('x@example.org', { territoires: ['dep-999'] });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchInlineSnapshot(`
      {
        "erreur": "Critère « territoires » : territoire inconnu (« dep-999 »).",
      }
    `);
  });

  it('la lettre ne va qu’à l’abonné confirmé dont les critères correspondent', async () => {
    const before = smtp.received.length;
    const r = await lettre();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Alertes mises en file : 1 message');
    await smtp.waitFor(before + 1);
    const sent = smtp.received.slice(before);
    expect(recipients(sent)).toEqual(['herault@example.org']);
    const letter = sent[0]!;
    expect(letter.subject).toBe('Lettre d’Essaim du 05/06/2026 au 15/06/2026');
    expect(letter.text).toContain('Cantine solidaire régionale — Nouvelle fiche pratique');
    expect(letter.text).toContain(`${PUBLIC_URL}/fiches/cantine-solidaire-regionale`);
    expect(letter.html).toContain('<a href="http://portail.test/fiches/cantine-solidaire-regionale">');
    const header = (name: string): string =>
      letter.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribe = /<(http[^>]+)>/.exec(header('list-unsubscribe'))?.[1] ?? '';
    expect(unsubscribe).toMatch(/^http:\/\/portail\.test\/api\/alertes\/desabonnement\?jeton=/);
    const manage = unsubscribe.replace('/api/alertes/desabonnement', '/api/alertes/abonnement');
    expect((await service.app.inject({ method: 'GET', url: local(manage) })).json()).toMatchObject({
      courriel: 'herault@example.org',
      confirmee: true,
    });

    // One click in the mail client (RFC 8058): the subscription and the address are deleted.
    const oneClick = await service.app.inject({
      method: 'POST',
      url: local(unsubscribe),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect((await service.app.inject({ method: 'GET', url: local(manage) })).statusCode).toBe(404);
    const row = service.outbox.db
      .prepare('SELECT COUNT(*) AS n FROM alert_subscriptions WHERE email = ?')
      .get('herault@example.org') as { n: number };
    expect(row.n).toBe(0);

    // Run again: nobody matches any more, and nothing already sent leaves twice.
    const again = await lettre();
    expect(again.stdout).toContain('Alertes mises en file : 0 message');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(before + 1);
  }, 60_000);
});
