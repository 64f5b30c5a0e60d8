/**
 * Every address of the starter content points to the resource itself, not to the home page of a
 * site (issue 16: « every URL points to the resource itself »). The only home pages allowed are the
 * fields whose meaning is the organisation's own site.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEntries, readEntry } from '../../src/content/load.js';
import { repo } from '../helpers/tree.js';

/** `<collection>.<field path>` whose value is, by definition, a site's home page. */
const SITE_FIELDS = new Set(['platforms.url', 'funders.site', 'actors.site', 'practices.porteur.site']);

function addresses(value: unknown, at: string, out: { field: string; url: string }[]): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/https?:\/\/[^\s)>\]"']+/g)) out.push({ field: at, url: m[0] });
  } else if (Array.isArray(value)) value.forEach((v) => addresses(v, at, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) addresses(v, at ? `${at}.${k}` : k, out);
}

describe('addresses of the starter content', () => {
  it('no entry links to a home page, except the fields that name an organisation’s own site', () => {
    const listing = listEntries(repo, [path.join(repo, 'content')]);
    const homePages: string[] = [];
    let checked = 0;
    for (const f of listing.files) {
      const entry = readEntry(repo, f);
      const found: { field: string; url: string }[] = [];
      addresses(entry.data, '', found);
      addresses(entry.body, 'corps', found);
      for (const { field, url } of found) {
        if (SITE_FIELDS.has(`${f.collection.name}.${field}`) || field === 'note_interne') continue;
        checked++;
        const u = new URL(url);
        if ((u.pathname === '/' || u.pathname === '') && !u.search) homePages.push(`${f.file} ${field} ${url}`);
      }
    }
    expect(listing.files.length).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(200);
    expect(homePages).toEqual([]);
  });
});
