/**
 * Who may do what in the professionals' space: every route of src/server/pro/routes.ts × {anonymous,
 * professional, manager of this structure, manager of another structure, moderator}, with the status
 * each one gets; and CSRF on every state-changing request. Sessions are opened in the service's store
 * as a sign-in does (the sign-in itself is tested through a real provider in pro.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/server/index.js';
import { startDemoProvider, type DemoProvider } from '../../src/server/pro/demo-provider.js';
import { proRoutes } from '../../src/server/pro/routes.js';
import { ProStore } from '../../src/server/pro/store.js';
import { git, makeRepo, tempDir } from './helpers.js';

type Service = Awaited<ReturnType<typeof createService>>;

const ACTOR = 'epicerie-solidaire-du-lez';
const OTHER = 'autre-structure-du-lez';
const PORTAL = 'http://localhost:80';
const DATA = { horaires_partenaires: 'Mardi 9 h – 12 h', besoins: { benevoles: 'Deux bénévoles' } };

const ROLES = ['anonyme', 'professionnel', 'gestionnaire', 'gestionnaire-autre', 'moderateur'] as const;
type Role = (typeof ROLES)[number];
const ACCOUNTS: Record<Exclude<Role, 'anonyme'>, { sub: string; email: string }> = {
  professionnel: { sub: 'pro', email: 'pro@exemple.org' },
  gestionnaire: { sub: 'gestionnaire', email: 'gestionnaire@exemple.org' },
  'gestionnaire-autre': { sub: 'autre', email: 'autre@exemple.org' },
  moderateur: { sub: 'moderateur', email: 'moderateur@exemple.org' },
};
/** An account a moderator links as a manager (not one of the roles: the matrix must not change them). */
const NEWCOMER = { sub: 'nouveau', email: 'nouveau@exemple.org' };

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT';
  /** The route as registered. */
  route: string;
  url: string;
  body?: unknown;
  /** Expected status for each role. */
  expect: Record<Role, number>;
}

const restreint = `/api/acteurs/${ACTOR}/restreint`;
const ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    route: '/api/pro/connexion',
    url: '/api/pro/connexion',
    expect: { anonyme: 303, professionnel: 303, gestionnaire: 303, 'gestionnaire-autre': 303, moderateur: 303 },
  },
  {
    // Without the sign-in transaction of this browser.
    method: 'GET',
    route: '/api/pro/retour',
    url: '/api/pro/retour?code=x&state=y',
    expect: { anonyme: 400, professionnel: 400, gestionnaire: 400, 'gestionnaire-autre': 400, moderateur: 400 },
  },
  {
    method: 'GET',
    route: '/api/pro/session',
    url: '/api/pro/session',
    expect: { anonyme: 200, professionnel: 200, gestionnaire: 200, 'gestionnaire-autre': 200, moderateur: 200 },
  },
  {
    method: 'POST',
    route: '/api/pro/deconnexion',
    url: '/api/pro/deconnexion',
    expect: { anonyme: 401, professionnel: 200, gestionnaire: 200, 'gestionnaire-autre': 200, moderateur: 200 },
  },
  {
    method: 'GET',
    route: '/api/acteurs/:id/restreint',
    url: restreint,
    expect: { anonyme: 401, professionnel: 200, gestionnaire: 200, 'gestionnaire-autre': 200, moderateur: 200 },
  },
  {
    method: 'PUT',
    route: '/api/acteurs/:id/restreint',
    url: restreint,
    body: DATA,
    expect: { anonyme: 401, professionnel: 403, gestionnaire: 200, 'gestionnaire-autre': 403, moderateur: 200 },
  },
  {
    method: 'POST',
    route: '/api/acteurs/:id/confirmation',
    url: `/api/acteurs/${ACTOR}/confirmation`,
    expect: { anonyme: 401, professionnel: 403, gestionnaire: 200, 'gestionnaire-autre': 403, moderateur: 200 },
  },
  {
    method: 'POST',
    route: '/api/acteurs/:id/gestionnaires',
    url: `/api/acteurs/${ACTOR}/gestionnaires`,
    body: { courriel: NEWCOMER.email },
    expect: { anonyme: 401, professionnel: 403, gestionnaire: 403, 'gestionnaire-autre': 403, moderateur: 200 },
  },
];
const STATE_CHANGING = ENDPOINTS.filter((e) => e.method !== 'GET');

let repo: string;
let provider: DemoProvider;
let service: Service;
let store: ProStore;

