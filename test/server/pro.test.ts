/**
 * The professionals' space against a real OpenID provider run locally (the demo provider, package
 * `oidc-provider`): sign-in with PKCE, state and nonce; reading and changing the restricted part of
 * an actor; reminders, and data hidden after a year. Every route × every role, and CSRF, in
 * pro-matrix.test.ts; the canary in pro-canary.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, DEFAULT_FROM } from '../../src/mail/mailer.js';
import { createService } from '../../src/server/index.js';
import { DEMO_ACCOUNTS, startDemoProvider, type DemoProvider } from '../../src/server/pro/demo-provider.js';
import { sendReminders } from '../../src/server/pro/reminders.js';
import { makeRepo, tempDir } from './helpers.js';
import { cookieOf, proSession, signInThroughProvider, type ProBrowser } from './pro-signin.js';

type Service = Awaited<ReturnType<typeof createService>>;

const ACTOR = 'epicerie-solidaire-du-lez';
const SERVICE_ORIGIN = 'http://localhost:3999';
const CANARY = 'CANARI-7f3a9c-RESERVE';
/** The origin of requests made by the portal's pages (`inject` serves as localhost:80). */
const PORTAL = 'http://localhost:80';
const RESTRICTED = {
  contacts: [
    {
      nom: `Martine ${CANARY}`,
      fonction: 'Coordinatrice',
      telephone: '04 67 12 34 56',
      courriel: 'martine@exemple.org',
    },
  ],
  horaires_partenaires: `Mardi 9 h – 12 h ${CANARY}`,
  besoins: { benevoles: 'Deux bénévoles le samedi matin' },
};

let repo: string;
let provider: DemoProvider;
let service: Service;

beforeAll(async () => {
  repo = makeRepo();
  provider = await startDemoProvider(`${SERVICE_ORIGIN}/api/pro/retour`);
  service = await createService({
    repoDir: repo,
    dataDir: tempDir('essaim-pro-'),
    noWorker: true,
    logLevel: false,
    pro: { oidc: provider.client, moderators: [DEMO_ACCOUNTS[2]!.email], sessionHours: 8 },
  });
}, 30_000);

afterAll(async () => {
  await service.close();
  await provider.close();
  fs.rmSync(repo, { recursive: true, force: true });
});

/** Signs in through the provider as `account`, like a browser; returns the service's session cookie line. */
const signIn = (account: string, options: { tamper?: (callback: URL) => void; retour?: string } = {}) =>
  signInThroughProvider(service.app, SERVICE_ORIGIN, account, { retour: `/acteurs/${ACTOR}`, ...options });

type Browser = ProBrowser;
const session = (account: string): Promise<Browser> => proSession(service.app, SERVICE_ORIGIN, account);

async function put(who: Browser | undefined, body: unknown, extra: Record<string, string> = {}) {
  return service.app.inject({
    method: 'PUT',
    url: `/api/acteurs/${ACTOR}/restreint`,
    headers: {
      'content-type': 'application/json',
      origin: PORTAL,
      ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
      ...extra,
    },
    payload: JSON.stringify(body),
  });
}

let camille: Browser;
let samir: Browser;
let nadia: Browser;

describe('sign-in through OpenID Connect', () => {
  it('signs in (authorization code, PKCE, state, nonce) into an HttpOnly, Secure, SameSite cookie', async () => {
    const { status, cookie } = await signIn('camille');
    expect(status).toBe(200);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie!.split(';')[0]!;
    const s = await service.app.inject({ method: 'GET', url: '/api/pro/session', headers: { cookie: pair } });
    expect(s.headers['cache-control']).toBe('private, no-store');
    expect(s.json()).toMatchObject({
      connecte: true,
      demo: true,
      nom: 'Camille Professionnelle',
      roles: ['professionnel'],
    });
  });

  it('refuses a callback whose state is not the one of this browser', async () => {
    const { status, cookie } = await signIn('camille', { tamper: (u) => u.searchParams.set('state', 'autre-etat') });
    expect(status).toBe(400);
    expect(cookie).toBeUndefined();
  });

  it('refuses a code that was already used', async () => {
    let used: URL | undefined;
    await signIn('camille', { tamper: (u) => (used = new URL(u)) });
    const start = await service.app.inject({ method: 'GET', url: '/api/pro/connexion' });
    const loginCookie = cookieOf(start.headers['set-cookie'], 'essaim_connexion')!.split(';')[0]!;
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const replay = await service.app.inject({
      method: 'GET',
      url: `/api/pro/retour?code=${used!.searchParams.get('code')}&state=${state}`,
      headers: { cookie: loginCookie },
    });
    expect(replay.statusCode).toBe(403);
    expect(cookieOf(replay.headers['set-cookie'], 'essaim_session')).toBeUndefined();
  });

  it('sends the browser back to the page it came from, never to another site', async () => {
    expect((await signIn('camille')).body).toContain(`url=/acteurs/${ACTOR}"`);
    for (const retour of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { status, body } = await signIn('camille', { retour });
      expect(status).toBe(200);
      expect(body).toContain('url=/"');
      expect(body).not.toContain('evil');
    }
  });
});

