/**
 * No field of an entry can run script in a reader's browser: the portal built with entries whose
 * titles and summaries carry HTML-, script- and attribute-breaking text (test/site/hostile-site),
 * every page opened in Chromium, then the feeds, calendars and CSV files read as their readers do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEntries, readEntry } from '../../src/content/load.js';
import { isRead } from '../../src/content/validate.js';
import { parseCsv } from '../catalog/csv-read.js';
import { checkIcs } from '../catalog/ics-check.js';
import { launchBrowser, type Browser } from './browser.js';
import { buildHostileSite } from './hostile-build.js';
import { serveStatic, type StaticServer } from './serve.js';

let siteDir: string;
let outDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ({ siteDir, outDir } = await buildHostileSite());
  server = await serveStatic(outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  // Set by beforeAll, unless it failed first.
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
});

function entries() {
  return listEntries(siteDir)
    .files.map((f) => readEntry(siteDir, f))
    .filter(isRead)
    .map((e) => ({ route: `${e.collection.route}/${String(e.data.id)}`, collection: e.collection.name, data: e.data }));
}

/** Site paths of every built HTML page (`/fiches/x` for fiches/x.html, `/` for index.html). */
function pages(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const r = `${rel}/${d.name}`;
    if (d.isDirectory()) return r === '/assets' ? [] : pages(dir, r);
    return d.name.endsWith('.html') ? [r.replace(/(\/index)?\.html$/, '') || '/'] : [];
  });
}

