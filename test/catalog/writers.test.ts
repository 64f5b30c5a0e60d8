import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toAtom, type AtomFeed } from '../../src/plugins/content/export/atom.js';
import { toRss } from '../../src/plugins/content/export/rss.js';
import { csvCell, toCsv } from '../../src/plugins/content/export/csv.js';
import { escapeText, foldLine, toIcs } from '../../src/plugins/content/export/ics.js';
import { parseCsv } from './csv-read.js';
import { checkIcs } from './ics-check.js';

describe('CSV', () => {
  it('met entre guillemets ce qui doit l’être et joint les listes par « ; »', () => {
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('il dit "oui"')).toBe('"il dit ""oui"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell(['reg-76', 'dep-34'])).toBe('"reg-76;dep-34"');
    expect(csvCell(true)).toBe('oui');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell([{ id: 'x' }])).toBe('"[{""id"":""x""}]"');
  });

  it('neutralise les textes qu’un tableur lirait comme une formule (apostrophe devant)', () => {
    expect(csvCell('=HYPERLINK("https://exemple.org";"clic")')).toBe(
      '"\'=HYPERLINK(""https://exemple.org"";""clic"")"',
    );
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe('"\'\r=1+1"');
    expect(csvCell(['=1+1', 'x'])).toBe('"\'=1+1;x"');
    // Only the start of a cell makes a formula; numbers stay numbers.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-3)).toBe('-3');
    expect(parseCsv(toCsv(['titre'], [{ titre: '=1+1' }, { titre: '-x' }]))).toEqual([['titre'], ["'=1+1"], ["'-x"]]);
  });

  it('écrit un en-tête, des lignes CRLF et un BOM UTF-8', () => {
    const text = toCsv(['id', 'titre'], [{ id: 'a', titre: 'Épicerie' }, { id: 'b' }]);
    expect(text).toBe('\uFEFFid,titre\r\na,Épicerie\r\nb,\r\n');
    expect(Buffer.from(text).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe('iCalendar', () => {
  it('échappe le texte et replie les lignes à 75 octets sans couper un caractère', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    // 2, 3 and 4 octets per character (a surrogate pair), at every offset of the 75-octet limit.
    for (const unit of ['é', '€', '🥕', 'a€🥕é']) {
      for (let pad = 0; pad < 4; pad++) {
        const long = `SUMMARY:${'x'.repeat(pad)}${unit.repeat(40)}`;
        const folded = foldLine(long);
        const lines = folded.split('\r\n');
        expect(lines.length).toBeGreaterThan(1);
        for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
        for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
        expect(folded.replace(/\r\n /g, '')).toBe(long);
        expect(folded).not.toContain('\ufffd');
        expect(Buffer.from(folded).toString()).toBe(folded);
      }
    }
    expect(foldLine('DTSTART;VALUE=DATE:20260510')).toBe('DTSTART;VALUE=DATE:20260510');
  });

  it('aucun texte ne peut ajouter une propriété ou un VEVENT', () => {
    const hostile = 'Titre\r\nEND:VEVENT\nBEGIN:VEVENT\rUID:faux\u000bX:1 ; a, b \\ c\u0000';
    const text = toIcs({
      name: hostile,
      description: hostile,
      stamp: new Date('2026-01-02T03:04:05Z'),
      events: [
        {
          uid: 'events-a@x\r\nX-FAUX:1',
          summary: hostile,
          start: '2026-05-10',
          description: hostile,
          location: hostile,
          url: 'https://example.org/a\nX-FAUX:2',
          categories: [hostile],
        },
      ],
    });
    const lines = checkIcs(text);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.map((l) => l.split(/[;:]/)[0])).toEqual([
      'BEGIN',
      'VERSION',
      'PRODID',
      'CALSCALE',
      'METHOD',
      'X-WR-CALNAME',
      'X-WR-CALDESC',
      'BEGIN',
      'UID',
      'DTSTAMP',
      'DTSTART',
      'DTEND',
      'SUMMARY',
      'DESCRIPTION',
      'LOCATION',
      'URL',
      'CATEGORIES',
      'END',
      'END',
    ]);
    expect(lines).toContain('SUMMARY:Titre\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:fauxX:1 \\; a\\, b \\\\ c');
    expect(lines).toContain('UID:events-a@xX-FAUX:1');
    expect(lines).toContain('URL:https://example.org/aX-FAUX:2');
  });

  it('produit un calendrier valide (journées entières et dates-heures)', () => {
    const text = toIcs({
      name: 'Agenda, test',
      stamp: new Date('2026-01-02T03:04:05Z'),
      events: [
        {
          uid: 'events-a@x',
          summary: 'Webinaire ; « accueil digne »',
          start: '2026-05-10T14:00:00+02:00',
          end: '2026-05-10T16:00:00+02:00',
          description: `Ligne 1\nLigne 2 ${'x'.repeat(120)}`,
          url: 'https://example.org/a',
        },
        {
          uid: 'events-b@x',
          summary: 'Visite',
          start: '2026-06-01',
          end: '2026-06-02',
          location: 'Montpellier, Hérault',
        },
      ],
    });
    const lines = checkIcs(text);
    expect(lines).toContain('DTSTAMP:20260102T030405Z');
    expect(lines).toContain('DTSTART:20260510T120000Z');
    expect(lines).toContain('DTEND:20260510T140000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260601');
    // The end of an all-day event is exclusive: the day after the last day.
    expect(lines).toContain('DTEND;VALUE=DATE:20260603');
    expect(lines).toContain('SUMMARY:Webinaire \\; « accueil digne »');
    expect(lines).toContain('LOCATION:Montpellier\\, Hérault');
  });
});

const FEED: AtomFeed = {
  id: 'https://example.org/flux.atom',
  title: 'Essaim & co',
  url: 'https://example.org/',
  self: 'https://example.org/flux.atom',
  author: 'Essaim',
  entries: [
    {
      id: 'tag:example.org,2026:studies/a',
      title: 'Étude <a>',
      url: 'https://example.org/etudes/a',
      updated: '2026-03-01',
      summary: 'Résumé "cité"',
      category: 'Études',
    },
    {
      id: 'tag:example.org,2026:tools/b',
      title: 'Outil',
      url: 'https://example.org/outils/b',
      updated: '2026-04-01',
      summary: 'Un outil',
    },
  ],
};

describe('Atom', () => {
  it('produit un flux Atom bien formé, échappé, avec les éléments obligatoires', () => {
    const xml = toAtom(FEED);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed: Record<'@_xmlns' | 'title' | 'updated', string> & {
        author: { name: string };
        entry: Record<string, unknown>[];
      };
    };
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.title).toBe('Essaim & co');
    expect(feed.updated).toBe('2026-04-01T00:00:00Z');
    expect(feed.author.name).toBe('Essaim');
    expect(feed.entry).toHaveLength(2);
    expect(feed.entry[0]!.title).toBe('Étude <a>');
    for (const e of feed.entry) for (const k of ['id', 'title', 'updated', 'link']) expect(e[k]).toBeDefined();
  });
});

describe('RSS', () => {
  it('produit le même flux en RSS 2.0, bien formé et échappé', () => {
    const xml = toRss({ ...FEED, subtitle: 'Les nouveautés <d’Essaim>' });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
    expect(XMLValidator.validate(xml)).toBe(true);
    const { rss } = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      rss: { '@_version': string; channel: Record<string, unknown> & { item: Record<string, unknown>[] } };
    };
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.title).toBe('Essaim & co');
    expect(rss.channel.description).toBe('Les nouveautés <d’Essaim>');
    expect(rss.channel.lastBuildDate).toBe('Wed, 01 Apr 2026 00:00:00 GMT');
    expect(rss.channel.item.map((i) => [i.title, i.link, i.pubDate])).toEqual([
      ['Étude <a>', 'https://example.org/etudes/a', 'Sun, 01 Mar 2026 00:00:00 GMT'],
      ['Outil', 'https://example.org/outils/b', 'Wed, 01 Apr 2026 00:00:00 GMT'],
    ]);
  });
});
