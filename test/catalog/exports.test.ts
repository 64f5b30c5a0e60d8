import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { allCollections } from '../../src/content/collections.js';
import { readSchema } from '../../src/content/schemas.js';
import { loadEntries } from '../../src/plugins/content/load.js';
import {
  atomFeed,
  BODY_COLUMN,
  callsIcs,
  collectionCsv,
  collectionDoc,
  collectionJson,
  eventsIcs,
} from '../../src/plugins/content/opendata.js';
import { edit, fixture, makeTree, TODAY } from '../helpers/tree.js';
import { parseCsv } from './csv-read.js';
import { checkIcs } from './ics-check.js';

const SECRET = 'Note confidentielle de l’équipe';

/** The valid fixture tree, with an internal note in an entry of every collection. */
function treeWithNotes(): string {
  const files: Record<string, string> = {};
  for (const rel of [
    'content/studies/barometre-precarite-2025.md',
    'content/tools/grille-autodiagnostic.md',
    'content/practices/distribution/epicerie-solidaire-mobile.md',
    'content/news/lancement-portail.md',
  ]) {
    files[rel] = edit(fixture('valide', rel), /\ndate_maj:/, `\nnote_interne: ${SECRET}\ndate_maj:`);
  }
  for (const rel of [
    'content/funders/fondation-solidarite.yaml',
    'content/trainings/accueil-digne.yaml',
    'content/events/visite-epicerie-mobile.yaml',
    'content/platforms/soliguide.yaml',
    'content/actors/epicerie-solidaire-du-lez.yaml',
  ]) {
    files[rel] = `${fixture('valide', rel)}note_interne: ${SECRET}\n`;
  }
  return makeTree('valide', files);
}

describe('données ouvertes', () => {
  const root = treeWithNotes();
  const entries = loadEntries(root, { today: TODAY });

  it('chaque collection du dépôt d’essai a une note interne', () => {
    for (const c of allCollections())
      expect(
        entries.some((e) => e.collection === c && e.data.note_interne === SECRET),
        c.name,
      ).toBe(true);
  });

  for (const c of allCollections()) {
    it(`${c.name} : JSON et CSV contiennent chaque entrée et aucun champ non public`, () => {
      const list = entries.filter((e) => e.collection === c);
      const props = readSchema(c.schema).properties ?? {};
      const allowed = new Set([
        ...Object.keys(props).filter((k) => props[k]?.['x-public'] === true),
        ...(c.format === 'md' ? [BODY_COLUMN] : []),
      ]);
      const json = JSON.parse(collectionJson(c, list)) as Record<string, unknown>[];
      expect(json.map((r) => r.id).sort()).toEqual(list.map((e) => e.id).sort());
      for (const row of json) for (const k of Object.keys(row)) expect(allowed.has(k), `${c.name}.${k}`).toBe(true);
      const csv = collectionCsv(c, list);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(csv);
      for (const k of header!) expect(allowed.has(k), `${c.name}.${k}`).toBe(true);
      expect(header).toContain('titre');
      expect(rows.map((r) => r[header!.indexOf('id')]).sort()).toEqual(list.map((e) => e.id).sort());
      expect(csv.includes(SECRET) || JSON.stringify(json).includes(SECRET)).toBe(false);
    });
  }

  it('la documentation des champs donne chaque valeur possible avec son libellé', () => {
    const practices = allCollections().find((c) => c.name === 'practices')!;
    const maillons = collectionDoc(practices, 1).fields.find((f) => f.name === 'maillons');
    expect(maillons?.values).toContainEqual({ value: 'distribution', label: 'Distribution et accès à l’alimentation' });
  });

  it('le flux Atom est bien formé et liste les entrées', () => {
    const xml = atomFeed(entries, { root: 'https://essaim.example.org/', title: 'Essaim', host: 'essaim.example.org' });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: { entry: unknown[] } };
    expect(feed.entry).toHaveLength(entries.length);
    expect(xml.includes(SECRET)).toBe(false);
  });

  it('les calendriers de l’agenda et des appels sont valides', () => {
    const site = { root: 'https://essaim.example.org/', title: 'Essaim', host: 'essaim.example.org' };
    const stamp = new Date('2026-06-15T08:00:00Z');
    const agenda = checkIcs(
      eventsIcs(
        entries.filter((e) => e.collection.name === 'events'),
        site,
        stamp,
      ),
    );
    expect(agenda.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    const calls = checkIcs(
      callsIcs(
        entries.filter((e) => e.collection.name === 'funders'),
        site,
        stamp,
      ),
    );
    expect(calls).toContain('DTSTART;VALUE=DATE:20260430');
    expect(calls).toContain('UID:funders-fondation-solidarite-mieux-manger-2026@essaim.example.org');
  });
});

describe('chargement', () => {
  it('une entrée invalide fait échouer le chargement avec le texte exact de `essaim validate`', async () => {
    const root = makeTree('valide', {
      'content/studies/barometre-precarite-2025.md': edit(
        fixture('valide', 'content/studies/barometre-precarite-2025.md'),
        /\ntype: \S+/,
        '\ntype: inconnu',
      ),
    });
    const { execFileSync } = await import('node:child_process');
    const { bin } = await import('../helpers/tree.js');
    let cli = '';
    try {
      execFileSync(process.execPath, [bin, 'validate', '--today', TODAY], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      cli = (e as { stdout: string }).stdout;
    }
    expect(cli).toContain('content/studies/barometre-precarite-2025.md');
    expect(() => loadEntries(root, { today: TODAY })).toThrow(new Error(cli.trimEnd()));
  });
});