/** What a page exposes that could run script: inline handlers, `javascript:` URLs, injected scripts. */
function scanPage(): string[] {
  const found: string[] = [];
  const label = (el: Element): string => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`;
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? '';
      if (/^on/i.test(name)) found.push(`${label(el)} ${name}="${value}"`);
      // The URL parser drops control characters and spaces before the scheme.
      if (
        /^(href|src|action|formaction|xlink:href|data|poster|srcdoc)$/i.test(name) &&
        /^javascript:/i.test(value.replace(/[\u0000-\u0020]/g, ''))
      )
        found.push(`${label(el)} ${name}="${value}"`);
    }
  }
  for (const s of Array.from(document.scripts)) {
    const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
    // A data block must stay one JSON value; an inline script must be one the site wrote, not entry text.
    if (type === 'application/ld+json' || type === 'application/json') {
      try {
        JSON.parse(s.textContent);
      } catch {
        found.push(`${label(s)} ${type} illisible`);
      }
    } else if (!s.src && /alert\(/.test(s.textContent)) found.push(`${label(s)} script inséré : ${s.textContent}`);
  }
  return found;
}

describe('hostile entries in the built portal', () => {
  it('the fixture carries the strings that break out of HTML, attributes, scripts, CDATA and calendars', () => {
    const text = entries()
      .map((e) => `${String(e.data.titre)} ${String(e.data.resume)}`)
      .join('\n');
    for (const s of [
      '" onmouseover="',
      "' onfocus='",
      '&lt;script&gt;',
      '< img src=x onerror=',
      '< !--',
      ']]>',
      '\u2028',
      '{{',
      '${',
      'javascript:',
      '=HYPERLINK(',
      'BEGIN:VEVENT',
    ])
      expect(text, s).toContain(s);
  });

  it('no page opens a dialog, has an on* attribute, a javascript: URL or a broken data block', async () => {
    const list = pages(outDir);
    expect(list.length).toBeGreaterThan(30);
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${page.url()} : ${d.message()}`);
      void d.dismiss();
    });
    const problems: Record<string, string[]> = {};
    for (const p of list) {
      await page.goto(`${server.url}${p}`);
      await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated'), { message: p }).toBe('true');
      // Focus and hover every element: an injected handler would run now.
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          (el as Partial<HTMLElement>).focus?.();
        }
      });
      const found = await page.evaluate(scanPage);
      if (found.length > 0) problems[p] = found;
    }
    await page.close();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual({});
  }, 600_000);

  it('each entry page shows its title and summary as text, and its JSON-LD and head carry them intact', async () => {
    const page = await browser.context.newPage();
    const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
    for (const e of entries()) {
      const titre = String(e.data.titre);
      const resume = String(e.data.resume);
      await page.goto(`${server.url}${e.route}`);
      await expect
        .poll(() => page.locator('html').getAttribute('data-has-hydrated'), { message: e.route })
        .toBe('true');
      expect(oneLine(await page.locator('h1').first().innerText()), e.route).toBe(oneLine(titre));
      expect(oneLine(await page.title()), e.route).toContain(oneLine(titre));
      expect(await page.locator('meta[name="description"]').getAttribute('content'), e.route).toBe(resume);
      const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
      if (e.collection === 'practices' || e.collection === 'news') {
        expect(jsonLd.length, e.route).toBeGreaterThan(0);
        expect(jsonLd.map((t) => JSON.stringify(JSON.parse(t))).join(), e.route).toContain(
          JSON.stringify(titre).slice(1, -1),
        );
      }
    }
    await page.close();
  }, 300_000);

  it('an entry page opened with a malformed fragment (#%E0) shows its entry, without a script error', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const funder = entries().find((e) => e.collection === 'funders')!;
    for (const hash of ['#%E0', '#appel-appel-hostile']) {
      await page.goto(`${server.url}${funder.route}${hash}`);
      await expect.poll(() => page.locator('html').getAttribute('data-has-hydrated')).toBe('true');
      expect(await page.locator('h1').first().innerText()).toBe(String(funder.data.titre));
    }
    await page.close();
    expect(errors).toEqual([]);
  });

  it('the Atom and RSS feeds are well-formed XML that give back the exact titles', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const read = (rel: string): unknown => {
      const xml = fs.readFileSync(path.join(outDir, rel), 'utf8');
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
      expect(XMLValidator.validate(xml), rel).toBe(true);
      return parser.parse(xml);
    };
    const titles = (collections: (c: string) => boolean): string[] =>
      entries()
        .filter((e) => collections(e.collection))
        .map((e) => String(e.data.titre))
        .sort();
    const text = (v: unknown): string =>
      String(typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['#text'] : v);
    const atom = (read('actualites/atom.xml') as { feed: { entry: { title: unknown }[] } }).feed.entry;
    expect(atom.map((e) => text(e.title)).sort()).toEqual(titles((c) => c === 'news'));
    const rss = (read('actualites/rss.xml') as { rss: { channel: { item: { title: unknown }[] } } }).rss.channel.item;
    expect(rss.map((e) => text(e.title)).sort()).toEqual(titles((c) => c === 'news'));
    const portal = (read('flux/nouveautes.atom') as { feed: { entry: { title: unknown }[] } }).feed.entry;
    expect(portal.map((e) => text(e.title)).sort()).toEqual(titles(() => true));
  });

  it('the calendars hold one VEVENT per event or call, with only the properties the site writes', () => {
    const allowed = new Set([
      'BEGIN',
      'END',
      'VERSION',
      'PRODID',
      'CALSCALE',
      'METHOD',
      'X-WR-CALNAME',
      'X-WR-CALDESC',
      'UID',
      'DTSTAMP',
      'DTSTART',
      'DTEND',
      'SUMMARY',
      'DESCRIPTION',
      'LOCATION',
      'URL',
      'CATEGORIES',
    ]);
    for (const [rel, count] of [
      ['agenda.ics', 1],
      ['financements/appels.ics', 1],
    ] as const) {
      const lines = checkIcs(fs.readFileSync(path.join(outDir, rel), 'utf8'));
      expect(lines.filter((l) => l === 'BEGIN:VEVENT').length, rel).toBe(count);
      expect(lines.filter((l) => l === 'BEGIN:VCALENDAR').length, rel).toBe(1);
      for (const l of lines) expect(allowed.has(l.split(/[;:]/)[0]!), `${rel} : ${l}`).toBe(true);
    }
    const agenda = checkIcs(fs.readFileSync(path.join(outDir, 'agenda.ics'), 'utf8'));
    expect(agenda.find((l) => l.startsWith('SUMMARY:'))).toBe(
      'SUMMARY:Événement " onmouseover="alert(22)" \\; X-INJECT:1\\, BEGIN:VEVENT \\\\ ]]>',
    );
  });

  it('no cell of the CSV files starts a spreadsheet formula', () => {
    const dir = path.join(outDir, 'donnees');
    const cells = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .flatMap((f) => parseCsv(fs.readFileSync(path.join(dir, f), 'utf8')).flat());
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(formulas).toEqual([]);
    expect(cells.some((c) => c.includes("'=HYPERLINK("))).toBe(true);
  });
});
