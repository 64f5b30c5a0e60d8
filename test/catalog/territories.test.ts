/**
 * The territory pages and feeds, from the fixture site's entries: one page per région and
 * département, the same entries as the catalogs' territory filter, communes counted in their
 * département and région, national entries apart, feeds that include the national entries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allCollections, collections } from '../../src/content/collections.js';
import { territoryParents, vocabularies } from '../../src/content/schemas.js';
import { loadEntries } from '../../src/plugins/content/load.js';
import { filterItems, type FilterState } from '../../src/plugins/content/shared/facets.js';
import { itemUrl, type TerritoryLine, type TerritorySection } from '../../src/plugins/content/shared/model.js';
import { nationalLines, SECTION_LINES, territoryMatches } from '../../src/plugins/content/shared/territory.js';
import { expandTerritories } from '../../src/content/geography.js';
import { generate, write } from '../../bench/sites.js';
import {
  fitTransform,
  pagedTerritories,
  pathBounds,
  territoryFeeds,
  territoryIndex,
  territoryPages,
} from '../../src/plugins/content/territories.js';
import { callsCatalogData, catalogData, entryUrl, facetValues } from '../../src/plugins/content/views.js';
import { repo } from '../helpers/tree.js';

const TODAY = '2026-03-01';
const entries = loadEntries(path.join(repo, 'test/catalog/fixture-site'), { today: '2026-06-15' });
const { pages, national } = territoryPages(entries, TODAY);
const page = (code: string) => pages.find((p) => p.code === code)!;
/** The lines a page shows in a section: its own, or the national ones (shared by every page). */
const lines = (section: TerritorySection, which: 'local' | 'national'): TerritoryLine[] =>
  which === 'local' ? section.local : nationalLines(national[section.collection], section.nationalSkip);
const titles = (code: string, collection: string, which: 'local' | 'national'): string[] => {
  const section = page(code).sections.find((s) => s.collection === collection);
  return (section ? lines(section, which) : []).map((l) => l.title).sort((a, b) => a.localeCompare(b, 'fr'));
};
const SITE = { root: 'https://essaim.example.org/', title: 'Essaim', host: 'essaim.example.org' };

