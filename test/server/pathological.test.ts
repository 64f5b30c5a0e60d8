/**
 * No input may block the service: pathological submissions are refused in French, naming the
 * field, while normal submissions sent at the same time are accepted and the event loop keeps
 * answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/server/index.js';
import { makeRepo, platform, practice, tempDir } from './helpers.js';

type Service = Awaited<ReturnType<typeof createService>>;
let service: Service;
const headers = { 'content-type': 'application/json' };

async function post(
  body: unknown,
): Promise<{ status: number; json: { erreur?: string; problemes?: { champ: string; message: string }[] } }> {
  const r = await service.app.inject({
    method: 'POST',
    url: '/api/submissions',
    headers,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.statusCode, json: r.json() };
}

const deepJson = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const withDonnees = (donnees: string): string =>
  JSON.stringify(practice('Données profondes')).replace(/"donnees":\{/, `"donnees":{"porteur_profond":${donnees},`);
/** Quotes in quotes, with HTML that makes sure the body is fully parsed. */
const nestedQuotes = (levels: number): string => `${'> '.repeat(levels)}texte <img src=x onerror=alert(1)>\n`;

beforeAll(async () => {
  service = await createService({
    repoDir: makeRepo(),
    dataDir: tempDir('essaim-donnees-'),
    staticDir: undefined,
    logLevel: false,
    noWorker: true,
    protection: { ratePerMinute: 0, minFillMs: 0, validationTimeoutMs: 1500 },
  });
});
afterAll(async () => {
  await service.close();
});

describe('entrées pathologiques', () => {
  it('une adresse électronique de 100 Ko est refusée sur sa longueur, avant toute expression régulière', async () => {
    for (const courriel of [`a@${'.'.repeat(100_000)}`, `${'a'.repeat(300)}@exemple.fr`]) {
      const r = await post({ ...practice(), contact: { nom: 'A', courriel } });
      expect(r.status).toBe(400);
      expect(r.json.problemes).toMatchInlineSnapshot(`
        [
          {
            "champ": "contact.courriel",
            "message": "Indiquez une adresse électronique valide (par exemple nom@exemple.fr).",
          },
        ]
      `);
    }
    // Just under the limit, a shape that makes a backtracking pattern quadratic: refused at once.
    const r = await post({ ...practice(), contact: { nom: 'A', courriel: `a@${'a.'.repeat(120)}` } });
    expect(r.status).toBe(400);
  });

  it('des données imbriquées sur 100 000 niveaux : 400 qui nomme le champ', async () => {
    const r = await post(withDonnees(deepJson(100_000)));
    expect(r.status).toBe(400);
    expect(r.json.erreur).toMatchInlineSnapshot(
      `"Les données sont imbriquées sur plus de 24 niveaux. Gardez au plus 24 niveaux d’imbrication."`,
    );
    expect(r.json.problemes?.[0]?.champ).toMatch(/^porteur_profond(\.0)+$/);
  });

  it('un texte de 20 000 citations imbriquées : refusé en français sur le champ texte', async () => {
    const p = practice('Citations imbriquées');
    (p as { texte: string }).texte = nestedQuotes(20_000);
    const r = await post(p);
    expect(r.status).toBe(422);
    expect(r.json.problemes?.map((x) => x.champ)).toContain('texte');
    expect(r.json.erreur).toMatch(/^La (vérification|proposition)/);
  });

  it('les propositions normales envoyées en même temps sont acceptées, et le service répond pendant ce temps', async () => {
    const bad = [
      ...Array.from({ length: 3 }, () => {
        const p = practice('Citations');
        (p as { texte: string }).texte = nestedQuotes(20_000);
        return JSON.stringify(p);
      }),
      withDonnees(deepJson(100_000)),
      JSON.stringify({ ...practice(), contact: { nom: 'A', courriel: `a@${'.'.repeat(100_000)}` } }),
    ];
    const normal = Array.from({ length: 6 }, (_, i) =>
      i % 2 ? practice(`Fiche normale ${i}`) : platform(`Plateforme normale ${i}`),
    );
    // The event loop stays free: a timer set now fires, and health answers, while the bad ones are being refused.
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 10);
    const badDone = Promise.all(bad.map((b) => post(b)));
    const health = await service.app.inject({ url: '/api/health' });
    const normalDone = await Promise.all(normal.map((n) => post(n)));
    const tickedBeforeBadEnded = ticks;
    const badResults = await badDone;
    clearInterval(timer);
    expect(health.statusCode).toBe(200);
    expect(normalDone.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(badResults.map((r) => r.status).every((s) => s >= 400 && s < 500)).toBe(true);
    expect(tickedBeforeBadEnded).toBeGreaterThan(0);
    expect(service.outbox.counts().recue).toBe(6);
  });
});
