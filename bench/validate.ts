/**
 * Benchmark of `essaim validate` (npm run bench:validate).
 *
 * Generates valid entries across every collection in a temporary folder (2,500 by default: the
 * portal's realistic size), then measures in separate child processes (so that peak memory is per
 * measurement), three times each, interleaved, the median of:
 *   (a) baseline: list and read + parse every file with the core parser only (listEntries + readEntry);
 *   (b) validate: the full validateRepository (schema, rules, references), as the command runs it;
 *   (c) cli: the real command `node cli/bin.mjs validate`, wall time of the whole process;
 *   (d) one file: validateRepository on one entry (its references checked against the whole repository);
 *   (e) `node cli/bin.mjs validate <one file>`, the way the README runs it, wall time of the whole process.
 * Goals: 10,000 entries validated in 3 s at most, and at most 1.5 × the baseline.
 *
 * Options: --sizes 2500,10000 (entry counts), --runs 3, --keep (keep the generated folders).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCollections, type Collection, type CollectionName } from '../src/content/collections.js';
import { listEntries, readEntry } from '../src/content/load.js';
import { entryPath, serializeEntry } from '../src/content/serialize.js';
import { validateRepository } from '../src/content/validate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const bin = path.join(repo, 'cli/bin.mjs');
const TODAY = '2026-06-15';

// ---------------------------------------------------------------------------------------------
// Measurement in a child process: `tsx bench/validate.ts --measure <baseline|validate|one> <root> [file]`

interface Measure {
  ms: number;
  maxRssKb: number;
  entries: number;
  problems: number;
}

function measureHere(kind: string, root: string, file: string | undefined): Measure {
  const start = performance.now();
  let entries = 0;
  let problems = 0;
  if (kind === 'baseline') {
    const listing = listEntries(root);
    for (const f of listing.files) {
      const entry = readEntry(root, f);
      entries++;
      problems += entry.problems.length;
    }
    problems += listing.problems.length;
  } else {
    const result = validateRepository(root, kind === 'one' ? [file!] : undefined, { today: TODAY });
    entries = result.files.length;
    problems = result.problems.length;
  }
  const ms = performance.now() - start;
  return { ms, maxRssKb: process.resourceUsage().maxRSS, entries, problems };
}

if (process.argv[2] === '--measure') {
  process.stdout.write(JSON.stringify(measureHere(process.argv[3]!, process.argv[4]!, process.argv[5])));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Generation of realistic, valid entries

let seed = 20260615;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
function some<T>(list: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rnd() * (max - min + 1));
  return [...new Set(Array.from({ length: n }, () => pick(list)))];
}

const MAILLONS = [
  'reperage-orientation',
  'approvisionnement',
  'logistique',
  'distribution',
  'accompagnement',
  'participation',
  'cooperation-territoriale',
  'pilotage-evaluation',
];
const CRITERES = [
  'dignite-libre-choix',
  'participation-personnes',
  'qualite-nutritionnelle',
  'durabilite-environnementale',
  'lien-social',
  'acces-non-stigmatisant',
  'ancrage-territorial',
  'autonomie-sortie-precarite',
];
const PUBLICS = [
  'familles',
  'familles-monoparentales',
  'enfants-jeunes',
  'etudiants',
  'personnes-agees',
  'sans-domicile',
  'personnes-exilees',
  'travailleurs-precaires',
];
const TERRITOIRES = [
  'national',
  'reg-11',
  'reg-76',
  'reg-84',
  'reg-93',
  'dep-34',
  'dep-13',
  'dep-75',
  'dep-69',
  'dep-59',
  'dep-33',
  'dep-971',
];
const STRUCTURES = [
  'association',
  'reseau-national',
  'banque-alimentaire',
  'epicerie-sociale-solidaire',
  'ccas-cias',
  'collectivite',
  'fondation',
];
const WORDS =
  'les personnes accueillies choisissent leurs produits dans une épicerie solidaire où les bénévoles et les salariés accompagnent chaque famille avec des ateliers de cuisine des paniers de légumes locaux et un lien social durable sur tout le territoire rural ou urbain du département'.split(
    ' ',
  );

function sentence(min = 8, max = 22): string {
  const words = some(WORDS, min, max);
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}
function paragraph(links: number): string {
  const parts = Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => sentence());
  for (let i = 0; i < links; i++)
    parts.splice(
      Math.floor(rnd() * parts.length),
      0,
      `Voir [${pick(WORDS)} ${pick(WORDS)}](https://exemple-${Math.floor(rnd() * 500)}.example.org/${slug(pick(WORDS))}).`,
    );
  return parts.join(' ');
}
/** A Markdown body of about `bytes` bytes: headings, paragraphs with links, lists, sometimes an image or an entity. */
function body(bytes: number): string {
  const out: string[] = [];
  const sections = [
    'De quoi s’agit-il ?',
    'Pour qui ?',
    'Comment démarrer',
    'Coûts et moyens',
    'Partenaires',
    'Résultats',
    'Points de vigilance',
    'Pour essaimer',
  ];
  let i = 0;
  while (out.join('\n\n').length < bytes) {
    out.push(`## ${sections[i % sections.length]}`);
    out.push(paragraph(1 + Math.floor(rnd() * 2)));
    if (rnd() < 0.4) out.push(Array.from({ length: 3 }, () => `- ${sentence(4, 10)}`).join('\n'));
    if (rnd() < 0.15) out.push(`![Photo de l’action](/img/photo-${Math.floor(rnd() * 50)}.jpg)`);
    if (rnd() < 0.1) out.push('Avec le soutien de la Fondation R&amp;D solidaire.');
    i++;
  }
  return out.join('\n\n');
}
const date = (year: number): string =>
  `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
const title = (): string => `Projet ${sentence(3, 7).slice(0, -1).toLowerCase()}`;
const resume = (): string => `Résumé : ${sentence(14, 24)}`.slice(0, 290);
const url = (k: string): string => `https://${k}-${Math.floor(rnd() * 1000)}.example.org/${slug(pick(WORDS))}`;

