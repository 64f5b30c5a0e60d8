import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collections } from '../../src/content/collections.js';
import { globalData } from '../../src/plugins/content/global-data.js';
import { loadEntries } from '../../src/plugins/content/load.js';
import {
  callsCatalogData,
  catalogData,
  catalogPageModule,
  entryFields,
  reviewView,
  sortCalls,
} from '../../src/plugins/content/views.js';
import { countFacets, emptyState } from '../../src/plugins/content/shared/facets.js';
import {
  CATALOG_PAGE,
  itemUrl,
  type CatalogData,
  type CatalogPageData,
} from '../../src/plugins/content/shared/model.js';
import { territoryParents } from '../../src/content/schemas.js';
import { repo } from '../helpers/tree.js';

const entries = loadEntries(path.join(repo, 'test/catalog/fixture-site'), { today: '2026-06-15' });
const funders = collections.get('funders')!;
const funder = entries.find((e) => e.collection === funders)!;

describe('pages et catalogues', () => {
  it('une page d’entrée montre les champs publics avec leurs libellés français, jamais la note interne', () => {
    const fields = entryFields(funders, { ...funder.data, note_interne: 'secret' }, {});
    expect(fields.map((f) => `${f.kind} ${f.label}`)).toMatchInlineSnapshot(`
      [
        "labels Type de financeur",
        "url Site",
        "labels Territoires",
        "labels Maillons",
        "items Appels à projets",
        "date Dernière mise à jour",
      ]
    `);
    expect(JSON.stringify(fields)).not.toContain('secret');
    const calls = fields.find((f) => f.kind === 'items');
    // The permanent call (first in the file) comes after the dated ones, with its badge instead of dates.
    expect(calls?.kind === 'items' && calls.value.map((c) => [c.anchor, c.status, c.window, c.recurrence])).toEqual([
      ['appel-mieux-manger-2026', 'call', ['2026-02-01', '2026-04-30'], undefined],
      ['appel-solidarite-hiver-2027', 'call', ['2026-09-01', '2027-01-31'], undefined],
      ['appel-fonds-permanent', 'call', undefined, 'permanent'],
    ]);
  });

  it('les lignes de catalogue portent les valeurs des facettes, sous des noms lisibles', () => {
    const data = catalogData(
      collections.get('studies')!,
      entries.filter((e) => e.collection.name === 'studies'),
    );
    expect(data.facets.map((f) => `${f.key}:${f.kind}`)).toEqual([
      'type:vocab',
      'maillons:vocab',
      'territoires:territory',
      'publics:vocab',
      'date_publication:date',
    ]);
    const herault = data.items.find((i) => i.id === 'etude-herault')!;
    // An entry's page is the catalog's route and its id: not repeated in every line.
    expect(herault).toEqual({
      id: 'etude-herault',
      title: 'Étude dans l’Hérault',
      summary: expect.any(String) as unknown,
      facets: { type: ['enquete'], maillons: ['distribution'], territoires: ['dep-34'] },
      date: '2025-03-01',
      extra: 'Observatoire de test',
      // Its last review (studies are re-read every 24 months: the catalog's `reviewMonths`).
      reviewed: '2026-01-15',
    });
    expect(data.reviewMonths).toBe(24);
    expect(data.dated).toBeUndefined();
    // The news show their publication date in their lines.
    const news = catalogData(
      collections.get('news')!,
      entries.filter((e) => e.collection.name === 'news'),
    );
    expect(news.dated).toBe(true);
    expect(news.items.map((i) => i.date)).toEqual(
      entries.filter((e) => e.collection.name === 'news').map((e) => e.data.date),
    );
    expect(itemUrl(data.route, herault)).toBe('/etudes/etude-herault');
    const calls = callsCatalogData(funders, [funder]);
    expect(calls.items.map((i) => [i.id, itemUrl(calls.route, i), i.facets.territoires, i.recurrence])).toEqual([
      [
        'fondation-solidarite/mieux-manger-2026',
        '/financements/fondation-solidarite#appel-mieux-manger-2026',
        ['reg-76'],
        undefined,
      ],
      [
        'fondation-solidarite/solidarite-hiver-2027',
        '/financements/fondation-solidarite#appel-solidarite-hiver-2027',
        ['national'],
        undefined,
      ],
      [
        'fondation-solidarite/fonds-permanent',
        '/financements/fondation-solidarite#appel-fonds-permanent',
        ['national'],
        'permanent',
      ],
    ]);
  });

  it('les appels datés viennent par date limite, puis les annuels à confirmer, puis les permanents', () => {
    const calls = [
      { id: 'permanent', recurrence: 'permanent' },
      { id: 'annuel', recurrence: 'annuel', calendrier: 'à confirmer' },
      { id: 'tard', ouverture: '2026-01-01', cloture: '2026-09-30' },
      // An annual call whose dates are known is a dated call.
      { id: 'annuel-date', recurrence: 'annuel', ouverture: '2026-01-01', cloture: '2026-03-31' },
    ];
    expect(sortCalls(calls, (c) => c).map((c) => c.id)).toEqual(['annuel-date', 'tard', 'annuel', 'permanent']);
  });

  it('un événement passé garde son replay (sinon son compte rendu) ; une étude, sa date de revue', () => {
    const events = collections.get('events')!;
    const agenda = catalogData(
      events,
      entries.filter((e) => e.collection === events),
    );
    expect(agenda.items.map((i) => [i.id, i.replay?.label])).toEqual([
      ['webinaire-aide-rurale-2025', 'Voir le replay'],
      ['visite-epicerie-mobile', undefined],
    ]);
    const studies = collections.get('studies')!;
    expect(reviewView(studies, { date_maj: '2026-01-15' })).toEqual({ review: { date: '2026-01-15', months: 24 } });
    expect(reviewView(events, { date_maj: '2026-01-15' })).toEqual({});
  });

  it('la page d’un catalogue reçoit ses premières lignes et ses comptes ; toutes les lignes sont dans un autre fichier', async () => {
    const base = callsCatalogData(funders, [funder]);
    // Enough lines for more than one screen.
    const many: CatalogData = {
      ...base,
      items: Array.from({ length: 70 }, (_, i) => ({ ...base.items[i % 2]!, id: `appel-${i}` })),
    };
    const module = catalogPageModule(
      many,
      '@site/.docusaurus/essaim-content/default/catalog-calls-items.json',
      '2026-03-01',
    );
    expect(module).toContain(
      'loadItems: () => import("@site/.docusaurus/essaim-content/default/catalog-calls-items.json")',
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-catalog-'));
    try {
      fs.writeFileSync(path.join(dir, 'page.mjs'), module);
      const page = ((await import(path.join(dir, 'page.mjs'))) as { default: CatalogPageData }).default;
      expect(page).not.toHaveProperty('items');
      expect(page.first).toEqual(many.items.slice(0, CATALOG_PAGE));
      expect(page.total).toBe(70);
      expect(page.counts).toEqual(
        countFacets(many.items, emptyState(), {
          facets: many.facets,
          parents: territoryParents(),
          status: 'call',
          now: null,
        }),
      );
      expect([page.counts.territoires?.national, page.counts.territoires?.['reg-76']]).toEqual([35, 70]);
      expect(page.windows).toEqual(many.items.map((i) => i.window));
      expect(typeof page.loadItems).toBe('function');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('les données globales restent petites : références utilisées, 6 dernières entrées, appels non clos à la construction', () => {
    const g = globalData(entries, '2026-06-15');
    expect(Object.keys(g.refs).sort()).toEqual(
      ['practices/epicerie-solidaire-mobile', 'studies/barometre-precarite-2025', 'tools/grille-autodiagnostic']
        .filter((r) => entries.some((e) => (e.data.ressources_liees as string[] | undefined)?.includes(r)))
        .sort(),
    );
    expect(g.latest).toHaveLength(6);
    expect(g.latest.map((l) => l.date_maj)).toEqual([...g.latest.map((l) => l.date_maj)].sort().reverse());
    expect(g.closingSoon.map((c) => c.cloture)).toEqual(['2027-01-31']);
    expect(g.territoryParents['dep-34']).toBe('reg-76');
    expect(g.vocabularies.maillon?.distribution).toBe('Distribution et accès à l’alimentation');
  });
});
