/**
 * `npm run bench:server` — the submission service under load, on loopback: many concurrent
 * submissions (autocannon) against the real service (child process, GitHub = the simulator),
 * then a wait until the worker has drained the outbox, and a check that every accepted submission
 * became exactly one pull request. Baseline measured in the same run on the same server:
 * `GET /api/health` (no validation, no disk).
 *
 * Then the same load again while pathological submissions (20,000 nested quotes, data nested
 * 100,000 deep, a 100 KB e-mail address) are sent in parallel: their p99 is printed next to the
 * first one, and every pathological submission must be refused with a 4xx.
 *
 * Goals on the reference machine (2 cores): ≥ 300 accepted/s, p99 of the 202 ≤ 150 ms, zero lost.
 * BENCH_REQUESTS (400), BENCH_CONNECTIONS (20), BENCH_BASELINE_S (3), BENCH_DRAIN_TIMEOUT_S (1800).
 * Rate limit, minimum fill time and proof-of-work are disabled for the run (configuration).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../src/content/paths.js';
import { startGitHubSimulator } from '../test/github-simulator/index.js';
import { makeRepo, practice, platform } from '../test/server/helpers.js';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  duration: number;
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
}
interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest(req: Record<string, unknown>): Record<string, unknown>;
  onResponse(status: number, body: string): void;
}
interface LoadOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  requests?: LoadRequest[];
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: LoadOptions,
  cb: (err: Error | null, r: LoadResult) => void,
) => void;

/** Submissions sent under load. Every one must then become a pull request in the simulator, which
 * opens about one every 2.5 s (it runs real `git` for each call): the count is kept modest. */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
/** Half the submissions are sent alone, half with pathological ones in parallel. */
const PHASE = Math.ceil(REQUESTS / 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const BASELINE_S = Number(process.env.BENCH_BASELINE_S ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const DRAIN_TIMEOUT_S = Number(process.env.BENCH_DRAIN_TIMEOUT_S ?? 30 * 60);
const OWNER = 'cocolupa';
const REPO = 'essaim';

function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/server/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ESSAIM_SERVICE_URL=(\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`service arrêté (code ${code})`)));
  });
}

function run(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const fmt = (n: number, d = 0): string =>
  n.toLocaleString('fr-FR', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * The GitHub simulator runs in its own process: it starts a `git` process for most calls, and
 * spawning is synchronous — in the load generator's process it would stall autocannon's clock.
 */
if (process.env.BENCH_ROLE === 'simulator') {
  const sim = await startGitHubSimulator({ tokens: { 'jeton-bench': 'essaim-robot' } });
  await sim.createRepo({ owner: OWNER, name: REPO, files: { 'README.md': '# Essaim\n' }, pushers: ['essaim-robot'] });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'pulls')
      process.send!({
        type: 'pulls',
        heads: sim.pulls(OWNER, REPO).map((p) => p.pull?.headRef ?? ''),
        violations: sim.contractViolations.length,
      });
    if (m.type === 'close') void sim.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', baseUrl: sim.baseUrl });
  await new Promise(() => undefined);
}

interface SimulatorProcess {
  baseUrl: string;
  pulls(): Promise<{ heads: string[]; violations: number }>;
  close(): void;
}

function startSimulatorProcess(): Promise<SimulatorProcess> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_ROLE: 'simulator' },
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve) => {
    const waiting: ((r: { heads: string[]; violations: number }) => void)[] = [];
    child.on('message', (m: { type: string; baseUrl?: string; heads?: string[]; violations?: number }) => {
      if (m.type === 'ready') {
        resolve({
          baseUrl: m.baseUrl!,
          pulls: () =>
            new Promise((r) => {
              waiting.push(r);
              child.send({ type: 'pulls' });
            }),
          close: () => child.send({ type: 'close' }),
        });
      } else if (m.type === 'pulls') waiting.shift()?.({ heads: m.heads!, violations: m.violations! });
    });
  });
}

