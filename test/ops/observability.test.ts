/**
 * `/api/health` tells the operator whether the service can take submissions and whether they
 * leave; `/api/metrics` gives the same in Prometheus' format, to the operator only.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/server/index.js';
import { SCHEMA_VERSION } from '../../src/server/migrations.js';
import type { NewSubmission } from '../../src/server/store.js';
import { makeRepo, practice, tempDir } from '../server/helpers.js';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

const repoDir = makeRepo();

async function service(
  extra: { metricsToken?: string; trustProxy?: string[] } = {},
): Promise<Awaited<ReturnType<typeof createService>>> {
  const s = await createService({
    repoDir,
    dataDir: tempDir('essaim-donnees-'),
    staticDir: undefined,
    noWorker: true,
    logLevel: false,
    ...(extra.metricsToken ? { metricsToken: extra.metricsToken } : {}),
    protection: { minFillMs: 0, ratePerMinute: 0, ...(extra.trustProxy ? { trustProxy: extra.trustProxy } : {}) },
  });
  closers.push(() => s.close());
  return s;
}

function submission(id: string): NewSubmission {
  return {
    id,
    collection: 'practices',
    entryId: id,
    path: `content/practices/${id}.md`,
    content: '---\n---\n',
    title: id,
    prTitle: id,
    prBody: '',
    commitMessage: id,
    branch: `formulaire/${id}`,
    contactName: 'C',
    contactEmail: 'c@example.org',
    credit: false,
  };
}

/** Samples of a Prometheus text exposition, checked for format: `name{labels} value` → value. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.trimEnd().split('\n')) {
    const type = /^# TYPE ([a-z_]+) (counter|gauge)$/.exec(line);
    if (type) typed.add(type[1]!);
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ .+$/);
      continue;
    }
    const m = /^([a-z_]+)(\{[a-z_]+="[^"]*"(?:,[a-z_]+="[^"]*")*\})? (-?[0-9.e+]+)$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(typed.has(m![1]!), `TYPE avant ${m![1]}`).toBe(true);
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]));
  }
  return samples;
}

describe('/api/health', () => {
  it('dit ce qui attend, depuis quand, les échecs et la dernière transmission', async () => {
    const s = await service();
    const empty = await s.app.inject({ method: 'GET', url: '/api/health' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({
      statut: 'ok',
      mode: 'local',
      preuveDeTravail: false,
      delaiMinimalMs: 0,
      base: { inscriptible: true, versionSchema: SCHEMA_VERSION },
      boiteEnvoi: { enAttente: 0, plusAncienneEnAttenteS: null },
      echecs: 0,
      derniereTransmission: null,
    });

    const t = Date.now();
    s.outbox.insert(submission('ancienne'), t - 90_000);
    s.outbox.insert(submission('recente'), t - 1_000);
    s.outbox.insert(submission('transmise'), t - 50_000);
    s.outbox.markOpened(
      'transmise',
      { prNumber: 1, prUrl: null, commit: null, branch: 'formulaire/transmise' },
      Date.parse('2026-05-01T09:58:12Z'),
    );
    s.outbox.insert(submission('abandonnee'), t - 50_000);
    s.outbox.markFailed('abandonnee', 'refusée');
    const body = (await s.app.inject({ method: 'GET', url: '/api/health' })).json<
      Record<string, unknown> & { boiteEnvoi: { plusAncienneEnAttenteS: number } }
    >();
    expect(body.boiteEnvoi.plusAncienneEnAttenteS).toBeGreaterThanOrEqual(90);
    expect(body.boiteEnvoi.plusAncienneEnAttenteS).toBeLessThan(120);
    expect({ ...body, boiteEnvoi: { ...body.boiteEnvoi, plusAncienneEnAttenteS: 'N' } }).toMatchObject({
      statut: 'ok',
      boiteEnvoi: { enAttente: 2, plusAncienneEnAttenteS: 'N' },
      echecs: 1,
      derniereTransmission: '2026-05-01T09:58:12.000Z',
    });
  });

  it('répond 503 quand la base n’accepte plus d’écriture', async () => {
    const s = await service();
    s.outbox.db.pragma('query_only = ON'); // as a read-only file system would
    const r = await s.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ statut: 'degrade', base: { inscriptible: false } });
  });
});

describe('/api/metrics', () => {
  it('au format texte de Prometheus : propositions acceptées et refusées, boîte d’envoi, échecs, file des courriels', async () => {
    const s = await service();
    const accepted = await s.app.inject({ method: 'POST', url: '/api/submissions', payload: practice() });
    expect(accepted.statusCode).toBe(202);
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: '/api/submissions',
          headers: { 'content-type': 'application/json' },
          payload: '{pas du json',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: '/api/submissions',
          headers: { 'content-type': 'text/plain' },
          payload: 'x',
        })
      ).statusCode,
    ).toBe(415);
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: '/api/submissions',
          payload: { ...practice(), collection: 'inconnue' },
        })
      ).statusCode,
    ).toBe(400);
    s.outbox.insert(submission('abandonnee'));
    s.outbox.markFailed('abandonnee', 'refusée');
    s.mailQueue.enqueue([
      { to: 'abonnee@example.org', subject: 'Alerte', text: 'Deux nouvelles fiches.', key: 'alerte-1' },
    ]);

    const r = await s.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '127.0.0.1' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parseMetrics(r.body);
    expect(Object.fromEntries([...m].filter(([k]) => k !== 'essaim_outbox_oldest_pending_age_seconds'))).toEqual({
      essaim_submissions_accepted_total: 2,
      'essaim_submissions_refused_total{code="400"}': 2,
      'essaim_submissions_refused_total{code="415"}': 1,
      essaim_outbox_pending: 1,
      'essaim_outbox_submissions{statut="recue"}': 1,
      'essaim_outbox_submissions{statut="en-cours"}': 0,
      'essaim_outbox_submissions{statut="ouverte"}': 0,
      'essaim_outbox_submissions{statut="echec"}': 1,
      essaim_dead_letters: 1,
      essaim_last_transmission_timestamp_seconds: 0,
      essaim_database_writable: 1,
      'essaim_mail_queue{statut="attente"}': 1,
      'essaim_mail_queue{statut="envoi"}': 0,
      'essaim_mail_queue{statut="envoye"}': 0,
      'essaim_mail_queue{statut="incertain"}': 0,
      'essaim_mail_queue{statut="echec"}': 0,
      'essaim_mail_queue{statut="ignore"}': 0,
    });
    expect(m.get('essaim_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('sans jeton : la machine et le réseau local seulement, et pas à travers un mandataire non déclaré', async () => {
    const s = await service();
    const get = async (remoteAddress: string, headers: Record<string, string> = {}): Promise<number> =>
      (await s.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress, headers })).statusCode;
    expect(await get('127.0.0.1')).toBe(200);
    expect(await get('::1')).toBe(200);
    expect(await get('::ffff:127.0.0.1')).toBe(200);
    expect(await get('10.1.2.3')).toBe(200);
    expect(await get('192.168.1.20')).toBe(200);
    expect(await get('203.0.113.5')).toBe(403);
    expect(await get('2001:db8::1')).toBe(403);
    // A reverse proxy on the same machine, not declared: the client could be anyone.
    expect(await get('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' })).toBe(403);
    expect(await get('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(403);
    const r = await s.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '203.0.113.5' });
    expect(r.json()).toMatchInlineSnapshot(`
      {
        "erreur": "Les métriques ne sont accessibles que depuis la machine ou le réseau local, ou avec le jeton des métriques.",
      }
    `);
  });

  it('sans jeton, derrière un mandataire déclaré : l’adresse du client décide, pas celle du mandataire', async () => {
    const s = await service({ trustProxy: ['127.0.0.1'] });
    const get = async (remoteAddress: string, xff: string): Promise<number> =>
      (await s.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress, headers: { 'x-forwarded-for': xff } }))
        .statusCode;
    expect(await get('127.0.0.1', '203.0.113.5')).toBe(403);
    expect(await get('127.0.0.1', '127.0.0.1, 203.0.113.5')).toBe(403); // forged first hop
    expect(await get('127.0.0.1', '192.168.1.20')).toBe(200);
    expect(await get('203.0.113.9', '127.0.0.1')).toBe(403); // not through the proxy
  });

  it('avec un jeton : exigé d’où que vienne la requête', async () => {
    const s = await service({ metricsToken: 'jeton-des-metriques' });
    const get = async (remoteAddress: string, authorization?: string): Promise<number> =>
      (
        await s.app.inject({
          method: 'GET',
          url: '/api/metrics',
          remoteAddress,
          headers: authorization ? { authorization } : {},
        })
      ).statusCode;
    expect(await get('203.0.113.5', 'Bearer jeton-des-metriques')).toBe(200);
    expect(await get('127.0.0.1')).toBe(401);
    expect(await get('127.0.0.1', 'Bearer autre-jeton')).toBe(401);
    expect(await get('127.0.0.1', 'Basic amV0b24=')).toBe(401);
    const r = await s.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '127.0.0.1' });
    expect(r.headers['www-authenticate']).toBe('Bearer realm="essaim-metriques"');
    expect(r.json()).toMatchInlineSnapshot(`
      {
        "erreur": "Jeton des métriques absent ou incorrect (Authorization: Bearer …).",
      }
    `);
  });

  it('ESSAIM_METRICS_TOKEN configure le jeton', async () => {
    const { loadConfig } = await import('../../src/server/config.js');
    expect(loadConfig({ ESSAIM_METRICS_TOKEN: ' abc ' }).metricsToken).toBe('abc');
  });
});