interface Generated {
  collection: Collection;
  data: Record<string, unknown>;
  body: string;
}

function generate(c: Collection, id: string, refs: string[]): Generated {
  const common = { id, titre: title(), resume: resume(), territoires: some(TERRITOIRES, 1, 3), date_maj: date(2025) };
  const related = refs.length > 0 && rnd() < 0.5 ? { ressources_liees: some(refs, 1, 3) } : {};
  const name: CollectionName = c.name;
  switch (name) {
    case 'practices':
      return {
        collection: c,
        body: body(2000 + Math.floor(rnd() * 2000)),
        data: {
          ...common,
          maillons: some(MAILLONS, 1, 3),
          criteres: some(CRITERES, 1, 4),
          stade: pick(['experimentation', 'deploiement', 'essaimee']),
          evaluation: rnd() < 0.5,
          publics: some(PUBLICS, 1, 3),
          porteur: { nom: title().slice(0, 150), type: pick(STRUCTURES), site: url('porteur') },
          partenaires: some(
            ['Banque alimentaire', 'CCAS de la ville', 'Conseil départemental', 'Secours populaire', 'Restos du cœur'],
            0,
            3,
          ),
          couts: sentence(),
          contacts: [{ structure: title().slice(0, 150), role: 'Coordination', courriel: 'contact@exemple.org' }],
          ressources: [{ titre: title().slice(0, 150), url: url('guide') }],
          ...related,
          derniere_revue: common.date_maj,
        },
      };
    case 'studies':
      return {
        collection: c,
        body: body(1000 + Math.floor(rnd() * 1500)),
        data: {
          ...common,
          editeur: title().slice(0, 150),
          type: pick(['enquete', 'barometre', 'observatoire', 'evaluation', 'rapport', 'etude']),
          date_publication: date(2024),
          url: url('etude'),
          constats: Array.from({ length: 3 }, () => sentence()),
          maillons: some(MAILLONS, 1, 2),
          publics: some(PUBLICS, 0, 2),
          ...related,
        },
      };
    case 'funders':
      return {
        collection: c,
        body: '',
        data: {
          ...common,
          type: pick(['etat', 'collectivite', 'etablissement-public', 'fondation', 'fonds-europeen', 'entreprise']),
          site: url('financeur'),
          maillons: some(MAILLONS, 1, 3),
          appels: Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, k) => ({
            id: `appel-${k + 1}`,
            titre: title(),
            resume: resume(),
            ouverture: `2026-0${1 + k}-01`,
            cloture: `2026-0${2 + k}-15`,
            montant: 'Jusqu’à 30 000 €',
            eligibilite: sentence(),
            beneficiaires: some(STRUCTURES, 1, 3),
            territoires: some(TERRITOIRES, 1, 2),
            maillons: some(MAILLONS, 1, 2),
            url: url('appel'),
          })),
        },
      };
    case 'trainings':
      return {
        collection: c,
        body: '',
        data: {
          ...common,
          organisateur: title().slice(0, 150),
          format: pick(['presentiel', 'distanciel', 'mooc', 'hybride']),
          duree: '2 jours',
          gratuit: rnd() < 0.6,
          audience: some(['benevoles', 'salaries', 'personnes-concernees', 'elus-agents'], 1, 2),
          sessions: [
            { debut: '2026-09-10', fin: '2026-09-11', lieu: 'Montpellier' },
            { debut: '2026-11-05', fin: '2026-11-06', lieu: 'Lyon' },
          ],
          url: url('formation'),
          maillons: some(MAILLONS, 1, 2),
          publics: some(PUBLICS, 0, 2),
        },
      };
    case 'tools':
      return {
        collection: c,
        body: body(800 + Math.floor(rnd() * 1200)),
        data: {
          ...common,
          type: pick(['guide', 'modele', 'autodiagnostic', 'grille-evaluation', 'kit']),
          editeur: title().slice(0, 150),
          url: url('outil'),
          gratuit: true,
          maillons: some(MAILLONS, 1, 2),
          ...related,
        },
      };
    case 'events':
      return {
        collection: c,
        body: '',
        data: {
          ...common,
          type: pick(['webinaire', 'atelier', 'visite-apprenante', 'conference', 'rencontre']),
          debut: '2026-10-05T09:30:00+02:00',
          fin: '2026-10-05T12:30:00+02:00',
          lieu: 'Lodève',
          en_ligne: rnd() < 0.5,
          organisateur: title().slice(0, 150),
          url: url('agenda'),
          maillons: some(MAILLONS, 1, 2),
        },
      };
    case 'platforms':
      return {
        collection: c,
        body: '',
        data: {
          ...common,
          usage: sentence(12, 30),
          url: url('plateforme'),
          editeur: title().slice(0, 150),
          gratuit: true,
          maillons: some(MAILLONS, 1, 2),
          publics: some(PUBLICS, 0, 3),
        },
      };
    case 'news':
      return {
        collection: c,
        body: body(600 + Math.floor(rnd() * 1000)),
        data: {
          ...common,
          date: '2026-05-01',
          type: pick(['veille', 'revue-de-presse', 'lettre', 'annonce']),
          etiquettes: ['portail', 'veille'],
          maillons: some(MAILLONS, 1, 2),
          ...related,
        },
      };
    case 'actors':
      return {
        collection: c,
        body: '',
        data: {
          ...common,
          type_structure: pick(STRUCTURES),
          maillons: some(MAILLONS, 1, 3),
          actions: Array.from({ length: 2 }, () => sentence().slice(0, 190)),
          site: url('acteur'),
        },
      };
  }
}