beforeAll(async () => {
  repo = makeRepo();
  const actors = path.join(repo, 'content/actors');
  const yaml = fs.readFileSync(path.join(actors, `${ACTOR}.yaml`), 'utf8');
  fs.writeFileSync(path.join(actors, `${OTHER}.yaml`), yaml.replace(`id: ${ACTOR}`, `id: ${OTHER}`));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'autre structure');
  provider = await startDemoProvider('http://localhost:3999/api/pro/retour');
  service = await createService({
    repoDir: repo,
    dataDir: tempDir('essaim-pro-matrice-'),
    noWorker: true,
    logLevel: false,
    pro: { oidc: provider.client, moderators: [ACCOUNTS.moderateur.email], sessionHours: 8 },
  });
  store = new ProStore(service.outbox.db);
  for (const account of [...Object.values(ACCOUNTS), NEWCOMER]) signIn(account);
  store.addManager(ACCOUNTS.gestionnaire.email, ACTOR, Date.now());
  store.addManager(ACCOUNTS['gestionnaire-autre'].email, OTHER, Date.now());
  store.saveRestricted(ACTOR, DATA, 'test', Date.now());
}, 30_000);

afterAll(async () => {
  await service.close();
  await provider.close();
  fs.rmSync(repo, { recursive: true, force: true });
});

interface Browser {
  cookie: string;
  csrf: string;
}

/** A new session of `account`, as the sign-in callback opens one. */
function signIn(account: { sub: string; email: string }): Browser {
  const { sessionId } = store.signIn(
    { ...account, name: account.sub, idToken: 'jeton' },
    [ACCOUNTS.moderateur.email],
    Date.now(),
    3600_000,
  );
  return { cookie: `essaim_session=${sessionId}`, csrf: store.session(sessionId, Date.now())!.csrf };
}

const browserOf = (role: Role): Browser | undefined => (role === 'anonyme' ? undefined : signIn(ACCOUNTS[role]));

function send(e: Endpoint, who: Browser | undefined, headers: Record<string, string | undefined> = {}) {
  const all: Record<string, string | undefined> = {
    ...(e.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(e.method !== 'GET' ? { origin: PORTAL } : {}),
    ...(who ? { cookie: who.cookie, ...(e.method !== 'GET' ? { 'x-csrf-token': who.csrf } : {}) } : {}),
    ...headers,
  };
  return service.app.inject({
    method: e.method,
    url: e.url,
    headers: Object.fromEntries(Object.entries(all).filter((kv): kv is [string, string] => kv[1] !== undefined)),
    ...(e.body !== undefined ? { payload: JSON.stringify(e.body) } : {}),
  });
}

describe('authorization matrix', () => {
  it('lists every route of the professionals’ space', async () => {
    const bare = Fastify();
    const routes: string[] = [];
    bare.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
    });
    await proRoutes(bare, {
      db: new Database(':memory:'),
      config: { oidc: provider.client, moderators: [], sessionHours: 1 },
      actorExists: () => true,
      originAllowed: () => true,
      now: Date.now,
    });
    await bare.close();
    expect(routes.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.route}`).sort());
  });

  for (const e of ENDPOINTS)
    for (const role of ROLES)
      it(`${e.method} ${e.url} — ${role}: ${e.expect[role]}`, async () => {
        const res = await send(e, browserOf(role));
        expect(res.statusCode, res.body).toBe(e.expect[role]);
        if (e.url === restreint && e.method === 'GET') {
          expect(res.headers['cache-control']).toMatch(/no-store/);
          if (res.statusCode === 200)
            expect(res.json()).toMatchObject({
              donnees: DATA,
              modifiable: role === 'gestionnaire' || role === 'moderateur',
            });
          else expect(res.body).not.toContain('Mardi');
        }
      });

  it('a refused change leaves the restricted part as it was', async () => {
    const put = ENDPOINTS.find((e) => e.method === 'PUT')!;
    const changed = { ...put, body: { capacite: 'Changée' } };
    for (const role of ['anonyme', 'professionnel', 'gestionnaire-autre'] as const)
      expect((await send(changed, browserOf(role))).statusCode).toBeGreaterThanOrEqual(400);
    expect(store.restricted(ACTOR)?.data).toEqual(DATA);
  });
});

describe('CSRF on every state-changing request', () => {
  /** The role allowed to make the request. */
  const allowed = (e: Endpoint): Role => ROLES.find((r) => r !== 'anonyme' && e.expect[r] < 300)!;

  for (const e of STATE_CHANGING) {
    it(`${e.method} ${e.url}: refused without the session's token or from another origin`, async () => {
      const who = browserOf(allowed(e))!;
      const other = signIn(ACCOUNTS.professionnel);
      const attempts: Record<string, Record<string, string | undefined>> = {
        'sans jeton': { 'x-csrf-token': undefined },
        'jeton inventé': { 'x-csrf-token': 'invente' },
        'jeton d’une autre session': { 'x-csrf-token': other.csrf },
        'autre origine': { origin: 'https://evil.example' },
        'origine « null »': { origin: 'null' },
        'sans origine': { origin: undefined },
      };
      for (const [name, headers] of Object.entries(attempts)) {
        const res = await send(e, who, headers);
        expect(res.statusCode, name).toBe(403);
        expect(res.json(), name).toEqual({ erreur: 'Requête refusée : rechargez la page et recommencez.' });
      }
      // Nothing happened: the session is still open (sign-out refused).
      expect(store.session(who.cookie.split('=')[1]!, Date.now())).toBeDefined();
      expect((await send(e, who)).statusCode).toBe(200);
    });
  }
});
