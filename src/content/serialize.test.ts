import { describe, expect, it } from 'vitest';
import { allCollections, collectionOfPath, findCollection } from './collections.js';
import { parseEntry } from './parse.js';
import { canonicalSource, entryPath, serializeEntry, slugify } from './serialize.js';
import { fixture } from '../../test/helpers/tree.js';

const FILES = [
  'content/practices/distribution/epicerie-solidaire-mobile.md',
  'content/studies/barometre-precarite-2025.md',
  'content/funders/fondation-solidarite.yaml',
  'content/trainings/accueil-digne.yaml',
  'content/tools/grille-autodiagnostic.md',
  'content/events/visite-epicerie-mobile.yaml',
  'content/platforms/soliguide.yaml',
  'content/news/lancement-portail.md',
];

function parse(file: string, text: string) {
  const entry = parseEntry(collectionOfPath(file)!, file, text);
  expect(entry.problems).toEqual([]);
  return entry;
}

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles the top-level fields of a YAML text (each with its indented lines) and sprinkles comments. */
function scramble(yaml: string, rnd: () => number): string {
  const blocks: string[][] = [];
  for (const line of yaml.split('\n')) {
    if (line === '') continue;
    if (/^\S/.test(line) && !line.startsWith('#')) blocks.push([line]);
    else if (blocks.length > 0) blocks[blocks.length - 1]!.push(line);
  }
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
  }
  return (
    blocks
      .map((b) => {
        const lines = [...b];
        if (rnd() < 0.4) lines.unshift(`# commentaire ${Math.floor(rnd() * 1000)}`);
        if (rnd() < 0.3 && lines.length === 1) lines[0] = `${lines[0]} # en fin de ligne`;
        // Inside a block, only before a list item or a sub-field (not inside a folded text).
        const spots = lines.map((l, i) => (i > 0 && /^\s+(- |[a-z_]+:)/.test(l) ? i : -1)).filter((i) => i > 0);
        if (rnd() < 0.3 && spots.length > 0)
          lines.splice(spots[Math.floor(rnd() * spots.length)]!, 0, `  # dans le bloc`);
        if (rnd() < 0.3 && lines.length > 1 && /^\s+- /.test(lines[lines.length - 1]!)) lines.push('  # fin du bloc');
        return lines.join('\n');
      })
      .join('\n') + '\n'
  );
}

function split(file: string, text: string): { yaml: string; rebuild: (yaml: string) => string } {
  if (file.endsWith('.yaml')) return { yaml: text, rebuild: (y) => y };
  const end = text.indexOf('\n---\n', 4);
  return { yaml: text.slice(4, end + 1), rebuild: (y) => `---\n${y}---\n${text.slice(end + 5)}` };
}

describe('canonical form', () => {
  it('leaves the canonical fixtures unchanged', () => {
    for (const file of FILES) {
      const text = fixture('valide', file);
      expect(canonicalSource(parse(file, text)), file).toBe(text);
    }
  });

  it('is stable: formatting a formatted entry changes nothing, and the data never changes (200 scrambled entries)', () => {
    const rnd = random(42);
    let commentsSeen = 0;
    for (let round = 0; round < 25; round++) {
      for (const file of FILES) {
        const { yaml, rebuild } = split(file, fixture('valide', file));
        const scrambled = rebuild(scramble(yaml, rnd));
        const original = parse(file, scrambled);
        const once = canonicalSource(original);
        const formatted = parse(file, once);
        expect(formatted.data, `${file}\n${scrambled}`).toEqual(original.data);
        expect(formatted.body.trim()).toBe(original.body.trim());
        expect(canonicalSource(formatted), `${file}\n${scrambled}`).toBe(once);
        for (const m of scrambled.matchAll(/# (commentaire \d+|en fin de ligne|dans le bloc|fin du bloc)/g)) {
          expect(once, `${file}: ${m[0]}`).toContain(m[0]);
          commentsSeen++;
        }
      }
    }
    expect(commentsSeen).toBeGreaterThan(100);
  });

  it('writes the schema line of YAML entries once, with the path from the entry to schemas/', () => {
    const c = findCollection('financeur')!;
    const data = { titre: 'Fondation', id: 'fondation', type: 'fondation' };
    const text = serializeEntry(c, 'content/funders/fondation.yaml', data);
    expect(text).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/funder.schema.json
      id: fondation
      titre: Fondation
      type: fondation
      "
    `);
    expect(canonicalSource(parse('content/funders/fondation.yaml', text))).toBe(text);
  });

  it('places practices in the folder of their first maillon', () => {
    const practices = allCollections().find((c) => c.name === 'practices')!;
    expect(entryPath(practices, { id: 'x', maillons: ['logistique', 'distribution'] })).toBe(
      'content/practices/logistique/x.md',
    );
    expect(entryPath(findCollection('outil')!, { id: 'x' })).toBe('content/tools/x.md');
  });

  it('builds no path that could leave content/<collection>/', () => {
    const practices = findCollection('fiche')!;
    for (const data of [
      { id: '../../../tmp/x' },
      { id: '/tmp/x' },
      { id: 'a/b' },
      { id: '..' },
      { id: '' },
      { id: 42 },
    ]) {
      expect(() => entryPath(practices, data), JSON.stringify(data)).toThrow(/refusé/);
    }
    // A maillon that is not a slug names no folder (validation reports the value).
    expect(entryPath(practices, { id: 'x', maillons: ['../..'] })).toBe('content/practices/x.md');
    expect(entryPath(practices, { id: 'x', maillons: ['a/../../b', 'distribution'] })).toBe('content/practices/x.md');
    expect(() => entryPath(practices, { id: '../x' })).toThrowErrorMatchingInlineSnapshot(
      `[Error: Identifiant refusé « ../x » : minuscules, chiffres et tirets seulement.]`,
    );
  });

  it('makes slugs without accents, ligatures or punctuation, cut on a word', () => {
    expect(slugify('Épicerie « Les Câlins » à Saint-Étienne : l’œuvre d’un été !')).toBe(
      'epicerie-les-calins-a-saint-etienne-l-oeuvre-d-un-ete',
    );
    expect(slugify('Ça')).toBe('ca');
    expect(slugify('!!!')).toBe('');
    const long = slugify('Une très longue expérimentation départementale de coopération alimentaire territoriale');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toBe('une-tres-longue-experimentation-departementale-de');
  });
});