/** Share of each collection in a realistic repository. */
const SHARE: Record<CollectionName, number> = {
  practices: 0.3,
  studies: 0.15,
  funders: 0.1,
  trainings: 0.1,
  tools: 0.1,
  events: 0.1,
  platforms: 0.05,
  news: 0.05,
  actors: 0.05,
};

function generateRepository(count: number): { root: string; bytes: number; sample: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `essaim-bench-${count}-`));
  fs.mkdirSync(path.join(root, 'content'));
  // The images that the bodies show (validation checks that they exist in static/).
  fs.mkdirSync(path.join(root, 'static/img'), { recursive: true });
  for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(root, `static/img/photo-${i}.jpg`), '');
  const refs: string[] = [];
  let bytes = 0;
  let made = 0;
  let sample = '';
  const collections = allCollections();
  collections.forEach((c, ci) => {
    const n = ci === collections.length - 1 ? count - made : Math.round(count * SHARE[c.name]);
    for (let i = 0; i < n; i++) {
      const id = `${c.name.slice(0, 4)}-${slug(title())}-${i}`.slice(0, 80).replace(/-+$/, '');
      const g = generate(c, id, refs);
      const file = entryPath(c, g.data);
      const text = serializeEntry(c, file, g.data, g.body);
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
      bytes += Buffer.byteLength(text);
      sample ||= file;
      if (refs.length < 2000) refs.push(`${c.name}/${id}`);
    }
    made += n;
  });
  return { root, bytes, sample };
}
function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 4)
    .join('-');
}

// ---------------------------------------------------------------------------------------------
// Running the measurements