const sim = await startSimulatorProcess();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-service-banc-'));
const service = await startService({
  PORT: '0',
  ESSAIM_REPO: `${OWNER}/${REPO}`,
  ESSAIM_GITHUB_TOKEN: 'jeton-bench',
  ESSAIM_GITHUB_API_URL: sim.baseUrl,
  ESSAIM_GITHUB_WRITE_INTERVAL_MS: '0',
  ESSAIM_REPO_DIR: makeRepo(),
  ESSAIM_DATA_DIR: dataDir,
  ESSAIM_STATIC_DIR: '',
  ESSAIM_RATE_LIMIT_PER_MINUTE: '0',
  ESSAIM_MIN_FILL_MS: '0',
  ESSAIM_WORKER_CONCURRENCY: '4',
  ESSAIM_LOG_LEVEL: 'warn',
});

try {
  // Warm-up (JIT, lazily loaded modules, the worker's first GitHub calls), not timed; these
  // submissions are checked like the others below.
  await run({ url: `${service.url}/api/health`, connections: 4, duration: 1 });
  const warm: string[] = [];
  for (let i = 0; i < WARMUP; i++) {
    const r = await fetch(`${service.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform(`Plateforme d’échauffement ${i}`)),
    });
    if (r.status === 202) warm.push(((await r.json()) as { id: string }).id);
  }

  // The outbox itself, read-only: what the service acknowledged, whatever the client recorded.
  const db = new Database(path.join(dataDir, 'soumissions.sqlite'), { readonly: true });
  const pendingRows = (): number =>
    (db.prepare("SELECT COUNT(*) AS n FROM submissions WHERE status IN ('recue', 'en-cours')").get() as { n: number })
      .n;
  // The warm-up's pull requests are opened before the measures start.
  while (pendingRows() > 0) await new Promise((r) => setTimeout(r, 500));

  const baseline = await run({ url: `${service.url}/api/health`, connections: CONNECTIONS, duration: BASELINE_S });

  let n = 0;
  const accepted: string[] = [];
  let refused = 0;
  const load = await run({
    url: service.url,
    connections: CONNECTIONS,
    amount: PHASE,
    requests: [
      {
        method: 'POST',
        path: '/api/submissions',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          const body =
            n % 2 === 0 ? practice(`Fiche de charge numéro ${n}`) : platform(`Plateforme de charge numéro ${n}`);
          return { ...req, body: JSON.stringify(body) };
        },
        onResponse: (status, body) => {
          if (status === 202) accepted.push((JSON.parse(body) as { id: string }).id);
          else refused++;
        },
      },
    ],
  });

  // The same normal load again, while pathological submissions are refused in parallel on other connections.
  const pathological = [
    (() => {
      const b = practice('Citations imbriquées');
      (b as { texte: string }).texte = `${'> '.repeat(20_000)}texte <img src=x onerror=alert(1)>\n`;
      return JSON.stringify(b);
    })(),
    JSON.stringify(practice('Données profondes')).replace(
      /"donnees":\{/,
      `"donnees":{"x":${'['.repeat(100_000)}1${']'.repeat(100_000)},`,
    ),
    JSON.stringify({ ...practice('Courriel géant'), contact: { nom: 'A', courriel: `a@${'.'.repeat(100_000)}` } }),
  ];
  let badRefused = 0;
  let badOther = 0;
  let stopBad = false;
  // One client per kind of pathological submission, each sending the next as soon as it is answered.
  const badLoad = Promise.all(
    pathological.map(async (body) => {
      while (!stopBad) {
        const r = await fetch(`${service.url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await r.arrayBuffer();
        if (r.status >= 400 && r.status < 500) badRefused++;
        else badOther++;
      }
    }),
  );
  const acceptedMixed: string[] = [];
  let refusedMixed = 0;
  const mixed = await run({
    url: service.url,
    connections: CONNECTIONS,
    amount: PHASE,
    requests: [
      {
        method: 'POST',
        path: '/api/submissions',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          const body =
            n % 2 === 0 ? practice(`Fiche de charge numéro ${n}`) : platform(`Plateforme de charge numéro ${n}`);
          return { ...req, body: JSON.stringify(body) };
        },
        onResponse: (status, body) => {
          if (status === 202) acceptedMixed.push((JSON.parse(body) as { id: string }).id);
          else refusedMixed++;
        },
      },
    ],
  });
  stopBad = true;
  await badLoad;
  accepted.push(...acceptedMixed);
  refused += refusedMixed;

  process.stderr.write(
    `(charges terminées : ${accepted.length} acceptées, p99 seule ${fmt(load.latency.p99, 1)} ms, avec pathologiques ${fmt(mixed.latency.p99, 1)} ms ; attente de l’ouverture des pull requests…)\n`,
  );
  const drainStart = Date.now();
  while (pendingRows() > 0 && Date.now() - drainStart < DRAIN_TIMEOUT_S * 1000)
    await new Promise((r) => setTimeout(r, 1000));
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  const stored = rows.reduce((a, r) => a + r.n, 0);
  db.close();
  const simulated = await sim.pulls();
  const pulls = simulated.heads.length;
  const drainS = (Date.now() - drainStart) / 1000;
  // Every acknowledged submission says `ouverte`, with its own pull request.
  const numbers = new Set<number>();
  let notOpen = 0;
  for (const id of [...warm, ...accepted]) {
    const s = (await (await fetch(`${service.url}/api/submissions/${id}`)).json()) as {
      statut: string;
      pr?: { numero: number };
    };
    if (s.statut !== 'ouverte' || !s.pr) notOpen++;
    else numbers.add(s.pr.numero);
  }
  const branches = new Set(simulated.heads);

  const acceptedPerS = (accepted.length - acceptedMixed.length) / load.duration;
  const acknowledged = warm.length + accepted.length;
  const lost = acknowledged - numbers.size;
  console.log(
    `Service de propositions — ${REQUESTS} propositions, ${CONNECTIONS} connexions, boucle locale, GitHub simulé, synchronous=FULL`,
  );
  console.log('');
  console.log(
    `Référence  GET /api/health       : ${fmt(baseline.requests.average)} req/s, p50 ${fmt(baseline.latency.p50, 1)} ms, p99 ${fmt(baseline.latency.p99, 1)} ms`,
  );
  console.log(
    `Charge     POST /api/submissions : ${fmt(acceptedPerS)} acceptées/s (${accepted.length - acceptedMixed.length} acceptées, ${refused - refusedMixed} refusées, ${load.errors} erreurs réseau), p50 ${fmt(load.latency.p50, 1)} ms, p99 ${fmt(load.latency.p99, 1)} ms`,
  );
  console.log(`           soit ${fmt((100 * acceptedPerS) / baseline.requests.average, 1)} % du débit de référence`);
  console.log(
    `Même charge, avec des propositions pathologiques refusées en parallèle (${badRefused} refusées en 4xx, ${badOther} autres réponses) :`,
  );
  console.log(
    `           p50 ${fmt(mixed.latency.p50, 1)} ms, p99 ${fmt(mixed.latency.p99, 1)} ms (seule : p99 ${fmt(load.latency.p99, 1)} ms) ; ${acceptedMixed.length} acceptées, ${refusedMixed} refusées`,
  );
  console.log(
    `Vidage de la boîte d’envoi : ${fmt(drainS, 1)} s pour ${pulls} pull requests (${fmt(pulls / Math.max(drainS, 0.001), 1)} par seconde)`,
  );
  console.log(
    `Boîte d’envoi : ${stored} propositions enregistrées (${rows.map((r) => `${r.status} ${r.n}`).join(', ')})`,
  );
  console.log(
    `Pull requests : ${pulls} pour ${acknowledged} propositions acceptées (dont ${warm.length} d’échauffement) ; numéros distincts ${numbers.size}, branches distinctes ${branches.size}, non ouvertes ${notOpen}`,
  );
  console.log(`Violations du contrat OpenAPI : ${simulated.violations}`);
  const ok =
    acceptedPerS >= 300 &&
    load.latency.p99 <= 150 &&
    lost === 0 &&
    pulls === acknowledged &&
    stored === acknowledged &&
    refused === 0 &&
    badOther === 0;
  console.log('');
  console.log(
    `Objectifs (≥ 300 acceptées/s, p99 ≤ 150 ms, zéro perte, zéro doublon) : ${ok ? 'atteints' : 'NON atteints'}${lost ? ` — ${lost} perdues` : ''}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  service.child.kill('SIGTERM');
  sim.close();
}
