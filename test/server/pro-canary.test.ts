/**
 * The canary of the professionals' space. Values unique to this run are planted as the restricted part
 * of an actor through the real path (a moderator links a manager, who signs in through the local OpenID
 * provider and saves them with the session's CSRF token). Then they must appear nowhere else: not in a
 * build of the site made afterwards from the service's own content repository, with the database in it
 * and the service's settings in the environment (pages, `/donnees`, search index), not in the Git
 * history of that repository, not in the service's logs nor in its reminder e-mails, not in any answer
 * to an anonymous request or to a forged, expired or closed session. And they must reach a signed-in
 * professional, so that the test can fail.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/content/paths.js';
import { createMailer, DEFAULT_FROM } from '../../src/mail/mailer.js';
import { createService } from '../../src/server/index.js';
import { DEMO_ACCOUNTS, startDemoProvider, type DemoProvider } from '../../src/server/pro/demo-provider.js';
import { REMIND_AFTER_MS, sendReminders } from '../../src/server/pro/reminders.js';
import { ProStore } from '../../src/server/pro/store.js';
import { git } from './helpers.js';
import { proSession, type ProBrowser } from './pro-signin.js';

type Service = Awaited<ReturnType<typeof createService>>;

const ACTOR = 'epicerie-solidaire-du-lez';
const SERVICE_ORIGIN = 'http://localhost:3998';
const PORTAL = 'http://localhost:80';

// Unique to this run: nothing left by an earlier run can match, and nothing else can contain them by chance.
const tag = crypto.randomBytes(6).toString('hex');
const digits = String(crypto.randomInt(10_000_000, 99_999_999));
const PHONE = `06 ${digits.replace(/(\d\d)(?=\d)/g, '$1 ')}`;
const RESTRICTED = {
  contacts: [
    {
      nom: `Canari ${tag} nom`,
      fonction: `canari-${tag}-fonction`,
      telephone: PHONE,
      courriel: `canari-${tag}@exemple.org`,
    },
  ],
  horaires_partenaires: `canari-${tag}-horaires`,
  capacite: `canari-${tag}-capacite`,
  besoins: {
    benevoles: `canari-${tag}-benevoles`,
    logistique: `canari-${tag}-logistique`,
    produits: `canari-${tag}-produits`,
  },
};
/** What must never leak: the run's tag (in every value but the phone) and the phone, spaced or not. */
const CANARIES = [tag, PHONE, `06${digits}`];

/** The first canary found in `text`, if any. */
const leak = (text: string): string | undefined => CANARIES.find((c) => text.includes(c));

/** Every file under `dir` (path relative to it, content as text). */
function filesOf(dir: string): { rel: string; text: string }[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => {
      const abs = path.join(f.parentPath, f.name);
      return { rel: path.relative(dir, abs), text: fs.readFileSync(abs).toString('latin1') };
    });
}

let site: string;
let dataDir: string;
let out: string;
let provider: DemoProvider;
let service: Service;
const logs: string[] = [];

/** The service on the content repository `site`, its logs (every level) kept in `logs`. */
async function startService(staticDir?: string): Promise<Service> {
  const logStream = new PassThrough();
  logStream.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
  return createService({
    repoDir: site,
    dataDir,
    noWorker: true,
    logLevel: 'trace',
    logStream,
    ...(staticDir ? { staticDir } : {}),
    pro: { oidc: provider.client, moderators: [DEMO_ACCOUNTS[2]!.email], sessionHours: 8 },
  });
}