describe('the restricted part of an actor', () => {
  beforeAll(async () => {
    camille = await session('camille');
    samir = await session('samir');
    nadia = await session('nadia');
  }, 60_000);

  it('only a moderator links a manager to a structure', async () => {
    const link = (who: Browser) =>
      service.app.inject({
        method: 'POST',
        url: `/api/acteurs/${ACTOR}/gestionnaires`,
        headers: {
          'content-type': 'application/json',
          origin: PORTAL,
          cookie: who.cookie,
          'x-csrf-token': who.csrf,
        },
        payload: JSON.stringify({ courriel: DEMO_ACCOUNTS[1]!.email }),
      });
    expect((await link(camille)).statusCode).toBe(403);
    expect((await link(nadia)).statusCode).toBe(200);
    samir = await session('samir');
    const s = await service.app.inject({ method: 'GET', url: '/api/pro/session', headers: { cookie: samir.cookie } });
    expect(s.json()).toMatchObject({ roles: ['professionnel', 'gestionnaire'], gere: [ACTOR] });
  });

  it('is changed by its manager or a moderator only, with the CSRF token, from the portal', async () => {
    expect((await put(undefined, RESTRICTED)).statusCode).toBe(401);
    expect((await put(camille, RESTRICTED)).statusCode).toBe(403);
    expect((await put(samir, RESTRICTED, { 'x-csrf-token': 'faux' })).statusCode).toBe(403);
    expect((await put(samir, RESTRICTED, { 'x-csrf-token': camille.csrf })).statusCode).toBe(403);
    expect((await put(samir, RESTRICTED, { origin: 'https://evil.example' })).statusCode).toBe(403);
    const noOrigin = await service.app.inject({
      method: 'PUT',
      url: `/api/acteurs/${ACTOR}/restreint`,
      headers: { 'content-type': 'application/json', cookie: samir.cookie, 'x-csrf-token': samir.csrf },
      payload: JSON.stringify(RESTRICTED),
    });
    expect(noOrigin.statusCode).toBe(403);
    expect((await put(samir, { ...RESTRICTED, mot_de_passe: 'x' })).statusCode).toBe(400);
    expect((await put(samir, RESTRICTED)).statusCode).toBe(200);
    expect((await put(nadia, RESTRICTED)).statusCode).toBe(200);
  });

  it('refuses a wrong value with the field and what it takes, in French, and changes nothing', async () => {
    const refused = async (body: unknown): Promise<string> => {
      const res = await put(samir, body);
      expect(res.statusCode).toBe(400);
      return res.json<{ erreur: string }>().erreur;
    };
    expect(await refused({ contacts: [{ nom: 'Martine', telephone: 'le standard' }] })).toMatchInlineSnapshot(
      `"Contact 1, téléphone : chiffres, espaces et + ( ) . - seulement, 30 caractères au plus. Corrigez ce champ et recommencez."`,
    );
    expect(await refused({ contacts: [{ nom: 'Martine' }, { fonction: 'Directrice' }] })).toMatchInlineSnapshot(
      `"Contact 2, nom : de 2 à 120 caractères, obligatoire pour chaque contact. Corrigez ce champ et recommencez."`,
    );
    expect(await refused({ besoins: { produits: 'x'.repeat(501) } })).toMatchInlineSnapshot(
      `"Besoins en produits : 500 caractères au plus. Corrigez ce champ et recommencez."`,
    );
    expect(await refused({ mot_de_passe: 'x' })).toMatchInlineSnapshot(
      `"Champ inattendu : « mot_de_passe ». Retirez-le et recommencez."`,
    );
    expect(await refused([])).toMatchInlineSnapshot(`"Informations refusées : envoyez un objet JSON."`);
    const link = await service.app.inject({
      method: 'POST',
      url: `/api/acteurs/${ACTOR}/gestionnaires`,
      headers: { 'content-type': 'application/json', origin: PORTAL, cookie: nadia.cookie, 'x-csrf-token': nadia.csrf },
      payload: JSON.stringify({ courriel: 'samir' }),
    });
    expect(link.statusCode).toBe(400);
    expect(link.json()).toMatchInlineSnapshot(`
      {
        "erreur": "Courriel du compte : une adresse comme nom@exemple.org. Corrigez ce champ et recommencez.",
      }
    `);
    const read = await service.app.inject({
      method: 'GET',
      url: `/api/acteurs/${ACTOR}/restreint`,
      headers: { cookie: samir.cookie },
    });
    expect(read.json()).toMatchObject({ donnees: RESTRICTED });
  });

  it('is read by professionals only, never kept by a shared cache', async () => {
    const get = (cookie?: string) =>
      service.app.inject({
        method: 'GET',
        url: `/api/acteurs/${ACTOR}/restreint`,
        headers: cookie ? { cookie } : {},
      });
    const anonymous = await get();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain(CANARY);
    const forged = await get('essaim_session=inventee');
    expect(forged.statusCode).toBe(401);
    const pro = await get(camille.cookie);
    expect(pro.statusCode).toBe(200);
    expect(pro.headers['cache-control']).toBe('private, no-store');
    expect(pro.json()).toMatchObject({ acteur: ACTOR, renseigne: true, masque: false, modifiable: false });
    expect(pro.body).toContain(CANARY);
    expect((await get(samir.cookie)).json()).toMatchObject({ modifiable: true });
    const unknown = await service.app.inject({
      method: 'GET',
      url: '/api/acteurs/inconnu/restreint',
      headers: { cookie: camille.cookie },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('asks its managers to confirm it after six months, once; hides it from readers after a year', async () => {
    const month = 30 * 24 * 3600 * 1000;
    const confirmedAgo = (ms: number) =>
      service.outbox.db
        .prepare('UPDATE actor_restricted SET confirmed_at = ? WHERE actor_id = ?')
        .run(Date.now() - ms, ACTOR);
    const outboxDir = tempDir('essaim-rappels-');
    const mailer = createMailer({ from: DEFAULT_FROM, outboxDir });
    expect(await sendReminders(service.outbox.db, mailer, 'https://portail.example.org', Date.now())).toEqual({
      actors: 0,
      messages: 0,
    });
    confirmedAgo(7 * month);
    expect(await sendReminders(service.outbox.db, mailer, 'https://portail.example.org', Date.now())).toEqual({
      actors: 1,
      messages: 1,
    });
    expect(await sendReminders(service.outbox.db, mailer, 'https://portail.example.org', Date.now())).toEqual({
      actors: 0,
      messages: 0,
    });
    const [file] = fs.readdirSync(outboxDir);
    const mail = await simpleParser(fs.readFileSync(path.join(outboxDir, file!)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(DEMO_ACCOUNTS[1]!.email);
    expect(mail.text).toContain(`https://portail.example.org/acteurs/${ACTOR}`);
    const read = async (who: Browser) =>
      (
        await service.app.inject({
          method: 'GET',
          url: `/api/acteurs/${ACTOR}/restreint`,
          headers: { cookie: who.cookie },
        })
      ).json<{ masque: boolean; aConfirmer: boolean; donnees?: unknown }>();
    expect(await read(camille)).toMatchObject({ masque: false, aConfirmer: true });
    confirmedAgo(13 * month);
    const hidden = await read(camille);
    expect(hidden).toMatchObject({ masque: true });
    expect(hidden.donnees).toBeUndefined();
    expect(await read(samir)).toMatchObject({ masque: false, donnees: RESTRICTED });
    // Confirming (the manager) shows it again to readers.
    const confirm = await service.app.inject({
      method: 'POST',
      url: `/api/acteurs/${ACTOR}/confirmation`,
      headers: { origin: PORTAL, cookie: samir.cookie, 'x-csrf-token': samir.csrf },
    });
    expect(confirm.statusCode).toBe(200);
    expect(await read(camille)).toMatchObject({ masque: false, aConfirmer: false, donnees: RESTRICTED });
  });

  it('is no longer readable after sign-out', async () => {
    const out = await service.app.inject({
      method: 'POST',
      url: '/api/pro/deconnexion',
      headers: { origin: PORTAL, cookie: camille.cookie, 'x-csrf-token': camille.csrf },
    });
    expect(out.statusCode).toBe(200);
    const after = await service.app.inject({
      method: 'GET',
      url: `/api/acteurs/${ACTOR}/restreint`,
      headers: { cookie: camille.cookie },
    });
    expect(after.statusCode).toBe(401);
  });
});
