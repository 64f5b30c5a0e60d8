/**
 * "Signaler une erreur" (offline: kept in the database, listed by `essaim signalements`; GitHub: an
 * issue labelled with the collection, linking the entry, without the e-mail) and the erasure of a
 * person's contact data (`essaim effacement`): database and mail outbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { repoRoot } from '../../src/content/paths.js';
import { Subscriptions } from '../../src/mail/alerts.js';
import { createMailer } from '../../src/mail/mailer.js';
import { createService } from '../../src/server/index.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { CONTACT, makeRepo, practice, tempDir } from './helpers.js';

type Service = Awaited<ReturnType<typeof createService>>;
const open: { sim?: GitHubSimulator; service: Service }[] = [];
afterEach(async () => {
  for (const { sim, service } of open.splice(0)) {
    await service.close();
    if (sim) {
      expect(sim.contractViolations).toEqual([]);
      await sim.close();
    }
  }
});

const OPTIONS = {
  staticDir: undefined,
  logLevel: false as const,
  noWorker: true,
  protection: { ratePerMinute: 0, minFillMs: 0 },
};

async function local(): Promise<Service> {
  const service = await createService({ ...OPTIONS, repoDir: makeRepo(), dataDir: tempDir('essaim-donnees-') });
  open.push({ service });
  return service;
}

function io(env: Record<string, string>): Io & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (t) => lines.push(t),
    err: (t) => lines.push(t),
    cwd: repoRoot,
    interactive: false,
    env: { ...process.env, ...env },
  };
}

const REPORT = {
  collection: 'trainings',
  id: 'accueil-digne',
  message: 'La session de mars est complète, et le lien d’inscription ne fonctionne plus.',
  courriel: 'dominique@example.org',
};

async function report(service: Service, body: Record<string, unknown>) {
  return service.app.inject({ method: 'POST', url: '/api/signalements', payload: body });
}

describe('signaler une erreur', () => {
  it('hors ligne : enregistré dans la base et listé par essaim signalements', async () => {
    const service = await local();
    const r = await report(service, REPORT);
    expect(r.statusCode, r.body).toBe(202);
    const cli = io({ ESSAIM_DATA_DIR: service.options.dataDir });
    expect(await main(['signalements'], cli)).toBe(0);
    expect(cli.lines.join('\n').replace(/^[\d/]+ [\d:]+/, '<date>')).toMatchInlineSnapshot(`
      "<date> — formation « Accueillir dignement à l’aide alimentaire » (trainings/accueil-digne) — en attente
        Page : http://localhost:80/formations/accueil-digne
        > La session de mars est complète, et le lien d’inscription ne fonctionne plus.
        Contact : dominique@example.org"
    `);
  });

  it('refuse un message qui contient une adresse ou un numéro (il sera public), une entrée inconnue, un message vide', async () => {
    const service = await local();
    const withMail = await report(service, { ...REPORT, message: 'Écrivez-moi à dominique@example.org, merci.' });
    expect(withMail.statusCode).toBe(400);
    expect(withMail.json()).toMatchInlineSnapshot(`
      {
        "erreur": "Le message sera public : n’y mettez ni adresse électronique ni numéro de téléphone (utilisez le champ « courriel » pour être recontacté).",
        "problemes": [
          {
            "champ": "message",
            "message": "Le message sera public : n’y mettez ni adresse électronique ni numéro de téléphone (utilisez le champ « courriel » pour être recontacté).",
          },
        ],
      }
    `);
    const withPhone = await report(service, { ...REPORT, message: 'Appelez le 06 12 34 56 78 pour la session.' });
    expect(withPhone.statusCode).toBe(400);
    expect((await report(service, { ...REPORT, id: 'inconnue' })).statusCode).toBe(404);
    expect((await report(service, { ...REPORT, message: 'x' })).statusCode).toBe(400);
    expect((await report(service, { ...REPORT, message: 'x'.repeat(3000) })).statusCode).toBe(400);
    expect(service.reports.all()).toEqual([]);
  });

  it('GitHub : un ticket étiqueté avec la collection, qui renvoie à l’entrée, sans le courriel', async () => {
    const sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot' } });
    await sim.createRepo({
      owner: 'cocolupa',
      name: 'essaim',
      files: { 'README.md': '# Essaim\n' },
      pushers: ['essaim-robot'],
    });
    const service = await createService({
      ...OPTIONS,
      repoDir: makeRepo(),
      dataDir: tempDir('essaim-donnees-'),
      github: { repository: 'cocolupa/essaim', token: 'jeton-robot', apiUrl: sim.baseUrl, writeIntervalMs: 0 },
    });
    open.push({ sim, service });
    const r = await report(service, REPORT);
    expect(r.statusCode, r.body).toBe(202);
    await service.deliverReports();
    const issues = sim.state.repos.get('cocolupa/essaim')!.issues;
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue!.labels.sort()).toEqual(['formations', 'signalement']);
    expect(issue!.title).toBe('Signalement : formation « Accueillir dignement à l’aide alimentaire »');
    expect(issue!.body).toContain('(http://localhost:80/formations/accueil-digne)');
    expect(issue!.body).toContain('> La session de mars est complète');
    expect(issue!.body).not.toContain('dominique');
    expect(service.reports.all()[0]).toMatchObject({ status: 'ouvert', issueNumber: issue!.number });
    // Sent once, even when asked again.
    await service.deliverReports();
    expect(issues).toHaveLength(1);
  });
});

describe('effacement des données personnelles', () => {
  it('retire les coordonnées d’une personne de la base, de ses alertes, de la file et de la boîte d’envoi, pas celles des autres', async () => {
    const service = await local();
    const dataDir = service.options.dataDir;
    const credited = { ...practice(), contact: { ...CONTACT, credit: true } };
    expect((await service.app.inject({ method: 'POST', url: '/api/submissions', payload: credited })).statusCode).toBe(
      202,
    );
    const other = {
      ...practice('Cantine solidaire du quartier'),
      contact: { ...CONTACT, nom: 'Lou Bernard', courriel: 'autre@example.org' },
    };
    expect((await service.app.inject({ method: 'POST', url: '/api/submissions', payload: other })).statusCode).toBe(
      202,
    );
    expect((await report(service, { ...REPORT, courriel: CONTACT.courriel })).statusCode).toBe(202);
    const outboxDir = path.join(dataDir, 'courriels');
    const mailer = createMailer({ outboxDir, from: 'Essaim <ne-pas-repondre@essaim.localhost>' });
    await mailer.send({ to: CONTACT.courriel.toUpperCase(), subject: 'Votre proposition', text: 'Bonjour' });
    await mailer.send({ to: 'autre@example.org', subject: 'Votre proposition', text: 'Bonjour' });
    // An alert subscription, a bounce, a queued alert and a professional account managing a structure, for each address.
    for (const email of [CONTACT.courriel, 'autre@example.org']) {
      const db = service.outbox.db;
      db.prepare('INSERT INTO pro_accounts (sub, email, name, created_at, last_login_at) VALUES (?, ?, ?, 0, 0)').run(
        `sub-${email}`,
        email,
        email === CONTACT.courriel ? CONTACT.nom : 'Lou Bernard',
      );
      db.prepare("INSERT INTO pro_sessions VALUES (?, ?, 'csrf', 'jeton', 0, 1)").run(
        `session-${email}`,
        `sub-${email}`,
      );
      db.prepare('INSERT INTO pro_managers VALUES (?, ?, 0)').run(`sub-${email}`, `structure-${email}`);
      // Named as a contact in the restricted part of a structure, next to a colleague who stays.
      db.prepare(
        "INSERT INTO actor_restricted (actor_id, data, updated_at, confirmed_at, updated_by) VALUES (?, ?, 0, 0, '')",
      ).run(
        email === CONTACT.courriel ? 'epicerie-camille' : 'epicerie-lou',
        JSON.stringify({
          contacts: [
            { nom: email === CONTACT.courriel ? CONTACT.nom : 'Lou Bernard', courriel: email.toUpperCase() },
            { nom: 'Alex Martin', fonction: 'coordination', courriel: 'alex@example.org' },
          ],
          capacite: '40 colis par semaine',
        }),
      );
      new Subscriptions(service.outbox.db).create(email, { territoires: ['dep-34'], maillons: [], contenus: [] });
      service.mailQueue.recordBounce(email, { permanent: false, reason: 'boîte pleine' });
      service.mailQueue.enqueue([{ to: email, subject: 'Vos alertes', text: 'Deux nouvelles fiches.', key: email }]);
    }
    const dump = (): string =>
      JSON.stringify(
        [
          'submissions',
          'reports',
          'alert_subscriptions',
          'mail_bounces',
          'mail_queue',
          'pro_accounts',
          'pro_sessions',
          'pro_managers',
          'actor_restricted',
        ].map((t) => service.outbox.db.prepare(`SELECT * FROM ${t}`).all()),
      );
    expect(dump()).toContain(CONTACT.courriel);
    expect(dump()).toContain(CONTACT.nom);

    const cli = io({ ESSAIM_DATA_DIR: dataDir });
    expect(await main(['effacement', CONTACT.courriel], cli)).toBe(0);
    expect(cli.lines).toMatchInlineSnapshot(`
      [
        "Données effacées pour camille@example.org : 1 proposition(s), 1 signalement(s), 1 alerte(s), 1 compte(s) professionnel(s), 1 contact(s) de structure, 2 courriel(s).",
      ]
    `);
    expect(dump()).not.toContain(CONTACT.courriel);
    expect(dump()).not.toContain(CONTACT.nom);
    expect(dump()).toContain('autre@example.org');
    // The structure keeps its other contact and the rest of its restricted part.
    const kept = service.outbox.db
      .prepare('SELECT data FROM actor_restricted WHERE actor_id = ?')
      .get('epicerie-camille') as { data: string };
    expect(JSON.parse(kept.data)).toEqual({
      contacts: [{ nom: 'Alex Martin', fonction: 'coordination', courriel: 'alex@example.org' }],
      capacite: '40 colis par semaine',
    });
    const mails = fs.readdirSync(outboxDir).map((f) => fs.readFileSync(path.join(outboxDir, f), 'utf8'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('autre@example.org');
  });
});

describe('recherche de territoires', () => {
  it('trouve une commune par son nom ou son code postal, et un département', async () => {
    const service = await local();
    const search = async (q: string) =>
      (await service.app.inject({ url: `/api/territoires?q=${encodeURIComponent(q)}` })).json<{
        territoires: { code: string; libelle: string; type: string }[];
      }>().territoires;
    expect((await search('Montpellier')).find((t) => t.code === 'com-34172')).toEqual({
      code: 'com-34172',
      libelle: 'Montpellier (34)',
      type: 'commune',
    });
    expect((await search('34000')).map((t) => t.code)).toContain('com-34172');
    expect((await search('Hérault'))[0]).toEqual({ code: 'dep-34', libelle: 'Hérault', type: 'departement' });
    expect(await search('')).toEqual([]);
  });
});