beforeAll(async () => {
  // Inside the repository (node_modules/.cache) so that the site's build resolves the portal's packages.
  const parent = path.join(repoRoot, 'node_modules/.cache/essaim-pro-canari');
  fs.mkdirSync(parent, { recursive: true });
  site = fs.mkdtempSync(path.join(parent, 'depot-'));
  fs.cpSync(path.join(repoRoot, 'test/fixtures/valide/content'), path.join(site, 'content'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'test/fixtures/valide/static'), path.join(site, 'static'), { recursive: true });
  fs.writeFileSync(path.join(site, '.gitignore'), '.essaim/\n.docusaurus/\n');
  git(site, 'init', '-q', '-b', 'main');
  git(site, 'add', '-A');
  git(site, 'commit', '-q', '-m', 'init');
  // Where the service keeps its database by default: inside the content repository, ignored by Git.
  dataDir = path.join(site, '.essaim', 'service');
  out = path.join(parent, `${path.basename(site)}-build`);
  provider = await startDemoProvider(`${SERVICE_ORIGIN}/api/pro/retour`);
  service = await startService();

  const nadia = await proSession(service.app, SERVICE_ORIGIN, 'nadia');
  // Samir signs in once, then a moderator links his account to the structure.
  const samir = await proSession(service.app, SERVICE_ORIGIN, 'samir');
  const post = (who: ProBrowser, url: string, body?: unknown) =>
    service.app.inject({
      method: url.endsWith('restreint') ? 'PUT' : 'POST',
      url,
      headers: {
        origin: PORTAL,
        cookie: who.cookie,
        'x-csrf-token': who.csrf,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  expect(
    (await post(nadia, `/api/acteurs/${ACTOR}/gestionnaires`, { courriel: DEMO_ACCOUNTS[1]!.email })).statusCode,
  ).toBe(200);
  expect((await post(samir, `/api/acteurs/${ACTOR}/restreint`, RESTRICTED)).statusCode).toBe(200);
  expect((await post(samir, `/api/acteurs/${ACTOR}/confirmation`)).statusCode).toBe(200);

  // The build, after the planting, from the service's repository and with the service's settings.
  await promisify(execFile)(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'),
      'build',
      site,
      '--config',
      path.join(repoRoot, 'test/server/pro-canary-site.config.ts'),
      '--out-dir',
      out,
    ],
    {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_ENV: 'production', ESSAIM_REPO_DIR: site, ESSAIM_DATA_DIR: dataDir },
    },
  );
  // The same database, now serving the built site too.
  await service.close();
  service = await startService(out);
}, 600_000);

afterAll(async () => {
  await service.close();
  await provider.close();
  fs.rmSync(site, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

describe('canary: restricted values planted in the database', () => {
  it('reach a signed-in professional', async () => {
    const camille = await proSession(service.app, SERVICE_ORIGIN, 'camille');
    const res = await service.app.inject({
      method: 'GET',
      url: `/api/acteurs/${ACTOR}/restreint`,
      headers: { cookie: camille.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ donnees: RESTRICTED });
    for (const c of CANARIES.slice(0, 2)) expect(res.body).toContain(c);
  });

  it('are nowhere in the build: pages, open data, search index', () => {
    const files = filesOf(out);
    const rels = files.map((f) => f.rel);
    // The actor is published (so its public part is there to be checked), with the open data and the search.
    expect(rels).toContain(`acteurs/${ACTOR}.html`);
    expect(rels).toContain('donnees/actors.json');
    expect(rels).toContain('donnees/actors.csv');
    expect(rels).toContain('recherche/index.json');
    for (const f of ['donnees/actors.json', 'recherche/index.json'])
      expect(files.find((x) => x.rel === f)!.text).toContain(ACTOR);
    expect(files.filter((f) => leak(f.text)).map((f) => `${f.rel}: ${leak(f.text)}`)).toEqual([]);
  });

  it('are nowhere in the Git history of the content repository, on any ref, nor in its tracked files', () => {
    const history = git(site, 'log', '--all', '-p', '--full-history');
    expect(history).toContain('epicerie-solidaire-du-lez.yaml');
    expect(leak(history)).toBeUndefined();
    expect(leak(git(site, 'grep', '-I', '-h', '-e', '.', 'HEAD'))).toBeUndefined();
    expect(git(site, 'status', '--porcelain')).toBe('');
  });

  it('are nowhere in the service’s logs', () => {
    const all = logs.join('');
    expect(all).toContain('partie réservée enregistrée');
    expect(leak(all)).toBeUndefined();
  });

  it('are in no answer to an anonymous request, a forged, expired or closed session', async () => {
    const store = new ProStore(service.outbox.db);
    const expired = store.signIn(
      { sub: 'ancien', email: 'ancien@exemple.org', idToken: 'x' },
      [],
      Date.now() - 2 * 3600_000,
      3600_000,
    ).sessionId;
    const closed = await proSession(service.app, SERVICE_ORIGIN, 'camille');
    const bye = await service.app.inject({
      method: 'POST',
      url: '/api/pro/deconnexion',
      headers: { origin: PORTAL, cookie: closed.cookie, 'x-csrf-token': closed.csrf },
    });
    expect(bye.statusCode).toBe(200);
    const cookies = [undefined, 'essaim_session=inventee', `essaim_session=${expired}`, closed.cookie];
    const gets = [
      '/acteurs',
      `/acteurs/${ACTOR}`,
      '/donnees/actors.json',
      '/donnees/actors.csv',
      '/recherche/index.json',
      `/api/entrees/actors/${ACTOR}`,
      '/api/pro/session',
      `/api/acteurs/${ACTOR}/restreint`,
      '/api/submissions/aaaaaaaaaaaaaaaaaaaa',
    ];
    for (const cookie of cookies) {
      const headers = cookie ? { cookie } : {};
      for (const url of gets) {
        const res = await service.app.inject({ method: 'GET', url, headers });
        if (!url.startsWith('/api/')) expect(res.statusCode, url).toBe(200);
        expect(leak(res.body), `${url} ${cookie ?? ''}`).toBeUndefined();
      }
      // Changes refused: their answers do not echo what was sent either.
      for (const [method, url] of [
        ['PUT', `/api/acteurs/${ACTOR}/restreint`],
        ['POST', `/api/acteurs/${ACTOR}/confirmation`],
      ] as const) {
        const res = await service.app.inject({
          method,
          url,
          headers: { ...headers, origin: PORTAL, 'content-type': 'application/json' },
          payload: JSON.stringify(RESTRICTED),
        });
        expect(res.statusCode).toBe(401);
        expect(leak(res.body)).toBeUndefined();
      }
    }
    // The restricted endpoint itself refuses all of them.
    for (const cookie of cookies.filter((c) => c !== undefined)) {
      const res = await service.app.inject({
        method: 'GET',
        url: `/api/acteurs/${ACTOR}/restreint`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(401);
    }
  });

  it('are not in the reminders e-mailed to the managers', async () => {
    // Simulated time: the next reminder is due six months after the confirmation.
    const outboxDir = path.join(site, '.essaim', 'rappels');
    const mailer = createMailer({ from: DEFAULT_FROM, outboxDir });
    const later = Date.now() + REMIND_AFTER_MS + 24 * 3600_000;
    expect(await sendReminders(service.outbox.db, mailer, 'https://portail.example.org', later)).toEqual({
      actors: 1,
      messages: 1,
    });
    const mails = filesOf(outboxDir);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/acteurs/${ACTOR}`);
    expect(leak(mails[0]!.text)).toBeUndefined();
  });
});
