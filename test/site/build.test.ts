/**
 * The real portal, built once (test/site/build.ts): sheet pages, the cut edition, the maillon
 * pages, the news feeds, no private field anywhere, the DSFR served from the package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCollection } from '../../src/content/collections.js';
import { listEntries, readEntry } from '../../src/content/load.js';
import { isRead } from '../../src/content/validate.js';
import { listEditions, validateEdition } from '../../src/plugins/sheets/editions.js';
import { maillons } from '../../src/plugins/sheets/sidebar.js';
import { builtSite, repo } from './build.js';

let dir: string;
beforeAll(async () => {
  dir = await builtSite();
});

function entries(name: string) {
  const c = findCollection(name)!;
  return listEntries(repo, [c.folder])
    .files.map((f) => readEntry(repo, f))
    .filter(isRead);
}

function filesOf(root: string, out: string[] = []): string[] {
  for (const item of fs.readdirSync(root, { withFileTypes: true })) {
    const abs = path.join(root, item.name);
    if (item.isDirectory()) filesOf(abs, out);
    else out.push(abs);
  }
  return out;
}

const page = (route: string): string => path.join(dir, `${route}.html`);

describe('built portal', () => {
  it('publishes every practice sheet of content/ under /fiches/<id>, with its title', () => {
    const sheets = entries('practices');
    expect(sheets.length).toBeGreaterThan(0);
    for (const s of sheets) {
      const html = fs.readFileSync(page(`fiches/${String(s.data.id)}`), 'utf8');
      expect(html).toContain(`<h1>${String(s.data.titre).replace(/’/g, '’')}</h1>`);
    }
  });

  it('publishes the cut edition under /fiches/<edition>/<id>', () => {
    const editions = listEditions(repo);
    expect(editions).toContain('2026');
    for (const name of editions) {
      const { entries: snapshot, problems } = validateEdition(repo, name);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(snapshot.length).toBeGreaterThan(0);
      for (const s of snapshot)
        expect(fs.existsSync(page(`fiches/${name}/${String(s.data?.id)}`)), `${name}/${String(s.data?.id)}`).toBe(true);
    }
  });

  it('has an index page for the sheets and one per maillon, in every edition', () => {
    for (const base of ['fiches', ...listEditions(repo).map((e) => `fiches/${e}`)]) {
      expect(fs.existsSync(page(base)), base).toBe(true);
      for (const m of maillons()) {
        const html = fs.readFileSync(page(`${base}/maillon/${m.id}`), 'utf8');
        expect(html).toContain(m.label.replace(/’/g, '’'));
      }
    }
  });

  it('publishes the news with RSS and Atom feeds listing every news entry', () => {
    const news = entries('news');
    const titles = news.map((n) => String(n.data.titre)).sort();
    const xml = new XMLParser();
    const rss = xml.parse(fs.readFileSync(path.join(dir, 'actualites/rss.xml'), 'utf8')) as {
      rss: { channel: { item: { title: string }[] | { title: string } } };
    };
    const atom = xml.parse(fs.readFileSync(path.join(dir, 'actualites/atom.xml'), 'utf8')) as {
      feed: { entry: { title: string }[] | { title: string } };
    };
    const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
    expect(
      list(rss.rss.channel.item)
        .map((i) => i.title)
        .sort(),
    ).toEqual(titles);
    expect(
      list(atom.feed.entry)
        .map((i) => i.title)
        .sort(),
    ).toEqual(titles);
    for (const n of news) expect(fs.existsSync(page(`actualites/${String(n.data.id)}`))).toBe(true);
  });

  it('never publishes a non-public field (note_interne) anywhere in the build', () => {
    const secrets: string[] = [];
    for (const f of listEntries(repo).files) {
      const e = readEntry(repo, f);
      if (isRead(e) && typeof e.data.note_interne === 'string') secrets.push(e.data.note_interne.slice(0, 40));
    }
    expect(secrets.length).toBeGreaterThan(0);
    for (const f of filesOf(dir).filter((file) => /\.(html|js|json|xml|csv|ics|txt)$/.test(file))) {
      const text = fs.readFileSync(f, 'utf8');
      // The field's name may appear in the schemas shipped with the web form; never in published pages or data.
      if (!f.endsWith('.js')) expect(text.includes('note_interne'), f).toBe(false);
      for (const s of secrets) expect(text.includes(s), `${s} dans ${f}`).toBe(false);
    }
  });

  it('is in French, with the DSFR and its Marianne fonts served from the site itself (no CDN, no DSFR JS)', () => {
    const home = fs.readFileSync(page('index'), 'utf8');
    expect(home).toMatch(/<html lang="?fr-FR/);
    expect(home).toContain('République');
    const assets = filesOf(dir);
    expect(
      assets.some((f) => /Marianne-Regular\.[0-9a-f]+\.woff2$|Marianne-Regular.*\.woff2$/.test(path.basename(f))),
    ).toBe(true);
    const css = assets
      .filter((f) => f.endsWith('.css'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(css).toContain('.fr-header');
    expect(css).not.toMatch(/url\(["']?https?:/);
    for (const f of assets.filter((a) => a.endsWith('.html'))) {
      const html = fs.readFileSync(f, 'utf8');
      expect(html).not.toMatch(/<script[^>]+src="?https?:/);
      expect(html).not.toMatch(/<link[^>]+rel="?(stylesheet|preload|modulepreload)[^>]+href="?https?:/);
    }
    const js = assets
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(js).not.toContain('window.dsfr');
  });
});
