/**
 * Benchmark of the personalised alerts (npm run bench:alerts).
 *
 * Generates a Git repository of 2,500 entries (a first commit, then a week of changes: new
 * entries, new calls, postponed deadlines, updates) and 20,000 confirmed subscribers with varied
 * criteria in a service database, then measures in the same run:
 *   (a) one unpersonalised digest: reading the content and its Git history (one `git diff` and one
 *       `git cat-file --batch`), and rendering the letter;
 *   (b) matching alone: the items of every subscriber, through the digest's index of criteria;
 *   (c) the personalised digests of every subscriber (matching and rendering), counted, not kept;
 *   (d) the same, queued in the mail queue (SQLite), as `essaim lettre --alertes` does.
 * Goals: (a) + (d) in 30 s at most, and 300 MB of peak memory (resident set) at most; the
 * per-subscriber part is not dominated by reading content: subscribers are matched against the
 * digest, never against the content. The machine's load is printed with the figures.
 *
 * Options: --entrees 2500, --abonnes 20000, --keep (keep the generated folders).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allCollections, type Collection, type CollectionName } from '../src/content/collections.js';
import { buildDigest, DigestIndex } from '../src/content/digest.js';
import { entryPath, serializeEntry } from '../src/content/serialize.js';
import { territoryParents, vocabularies } from '../src/content/schemas.js';
import { Subscriptions } from '../src/mail/alerts.js';
import { alertMessages, renderLetter } from '../src/mail/lettre.js';
import { MailQueue } from '../src/mail/queue.js';
import { Outbox } from '../src/server/store.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTRIES = arg('entrees', 2500);
const SUBSCRIBERS = arg('abonnes', 20_000);
const KEEP = process.argv.includes('--keep');
const SINCE = '2026-06-05';
const UNTIL = '2026-06-15';
const PORTAL = 'https://portail.example.org';

let seed = 42;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(rnd() * (max - min + 1));
  return [...new Set(Array.from({ length: n }, () => pick(xs)))];
};
const day = (month: number): string =>
  `2026-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;

const vocab = vocabularies();
const TERRITOIRES = Object.keys(vocab.territoire?.labels ?? {});
const DEPARTEMENTS = TERRITOIRES.filter((t) => t.startsWith('dep-'));
const MAILLONS = Object.keys(vocab.maillon?.labels ?? {});
const WORDS = 'épicerie solidaire jardin partagé cantine glanage paniers marché coopérative quartier'.split(' ');
const title = (): string => `Projet ${some(WORDS, 3, 6).join(' ')}`;
const summary = (): string => `Résumé : ${some(WORDS, 10, 10).join(' ')} pour une alimentation digne et durable.`;

function data(c: CollectionName, id: string, month: number): Record<string, unknown> {
  const common = {
    id,
    titre: title(),
    resume: summary(),
    maillons: some(MAILLONS, 1, 2),
    territoires: rnd() < 0.1 ? ['national'] : some(TERRITOIRES, 1, 2),
    date_maj: day(month),
  };
  switch (c) {
    case 'funders':
      return {
        ...common,
        type: 'fondation',
        site: 'https://financeur.example.org',
        appels: Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, i) => ({
          id: `appel-${i}`,
          titre: `Appel ${title()}`,
          resume: summary(),
          ouverture: day(1),
          cloture: day(6 + Math.floor(rnd() * 3)),
          url: 'https://financeur.example.org/appel',
          territoires: [...common.territoires],
          maillons: [...common.maillons],
        })),
      };
    case 'events':
      return { ...common, type: 'rencontre', debut: day(6 + Math.floor(rnd() * 2)), organisateur: 'Réseau' };
    case 'news':
      return { ...common, date: day(5 + Math.floor(rnd() * 2)), type: 'veille' };
    default:
      return { ...common, stade: 'deploiement', evaluation: false, criteres: ['dignite-libre-choix'] };
  }
}

const SHARE: [CollectionName, number][] = [
  ['practices', 0.4],
  ['funders', 0.15],
  ['events', 0.15],
  ['news', 0.1],
  ['studies', 0.1],
  ['tools', 0.1],
];

function git(root: string, date: string, ...args: string[]): void {
  execFileSync('git', ['-C', root, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@example.org',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@example.org',
      GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
      GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
    },
  });
}

function write(root: string, c: Collection, d: Record<string, unknown>): string {
  const file = entryPath(c, d);
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(
    path.join(root, file),
    serializeEntry(c, file, d, c.format === 'md' ? '## Présentation\n\nTexte.\n' : ''),
  );
  return file;
}

function generateRepository(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-bench-alertes-'));
  git(root, '2026-06-01', 'init', '-q', '-b', 'main');
  const written: { c: Collection; d: Record<string, unknown> }[] = [];
  for (const [name, share] of SHARE) {
    const c = allCollections().find((x) => x.name === name)!;
    for (let i = 0; i < Math.round(ENTRIES * 0.96 * share); i++) {
      const d = data(name, `${name.slice(0, 4)}-${i}`, 3);
      write(root, c, d);
      written.push({ c, d });
    }
  }
  git(root, '2026-06-01', 'add', '-A');
  git(root, '2026-06-01', 'commit', '-q', '-m', 'contenu');
  // A week of work: 4 % new entries, 10 % changed (new calls, postponed deadlines, new summaries).
  const practices = allCollections().find((x) => x.name === 'practices')!;
  for (let i = 0; written.length + i < ENTRIES; i++) write(root, practices, data('practices', `nouvelle-${i}`, 6));
  for (const { c, d } of written.filter(() => rnd() < 0.1)) {
    const appels = d.appels as Record<string, unknown>[] | undefined;
    if (appels && rnd() < 0.5) appels[0]!.cloture = day(9);
    else if (appels)
      appels.push(
        JSON.parse(JSON.stringify({ ...appels[0], id: 'appel-nouveau', titre: `Appel ${title()}` })) as Record<
          string,
          unknown
        >,
      );
    else d.resume = summary();
    write(root, c, { ...d, date_maj: '2026-06-09' });
  }
  git(root, '2026-06-10', 'add', '-A');
  git(root, '2026-06-10', 'commit', '-q', '-m', 'semaine');
  return root;
}

function subscribe(dataDir: string): void {
  const outbox = new Outbox(dataDir);
  const subs = new Subscriptions(outbox.db);
  outbox.transaction(() => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const s = subs.create(`abonne-${i}@example.org`, {
        territoires: rnd() < 0.2 ? [] : [rnd() < 0.8 ? pick(DEPARTEMENTS) : pick(TERRITOIRES)],
        maillons: rnd() < 0.4 ? [] : some(MAILLONS, 1, 2),
        contenus: rnd() < 0.5 ? [] : some([...SHARE.map(([n]) => n), 'appels'], 1, 2),
      });
      subs.confirm(s.id);
    }
  });
  outbox.close();
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
const mb = (bytes: number): string => `${Math.round(bytes / 1e6)} Mo`;

const root = generateRepository();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-bench-alertes-donnees-'));
subscribe(dataDir);
territoryParents();
if (global.gc) global.gc();
const rssBefore = process.memoryUsage().rss;

let t = performance.now();
const digest = buildDigest(root, { since: SINCE, until: UNTIL, days: 30 });
const letter = renderLetter(digest, PORTAL);
const digestMs = performance.now() - t;

const outbox = new Outbox(dataDir);
const subscribers = new Subscriptions(outbox.db).confirmed();
const secret = 'secret-du-banc';
t = performance.now();
const index = new DigestIndex(digest.items);
let matched = 0;
for (const s of subscribers) matched += index.matching(s.criteria).length;
const indexMs = performance.now() - t;

t = performance.now();
let count = 0;
let bytes = 0;
for (const m of alertMessages(digest, subscribers, { portalUrl: PORTAL, secret })) {
  count++;
  bytes += m.text.length + (m.html?.length ?? 0);
}
const matchMs = performance.now() - t;

t = performance.now();
const queued = new MailQueue(outbox.db).enqueue(alertMessages(digest, subscribers, { portalUrl: PORTAL, secret }));
const queueMs = performance.now() - t;
outbox.close();
const peakRss = process.resourceUsage().maxRSS * 1024;

const byKind = (s: string): number => digest.items.filter((i) => i.section === s).length;
console.log(
  `Banc des alertes : ${ENTRIES} entrées, ${SUBSCRIBERS} abonnés confirmés (${UNTIL}, 7 jours, 30 jours d’horizon)`,
);
console.log(
  `Lettre : ${digest.items.length} éléments (${byKind('nouveautes')} nouveautés et mises à jour, ${byKind('appels')} appels qui ferment, ${byKind('agenda')} événements, ${byKind('actualites')} actualités) ; ${Math.round(letter.html.length / 1024)} Kio en HTML`,
);
console.log(
  `(a) une lettre non personnalisée (lecture du contenu et de l’historique Git, rendu) : ${seconds(digestMs)}`,
);
console.log(
  `(b) appariement seul, par l’index des critères : ${seconds(indexMs)} (${matched} éléments retenus en tout, ${((indexMs / SUBSCRIBERS) * 1000).toFixed(1)} µs par abonné)`,
);
console.log(`(c) ${count} lettres personnalisées (appariement et rendu, ${mb(bytes)} de texte) : ${seconds(matchMs)}`);
console.log(
  `    soit ${((matchMs / SUBSCRIBERS) * 1000).toFixed(0)} µs par abonné ; ${SUBSCRIBERS - count} abonnés sans élément correspondant, sans message`,
);
console.log(`(d) les mêmes, mises en file d’envoi (SQLite) : ${seconds(queueMs)} (${queued} messages)`);
console.log(`Mémoire : pic ${mb(peakRss)} (résident), ${mb(rssBefore)} avant la lettre`);
const total = digestMs + queueMs;
console.log(
  `Objectifs : (a) + (d) = ${seconds(total)} ≤ 30 s ${total <= 30_000 ? 'tenu' : 'MANQUÉ'} ; pic ${mb(peakRss)} ≤ 300 Mo ${peakRss <= 300e6 ? 'tenu' : 'MANQUÉ'}`,
);
const load = os.loadavg().map((l) => l.toFixed(2).replace('.', ','));
console.log(`Charge de la machine (1, 5, 15 min) : ${load.join(' ; ')} pour ${os.cpus().length} cœurs`);
if (!KEEP) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
} else console.log(`Dossiers gardés : ${root} ${dataDir}`);
