/**
 * Bad input gets a clear French 4xx (or, for robots, a silent drop) and changes nothing: no row in
 * the outbox, no branch, no file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { isAlias, parseDocument, visit } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../../src/content/collections.js';
import { parseEntry } from '../../src/content/parse.js';
import { createService } from '../../src/server/index.js';
import { git, makeRepo, platform, practice, tempDir } from './helpers.js';

type Service = Awaited<ReturnType<typeof createService>>;

let repo: string;
let service: Service;
const headers = { 'content-type': 'application/json' };

async function post(body: unknown, extra: Record<string, string> = {}, s: Service = service) {
  const r = await s.app.inject({
    method: 'POST',
    url: '/api/submissions',
    headers: { ...headers, ...extra },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: r.statusCode,
    json: String(r.headers['content-type'] ?? '').includes('json')
      ? r.json<{ erreur?: string; problemes?: { champ: string; message: string; regle?: string }[]; id?: string }>()
      : {},
  };
}

function nothingWritten(s: Service = service): void {
  expect(s.outbox.counts()).toEqual({ recue: 0, 'en-cours': 0, ouverte: 0, echec: 0 });
  expect(
    git(repo, 'branch', '--list')
      .split('\n')
      .map((b) => b.replace('*', '').trim()),
  ).toEqual(['main']);
  expect(git(repo, 'status', '--porcelain')).toBe('');
}

beforeAll(async () => {
  repo = makeRepo();
  // The worker is not started: every accepted submission would stay visible as a row.
  service = await createService({
    repoDir: repo,
    dataDir: tempDir('essaim-donnees-'),
    staticDir: undefined,
    logLevel: false,
    noWorker: true,
    protection: { ratePerMinute: 0, bodyLimit: 64 * 1024 },
  });
});
afterAll(async () => {
  await service.close();
});

describe('refus', () => {
  it('refuse un envoi trop volumineux (413)', async () => {
    const big = practice();
    (big as { texte: string }).texte = 'x'.repeat(70 * 1024);
    const r = await post(big);
    expect(r.status).toBe(413);
    expect(r.json.erreur).toMatchInlineSnapshot(
      `"La proposition est trop volumineuse (64 Kio au plus). Raccourcissez le texte."`,
    );
    nothingWritten();
  });

  it('refuse ce qui n’est pas du JSON (415)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await post('collection=practices', { 'content-type': type });
      expect(r.status).toBe(415);
      expect(r.json.erreur).toMatchInlineSnapshot(
        `"Format refusé : la proposition doit être envoyée en JSON (Content-Type: application/json)."`,
      );
    }
    const broken = await post('{"collection": "practices",');
    expect(broken.status).toBe(400);
    expect(broken.json.erreur).toMatchInlineSnapshot(`"Le contenu envoyé n’est pas du JSON valide."`);
    nothingWritten();
  });

  it('refuse les champs inconnus, calculés ou manquants', async () => {
    const extraTop = await post({ ...practice(), chemin: 'content/x.md' });
    expect(extraTop.status).toBe(400);
    expect(extraTop.json.erreur).toMatchInlineSnapshot(`"Champ inattendu dans l’envoi : « chemin »."`);

    const p = practice();
    (p.donnees as Record<string, unknown>).couleur = 'rouge';
    const extra = await post(p);
    expect(extra.status).toBe(422);
    expect(extra.json.problemes).toMatchInlineSnapshot(`
      [
        {
          "champ": "couleur",
          "message": "Champ inconnu : \`couleur\`. Supprimez-le ; champs possibles : id, titre, resume, nature, maillons, criteres, stade, niveau_preuve, preuve_lien, chiffres, visites_apprenantes, territoires, publics, porteur, partenaires, couts, contacts, ressources, ressources_liees, derniere_revue, sources, date_maj, note_interne.",
          "regle": "schema",
        },
      ]
    `);

    const q = practice();
    delete (q.donnees as Record<string, unknown>).resume;
    delete ((q.donnees as Record<string, unknown>).porteur as Record<string, unknown>).type;
    const missing = await post(q);
    expect(missing.status).toBe(422);
    expect(missing.json.problemes).toMatchInlineSnapshot(`
      [
        {
          "champ": "resume",
          "message": "Le champ obligatoire « Résumé » (\`resume\`) est manquant. Ajoutez le champ \`resume\` : Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.",
          "regle": "schema",
        },
        {
          "champ": "porteur.type",
          "message": "Le champ obligatoire « Type de structure » (\`type\`) est manquant. Ajoutez le champ \`type\` : Type de la structure porteuse.",
          "regle": "schema",
        },
      ]
    `);

    for (const field of ['id', 'date_maj', 'note_interne']) {
      const r = practice();
      (r.donnees as Record<string, unknown>)[field] = field === 'id' ? '../../.github/workflows/x' : '2020-01-01';
      const res = await post(r);
      expect(res.status).toBe(400);
      expect(res.json.problemes?.[0]?.champ).toBe(field);
    }
    const noContact = await post({ ...practice(), contact: { nom: 'A' } });
    expect(noContact.status).toBe(400);
    expect(noContact.json.erreur).toMatchInlineSnapshot(
      `"Indiquez une adresse électronique valide (par exemple nom@exemple.fr)."`,
    );
    nothingWritten();
  });

  it('refuse les mauvais types', async () => {
    const p = practice();
    Object.assign(p.donnees as object, { titre: 42, visites_apprenantes: 'oui', territoires: 'dep-34' });
    const r = await post(p);
    expect(r.status).toBe(422);
    expect(r.json.problemes).toMatchInlineSnapshot(`
      [
        {
          "champ": "titre",
          "message": "« Titre » doit être un texte.",
          "regle": "schema",
        },
        {
          "champ": "visites_apprenantes",
          "message": "« Accepte des visites apprenantes » doit être \`true\` ou \`false\`.",
          "regle": "schema",
        },
        {
          "champ": "territoires",
          "message": "« Territoires » doit être une liste.",
          "regle": "schema",
        },
      ]
    `);
    const notObject = await post({ ...practice(), donnees: ['titre'] });
    expect(notObject.status).toBe(400);
    nothingWritten();
  });

  it('ne laisse rien du client décider d’un chemin', async () => {
    const coll = await post({ ...practice(), collection: '../../.github/workflows' });
    expect(coll.status).toBe(400);
    expect(coll.json.erreur).toMatchInlineSnapshot(
      `"Collection inconnue : « ../../.github/workflows ». Choisissez parmi : Fiches pratiques, Études et rapports, Financeurs et appels à projets, Offres de formation, Outils méthodologiques, Agenda, Plateformes existantes, Actualités, Annuaire des acteurs."`,
    );

    const p = practice();
    (p.donnees as Record<string, unknown>).maillons = ['../../.github/workflows', 'distribution'];
    const maillon = await post(p);
    expect(maillon.status).toBe(422);
    expect(new Set(maillon.json.problemes?.map((x) => x.champ))).toEqual(new Set(['maillons']));

    for (const id of ['..%2f..%2f.github', '%2e%2e', '..', 'a%00b']) {
      const r = await service.app.inject({ url: `/api/submissions/${id}` });
      expect(r.statusCode).toBe(404);
    }
    nothingWritten();
  });

  it('un titre en forme de chemin ne donne qu’un identifiant sûr', async () => {
    const r = await post(practice('../../.github/workflows/x %2e%2e'));
    expect(r.status).toBe(202);
    const row = service.outbox.get(r.json.id!)!;
    expect(row.path).toBe('content/practices/distribution/github-workflows-x-2e-2e.md');
    expect(row.branch).toBe('formulaire/practices/github-workflows-x-2e-2e');
    service.outbox.db.prepare('DELETE FROM submissions').run();
  });

  it('refuse les caractères nuls', async () => {
    const r = await post(practice('Paniers\u0000 solidaires'));
    expect(r.status).toBe(400);
    expect(r.json.erreur).toMatchInlineSnapshot(
      `"Le texte contient des caractères de contrôle invisibles (caractère nul…). Retirez-les."`,
    );
    const t = practice();
    (t as { texte: string }).texte = 'Texte\u0000';
    expect((await post(t)).status).toBe(400);
    nothingWritten();
  });

  it('refuse le HTML actif dans le texte', async () => {
    for (const html of [
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(1)">',
      '<a href="javascript:alert(1)">ici</a>',
    ]) {
      const p = practice();
      (p as { texte: string }).texte = `## Présentation\n\nBonjour.\n\n${html}\n`;
      const r = await post(p);
      expect(r.status).toBe(422);
      expect(r.json.problemes?.every((x) => x.champ === 'texte')).toBe(true);
      expect(r.json.problemes?.map((x) => `${x.regle} : ${x.message}`)).toMatchSnapshot();
    }
    nothingWritten();
  });

  it('champ piège rempli : réponse 202 mais rien n’est gardé', async () => {
    const r = await post({ ...practice(), site_web: 'https://spam.example' });
    expect(r.status).toBe(202);
    expect(r.json.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    nothingWritten();
    expect((await service.app.inject({ url: `/api/submissions/${r.json.id}` })).statusCode).toBe(404);
  });

  it('refuse un envoi trop rapide ou sans horodatage', async () => {
    const fast = await post({ ...practice(), rendu_a: Date.now() - 500 });
    expect(fast.status).toBe(400);
    expect(fast.json.erreur?.replace(/\(\d+(,\d)? s/, '(… s')).toMatchInlineSnapshot(
      `"Formulaire envoyé trop vite (… s après son affichage) : relisez votre proposition et renvoyez-la dans quelques secondes."`,
    );
    const { rendu_a: _r, ...noStamp } = practice();
    const none = await post(noStamp);
    expect(none.status).toBe(400);
    expect(none.json.erreur).toMatchInlineSnapshot(
      `"Le formulaire est incomplet (horodatage manquant) : rechargez la page et renvoyez-le."`,
    );
    nothingWritten();
  });

  it('refuse une origine étrangère', async () => {
    const r = await post(practice(), { origin: 'https://malveillant.example' });
    expect(r.status).toBe(403);
    expect(r.json.erreur).toMatchInlineSnapshot(
      `"Cette adresse n’est pas autorisée à envoyer des propositions à ce service."`,
    );
    nothingWritten();
  });
});

describe('origines autorisées (portail publié ailleurs)', () => {
  it('répond au contrôle préalable et accepte l’envoi d’une origine autorisée, refuse les autres', async () => {
    const s = await createService({
      repoDir: repo,
      dataDir: tempDir('essaim-donnees-'),
      staticDir: undefined,
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 0, allowedOrigins: ['https://portail.example.org'] },
    });
    const pre = await s.app.inject({
      method: 'OPTIONS',
      url: '/api/submissions',
      headers: { origin: 'https://portail.example.org', 'access-control-request-method': 'POST' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://portail.example.org');
    const sent = await s.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: { ...headers, origin: 'https://portail.example.org' },
      payload: practice(),
    });
    expect(sent.statusCode).toBe(202);
    expect(sent.headers['access-control-allow-origin']).toBe('https://portail.example.org');
    const other = await s.app.inject({
      method: 'OPTIONS',
      url: '/api/submissions',
      headers: { origin: 'https://ailleurs.example', 'access-control-request-method': 'POST' },
    });
    // No CORS header for another origin: the browser does not send the submission.
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await s.close();
  });
});

describe('texte qui ressemble à du YAML', () => {
  it('une bombe d’alias reste du texte, entre guillemets, sans alias', async () => {
    const bomb = 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b] *c';
    const p = platform('Bombe');
    Object.assign(p.donnees as object, { titre: 'Plateforme &a *a', usage: bomb, editeur: '*a &b [*a, *a]' });
    const r = await post(p);
    expect(r.status).toBe(202);
    const row = service.outbox.get(r.json.id!)!;
    const doc = parseDocument(row.content);
    let aliases = 0;
    visit(doc, {
      Alias() {
        aliases++;
      },
    });
    expect(aliases).toBe(0);
    expect(doc.errors).toEqual([]);
    const entry = parseEntry(collections.get('platforms')!, row.path, row.content);
    expect(entry.problems).toEqual([]);
    expect(entry.data?.usage).toBe(bomb);
    expect(entry.data?.titre).toBe('Plateforme &a *a');
    expect(isAlias(doc.get('usage', true))).toBe(false);
    expect(entry.data?.editeur).toBe('*a &b [*a, *a]');
    // Multi-line text becomes a literal block, a value that starts like an alias is quoted.
    expect(row.content).toContain('usage: |-\n  a: &a ["lol","lol","lol"]\n');
    expect(row.content).toContain('editeur: "*a &b [*a, *a]"\n');
    service.outbox.db.prepare('DELETE FROM submissions').run();
  });
});

describe('limites', () => {
  it('la limite par adresse ne se contourne pas avec un X-Forwarded-For forgé', async () => {
    const s = await createService({
      repoDir: repo,
      dataDir: tempDir('essaim-donnees-'),
      staticDir: undefined,
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 1, rateBurst: 2 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/submissions',
        headers: { ...headers, 'x-forwarded-for': `203.0.113.${i}` },
        payload: { bad: true },
        remoteAddress: '198.51.100.7',
      });
      statuses.push(r.statusCode);
      if (r.statusCode === 429)
        expect(r.json<{ erreur: string }>().erreur).toMatch(
          /^Trop de propositions envoyées depuis votre adresse : réessayez dans \d+ s\.$/,
        );
    }
    expect(statuses).toEqual([400, 400, 429, 429]);
    await s.close();
  });

  it('derrière un mandataire de confiance, chaque client a sa propre limite', async () => {
    const s = await createService({
      repoDir: repo,
      dataDir: tempDir('essaim-donnees-'),
      staticDir: undefined,
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 1, rateBurst: 1, trustProxy: ['10.0.0.1'] },
    });
    const send = async (xff: string, from: string) =>
      (
        await s.app.inject({
          method: 'POST',
          url: '/api/submissions',
          headers: { ...headers, 'x-forwarded-for': xff },
          payload: { bad: true },
          remoteAddress: from,
        })
      ).statusCode;
    expect(await send('203.0.113.1', '10.0.0.1')).toBe(400);
    expect(await send('203.0.113.2', '10.0.0.1')).toBe(400);
    expect(await send('203.0.113.1', '10.0.0.1')).toBe(429);
    // A peer that is not the trusted proxy is limited on its own address, whatever it claims.
    expect(await send('203.0.113.3', '198.51.100.9')).toBe(400);
    expect(await send('203.0.113.4', '198.51.100.9')).toBe(429);
    await s.close();
  });
});

describe('preuve de travail', () => {
  it('une preuve valide passe une fois, rejouée elle est refusée', async () => {
    const s = await createService({
      repoDir: repo,
      dataDir: tempDir('essaim-donnees-'),
      staticDir: undefined,
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 0, altchaSecret: 'secret-de-test', altchaMaxCounter: 2000 },
    });
    const none = await post(practice('Sans preuve'), {}, s);
    expect(none.status).toBe(400);
    expect(none.json.erreur).toMatchInlineSnapshot(
      `"La preuve de travail anti-robot est manquante : rechargez la page et renvoyez le formulaire."`,
    );
    const challenge = (await s.app.inject({ url: '/api/altcha/challenge' })).json<Challenge>();
    const solution = await solveChallenge({ challenge, deriveKey });
    expect(solution).not.toBeNull();
    const forged = await post(
      {
        ...practice('Preuve fausse'),
        altcha: {
          challenge,
          solution: { ...solution!, derivedKey: solution!.derivedKey.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
        },
      },
      {},
      s,
    );
    expect(forged.status).toBe(400);
    const first = await post({ ...practice('Avec preuve'), altcha: { challenge, solution } }, {}, s);
    expect(first.status).toBe(202);
    const replay = await post({ ...practice('Avec preuve rejouée'), altcha: { challenge, solution } }, {}, s);
    expect(replay.status).toBe(400);
    expect(replay.json.erreur).toMatchInlineSnapshot(
      `"Cette preuve de travail anti-robot a déjà servi : rechargez la page pour en obtenir une nouvelle."`,
    );
    expect(s.outbox.counts(), JSON.stringify(first.json)).toEqual({ recue: 1, 'en-cours': 0, ouverte: 0, echec: 0 });
    await s.close();
  });
});

it('le dépôt de test n’a pas été modifié', () => {
  expect(fs.readdirSync(path.join(repo, 'content')).sort()).toEqual([
    'actors',
    'events',
    'funders',
    'news',
    'platforms',
    'practices',
    'studies',
    'tools',
    'trainings',
  ]);
  expect(git(repo, 'status', '--porcelain')).toBe('');
});