function child(kind: 'baseline' | 'validate' | 'one', root: string, file?: string): Measure {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', kind, root, ...(file ? [file] : [])],
    { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`mesure ${kind} en échec :\n${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

/** The real command, run as the README says (`node cli/bin.mjs validate …`), in the generated repository. */
function cli(root: string, paths: string[]): Measure {
  const rssFile = path.join(root, '.rss');
  // A preload that only records the peak memory of the real command when it exits.
  const preload = `data:text/javascript,${encodeURIComponent(`import fs from 'node:fs'; process.on('exit', () => fs.writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`)}`;
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', preload, bin, 'validate', '--today', TODAY, '--format', 'json', ...paths],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const ms = performance.now() - start;
  if (r.status !== 0)
    throw new Error(`essaim validate en échec (code ${r.status}) :\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  const out = JSON.parse(r.stdout) as { fichiers: number; problemes: unknown[] };
  return {
    ms,
    maxRssKb: Number(fs.readFileSync(rssFile, 'utf8')),
    entries: out.fichiers,
    problems: out.problemes.length,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

type Kind = 'baseline' | 'validate' | 'cli' | 'one' | 'cliOne';
interface Row {
  entries: number;
  kind: Kind;
  ms: number;
  rssMb: number;
  runs: number[];
}

function main(): void {
  const sizes = arg('sizes', '2500').split(',').map(Number);
  const runs = Number(arg('runs', '3'));
  const keep = process.argv.includes('--keep');
  console.log(
    `Banc d’essai de essaim validate — Node ${process.version}, ${os.cpus().length} cœurs, ${runs} mesures par cas (médiane), charge moyenne ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  const rows: Row[] = [];
  for (const size of sizes) {
    const t0 = performance.now();
    const { root, bytes, sample } = generateRepository(size);
    console.log(
      `${size} entrées générées dans ${root} (${(bytes / 1024 / 1024).toFixed(1)} Mo) en ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    try {
      const results: Record<Kind, Measure[]> = { baseline: [], validate: [], cli: [], one: [], cliOne: [] };
      // Interleaved, so that a burst of load on the machine spreads over every kind.
      for (let i = 0; i < runs; i++) {
        results.baseline.push(child('baseline', root));
        results.validate.push(child('validate', root));
        results.cli.push(cli(root, []));
        results.one.push(child('one', root, sample));
        results.cliOne.push(cli(root, [sample]));
      }
      for (const [kind, ms] of Object.entries(results) as [Kind, Measure[]][]) {
        const expected = kind === 'one' || kind === 'cliOne' ? 1 : size;
        const bad = ms.find((m) => m.entries !== expected || m.problems !== 0);
        if (bad)
          throw new Error(
            `${kind} : ${bad.entries} entrées lues, ${bad.problems} problèmes (attendu : ${expected}, 0)`,
          );
        rows.push({
          entries: size,
          kind,
          ms: median(ms.map((m) => m.ms)),
          rssMb: median(ms.map((m) => m.maxRssKb)) / 1024,
          runs: ms.map((m) => Math.round(m.ms)),
        });
      }
    } finally {
      if (!keep) fs.rmSync(root, { recursive: true, force: true });
    }
  }

  const label: Record<Kind, string> = {
    baseline: '(a) lecture + analyse',
    validate: '(b) validateRepository',
    cli: '(c) node cli/bin.mjs validate',
    one: '(d) un fichier : validateRepository',
    cliOne: '(e) un fichier : node cli/bin.mjs validate <fichier>',
  };
  console.log('');
  console.log('| entrées | mesure | temps (médiane) | mesures | pic mémoire (RSS) | rapport à (a) |');
  console.log('|--:|---|--:|---|--:|--:|');
  for (const r of rows) {
    const base = rows.find((b) => b.entries === r.entries && b.kind === 'baseline')!;
    console.log(
      `| ${r.entries.toLocaleString('fr-FR')} | ${label[r.kind]} | ${(r.ms / 1000).toFixed(2)} s | ${r.runs.join(' / ')} ms | ${r.rssMb.toFixed(0)} Mo | ${(r.ms / base.ms).toFixed(2)} × |`,
    );
  }
  console.log(
    '\n(a), (b) et (d) : temps du travail dans un processus dédié (sous tsx), chargement des modules exclu ; (c) et (e) : durée totale du processus (démarrage de Node et chargement de la commande compris).',
  );

  const largest = Math.max(...sizes);
  const at = (kind: Kind): Row => rows.find((r) => r.entries === largest && r.kind === kind)!;
  const [b, v, c, one, cliOne] = [at('baseline'), at('validate'), at('cli'), at('one'), at('cliOne')];
  const goals: [string, boolean][] = [
    [
      `${largest.toLocaleString('fr-FR')} entrées validées en 3 s au plus : ${(v.ms / 1000).toFixed(2)} s (commande complète : ${(c.ms / 1000).toFixed(2)} s)`,
      v.ms <= 3000 && c.ms <= 3000,
    ],
    [`validation ≤ 1,5 × la lecture seule : ${(v.ms / b.ms).toFixed(2)} ×`, v.ms <= 1.5 * b.ms],
  ];
  console.log(
    `\nUn fichier : ${(cliOne.ms / 1000).toFixed(2)} s pour node cli/bin.mjs validate <fichier>, dont ${(one.ms / 1000).toFixed(2)} s de travail de la commande.`,
  );
  console.log('\nObjectifs :');
  for (const [text, ok] of goals) console.log(`  ${ok ? '✔' : '✖'} ${text}`);
  if (largest < 10_000)
    console.log('  (le premier objectif porte sur 10 000 entrées : relancez avec --sizes 2500,10000)');
}

main();
