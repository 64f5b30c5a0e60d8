/**
 * Benchmark of the external link checker: 1,000 addresses over 50 local hosts (loopback only)
 * answering in 50–200 ms (seeded), default caps. Compares with a lower bound computed from the caps
 * and with a naive unbounded `Promise.all` of the same requests.  Run: `npm run bench:links`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkExternalLinks } from '../src/links/external.js';
import { startServer } from '../test/links/servers.js';
import type { Handler, TestServer } from '../test/links/servers.js';

const HOSTS = 50;
const PER_HOST = 20;
const DEFAULTS = { concurrency: 16, perHost: 2, minIntervalMs: 100 };
const GOALS = { coldMs: 15_000, warmMs: 1_000 };

/** Small seeded generator (mulberry32), so every run sees the same latencies. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(2026);
const all = { inFlight: 0, max: 0 };
const latencies: number[][] = [];
const servers: TestServer[] = [];
for (let h = 0; h < HOSTS; h++) {
  const delays = Array.from({ length: PER_HOST }, () => 50 + Math.floor(next() * 151));
  latencies.push(delays);
  const routes: Record<string, Handler> = {};
  delays.forEach((ms, i) => {
    routes[`/page/${i}`] = (_req, res) =>
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>'), ms);
  });
  servers.push(await startServer(`127.0.1.${h + 1}`, routes, all));
}
const links = servers.flatMap((s, h) =>
  Array.from({ length: PER_HOST }, (_, i) => ({
    url: `${s.origin}/page/${i}`,
    file: `content/practices/fiche-${h}.md`,
    line: i + 1,
    col: 1,
  })),
);

function resetServers(): void {
  servers.forEach((s) => s.reset());
  all.max = 0;
}
const serverPeak = () => Math.max(...servers.map((s) => s.maxInFlight));
const served = () => servers.reduce((n, s) => n + s.hits.length, 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// Lower bound given the caps: the global cap, the per-host cap and the per-host start interval.
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const lowerBound = Math.max(
  sum(latencies.flat()) / DEFAULTS.concurrency,
  ...latencies.map((d) =>
    Math.max(sum(d) / DEFAULTS.perHost, (d.length - 1) * DEFAULTS.minIntervalMs + Math.min(...d)),
  ),
);

const dir = await mkdtemp(join(tmpdir(), 'essaim-bench-liens-'));
const cache = { file: join(dir, 'liens.json') };
try {
  resetServers();
  let t = performance.now();
  const cold = await checkExternalLinks(links, { cache });
  const coldMs = performance.now() - t;
  const coldPeak = serverPeak();
  const coldGlobal = all.max;
  const coldServed = served();

  resetServers();
  t = performance.now();
  const warm = await checkExternalLinks(links, { cache });
  const warmMs = performance.now() - t;

  resetServers();
  t = performance.now();
  await Promise.all(links.map(async ({ url }) => (await fetch(url, { method: 'HEAD' })).body?.cancel()));
  const naiveMs = performance.now() - t;
  const naivePeak = serverPeak();

  const broken = cold.results.filter((r) => r.status !== 'ok').length;
  const ok = {
    cold: coldMs <= GOALS.coldMs,
    cap: coldPeak <= DEFAULTS.perHost && Math.max(...Object.values(cold.stats.peakPerHost)) <= DEFAULTS.perHost,
    warm: warmMs <= GOALS.warmMs && warm.stats.requests === 0,
    results: broken === 0,
  };
  const mark = (b: boolean) => (b ? '✔' : '✖');
  console.log(
    `Vérification des liens externes : ${links.length} adresses, ${HOSTS} hôtes locaux, réponses en 50–200 ms (graine 2026)`,
  );
  console.log(
    `Plafonds : ${DEFAULTS.concurrency} requêtes simultanées, ${DEFAULTS.perHost} par hôte, ${DEFAULTS.minIntervalMs} ms entre deux départs vers un même hôte`,
  );
  console.log('');
  console.log(
    `À froid         : ${seconds(coldMs)}, ${cold.stats.requests} requêtes (${coldServed} reçues par les serveurs), ${broken} résultat(s) non OK`,
  );
  console.log(
    `  pic par hôte  : ${coldPeak} (mesuré par les serveurs, max sur les hôtes) pour un plafond de ${DEFAULTS.perHost}`,
  );
  console.log(`  pic global    : ${coldGlobal} pour un plafond de ${DEFAULTS.concurrency}`);
  console.log(
    `Cache chaud     : ${seconds(warmMs)}, ${warm.stats.requests} requête, ${warm.stats.fromCache} résultats depuis le cache`,
  );
  console.log('');
  console.log('Références mesurées dans la même exécution :');
  console.log(
    `  borne inférieure théorique avec ces plafonds : ${seconds(lowerBound)} (à froid : ${(coldMs / lowerBound).toFixed(2)} × la borne)`,
  );
  console.log(
    `  Promise.all naïf sans plafond                : ${seconds(naiveMs)}, pic par hôte ${naivePeak} (plafond non respecté)`,
  );
  console.log('');
  console.log(`${mark(ok.cold)} à froid ≤ ${seconds(GOALS.coldMs)}`);
  console.log(`${mark(ok.cap)} plafond par hôte jamais dépassé`);
  console.log(`${mark(ok.warm)} cache chaud ≤ ${seconds(GOALS.warmMs)} sans requête`);
  console.log(`${mark(ok.results)} tous les liens rapportés OK`);
  if (!Object.values(ok).every(Boolean)) process.exitCode = 1;
} finally {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
}