describe('pages des territoires', () => {
  it('chaque région et chaque département du vocabulaire a sa page', () => {
    const codes = Object.keys(vocabularies().territoire!.labels).filter((c) => c !== 'national');
    expect(codes).toHaveLength(18 + 101);
    expect(pages.map((p) => p.code).sort()).toEqual(codes.sort());
    expect(pagedTerritories()).toHaveLength(119);
  });

  it('une fiche étiquetée par sa commune paraît sur la page de son département et de sa région, pas ailleurs', () => {
    for (const code of ['dep-34', 'reg-76'])
      expect(titles(code, 'practices', 'local'), code).toContain('Caisse alimentaire commune de Montpellier');
    for (const code of ['dep-29', 'dep-30', 'reg-53'])
      expect(titles(code, 'practices', 'local'), code).not.toContain('Caisse alimentaire commune de Montpellier');
  });

  it('les fiches nationales sont à part ; un département montre aussi sa région', () => {
    expect(titles('dep-34', 'practices', 'local')).toMatchInlineSnapshot(`
      [
        "Alliance régionale contre la faim en Occitanie",
        "Caisse alimentaire commune de Montpellier",
        "Épicerie sociale et solidaire de quartier",
        "Épicerie solidaire mobile en milieu rural",
        "Plateforme logistique partagée",
      ]
    `);
    expect(titles('dep-34', 'practices', 'national')).toEqual(['Chèques d’alimentation durable']);
    expect(titles('dep-29', 'practices', 'local')).toEqual(['Paniers solidaires du Finistère']);
    expect(page('dep-34').parentLabel).toBe('Occitanie');
    expect(page('reg-53').children.map((d) => d.code)).toEqual(['dep-22', 'dep-29', 'dep-35', 'dep-56']);
  });

  it('chaque rubrique liste exactement ce que le filtre de territoire de son catalogue donne', () => {
    const parents = territoryParents();
    for (const code of ['dep-34', 'reg-76', 'dep-29', 'dep-75', 'reg-11', 'dep-971']) {
      for (const c of allCollections()) {
        if (c.name === 'funders' || c.name === 'events') continue; // dated: only what is not over
        const data = catalogData(
          c,
          entries.filter((e) => e.collection === c),
        );
        const state: FilterState = { q: '', values: { territoires: [code] } };
        const expected = filterItems(data.items, state, { facets: data.facets, parents, now: null })
          .map((i) => itemUrl(c.route, i))
          .sort();
        const section = page(code).sections.find((s) => s.collection === c.name)!;
        expect([...section.local, ...lines(section, 'national')].map((l) => l.url).sort(), `${code} ${c.name}`).toEqual(
          expected,
        );
        expect(section.catalog).toBe(`${c.route}?territoires=${code}`);
      }
      const calls = callsCatalogData(
        collections.get('funders')!,
        entries.filter((e) => e.collection.name === 'funders'),
      );
      // Calls not closed yet, and permanent calls (always open).
      const open = calls.items.filter((i) => (i.date ?? '') >= TODAY || i.recurrence === 'permanent');
      const expected = filterItems(
        open,
        { q: '', values: { territoires: [code] } },
        { facets: calls.facets, parents, now: null },
      ).map((i) => itemUrl(calls.route, i));
      const section = page(code).sections.find((s) => s.collection === 'funders')!;
      expect([...section.local, ...lines(section, 'national')].map((l) => l.url).sort(), code).toEqual(expected.sort());
    }
  });

  it('les lignes nationales partagées : les premières de chaque page, sans celles qui y sont locales', () => {
    // Many national entries per collection (generated), some also tagged with the Hérault: they
    // are its own there (listed as local) and national everywhere else.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-territoires-'));
    try {
      for (const e of generate(120, 700, 11)) write(dir, e.rel, e.text);
      const many = loadEntries(dir);
      let tagged = 0;
      for (const e of many) {
        const tags = e.data.territoires;
        if (e.collection.name !== 'funders' && Array.isArray(tags) && tags.includes('national') && tagged++ % 3 === 0)
          tags.push('dep-34');
      }
      const parents = territoryParents();
      const big = territoryPages(many, TODAY);
      const urls = new Map(many.map((e) => [entryUrl(e), expandTerritories(facetValues(e.data, 'territoires'))]));
      let checked = 0;
      for (const code of ['dep-34', 'reg-76', 'dep-29', 'reg-11']) {
        for (const section of big.pages.find((p) => p.code === code)!.sections) {
          if (section.collection === 'funders') continue;
          const shared = big.national[section.collection] ?? [];
          const shown = nationalLines(shared, section.nationalSkip);
          expect(shown.length, `${code} ${section.collection}`).toBe(Math.min(section.nationalCount, SECTION_LINES));
          for (const l of shown) {
            const tags = urls.get(l.url)!;
            expect(tags).toContain('national');
            expect(
              territoryMatches(
                tags.filter((t) => t !== 'national'),
                code,
                parents,
              ),
              l.url,
            ).toBe(false);
          }
          // In the shared order: each line of the shared list is shown or left out, none jumped.
          const skip = new Set(section.nationalSkip);
          let i = 0;
          for (const l of shared) {
            if (i === shown.length) break;
            if (l.url === shown[i]!.url) i++;
            else expect(skip.has(l.url), `${code} ${l.url}`).toBe(true);
          }
          expect(i).toBe(shown.length);
          if (section.nationalCount > SECTION_LINES) checked++;
        }
      }
      // The caps were reached: the test saw sections with more national entries than it shows.
      expect(checked).toBeGreaterThan(4);
      expect(big.pages.find((p) => p.code === 'dep-34')!.sections.some((s) => s.nationalSkip.length > 0)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('la carte : un lien par département (outre-mer compris), nom et nombre en titre, sous 150 Ko compressée', async () => {
    const { map, regions } = await territoryIndex(pages, '/');
    const links = [...map.matchAll(/<a href="\/territoires\/(dep-[0-9AB]+)" aria-label="([^"]+)"/g)];
    expect(links).toHaveLength(101);
    // Its own and its région's entries, calls and events, national ones aside.
    const herault = page('dep-34').sections.reduce((n, s) => n + s.local.length, 0);
    expect(herault).toBe(10);
    expect(links.find((l) => l[1] === 'dep-34')?.[2]).toBe(`Hérault (34) : ${herault} ressources`);
    for (const code of ['dep-971', 'dep-972', 'dep-973', 'dep-974', 'dep-976'])
      expect(links.some((l) => l[1] === code)).toBe(true);
    expect(gzipSync(map).length).toBeLessThan(150 * 1024);
    // The overseas départements are the world package's own boundaries, scaled into their insets.
    const world = (await import('@svg-maps/world')).default as unknown as { locations: { id: string; path: string }[] };
    for (const [code, id] of [
      ['dep-971', 'gp'],
      ['dep-972', 'mq'],
      ['dep-973', 'gf'],
      ['dep-974', 're'],
      ['dep-976', 'yt'],
    ]) {
      const link = new RegExp(`<a href="/territoires/${code}"[^>]*>(.*?)</a>`).exec(map)?.[1] ?? '';
      const d = world.locations.find((l) => l.id === id)!.path;
      expect(link, code).toContain(`d="${d}"`);
      expect(link, code).toMatch(/<path transform="translate\([^"]+\) scale\([^"]+\)"/);
    }
    expect(regions).toHaveLength(18);
    expect(regions.flatMap((r) => r.departements)).toHaveLength(101);
  });

  it('le flux Atom et l’agenda d’un territoire comprennent ses entrées et les nationales', () => {
    const feeds = territoryFeeds(entries, SITE, new Date('2026-03-01T00:00:00Z'), '2026-03-01');
    expect(feeds).toHaveLength(2 * 119);
    const atom = feeds.find((f) => f.path === '/flux/territoires/dep-34.atom')!.text;
    expect(atom).toContain('Caisse alimentaire commune de Montpellier');
    expect(atom).toContain('Chèques d’alimentation durable');
    expect(atom).not.toContain('Paniers solidaires du Finistère');
    const finistere = feeds.find((f) => f.path === '/flux/territoires/dep-29.atom')!.text;
    expect(finistere).toContain('Paniers solidaires du Finistère');
    expect(finistere).not.toContain('Caisse alimentaire commune de Montpellier');
    const ics = feeds.find((f) => f.path === '/flux/territoires/dep-34.ics')!.text;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThan(0);
    // What is still to come only: after its deadline (2026-04-30), a call leaves the territory's calendar.
    const uid = 'UID:funders-fondation-solidarite-mieux-manger-2026@';
    expect(ics).toContain(uid);
    const later = territoryFeeds(entries, SITE, new Date('2026-05-01T00:00:00Z'), '2026-05-01');
    const icsLater = later.find((f) => f.path === '/flux/territoires/dep-34.ics')!.text;
    expect(icsLater).not.toContain(uid);
    expect(icsLater).toContain('UID:funders-fondation-solidarite-solidarite-hiver-2027@');
  });
});

describe('encarts de la carte', () => {
  it('la boîte englobante d’un tracé suit les commandes absolues et relatives, sous-tracés compris', () => {
    // Relative moveto after a close starts from the subpath's first point.
    expect(pathBounds('m 10,10 5,0 0,5 z m -2,-3 1,1 z')).toEqual({ minX: 8, minY: 7, maxX: 15, maxY: 15 });
    expect(pathBounds('M 1 2 L 4 -6 H 10 V 3 h -20 v 1 Z')).toEqual({ minX: -10, minY: -6, maxX: 10, maxY: 4 });
    expect(() => pathBounds('M 0 0 C 1 1 2 2 3 3')).toThrowErrorMatchingInlineSnapshot(
      `[Error: Commande de tracé SVG non prise en charge : C]`,
    );
  });

  it('la transformation place la forme au centre de sa boîte, proportions gardées', () => {
    // 20 × 10, into a box of 100 at (0, 0): scale 5, centred vertically.
    expect(fitTransform({ minX: 10, minY: 30, maxX: 30, maxY: 40 }, 0, 0, 100)).toBe(
      'translate(0 25) scale(5) translate(-10 -30)',
    );
  });
});
