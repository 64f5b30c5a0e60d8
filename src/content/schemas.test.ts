/**
 * The validators kept in the cache are ajv's code rewritten to run faster (enums as Sets, string
 * lengths counted only when the length in UTF-16 units does not settle the check, and without a
 * loop when no surrogate is present, plain addresses and dates accepted without ajv-formats): they
 * must answer exactly as ajv's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from './collections.js';
import { listEntries, readEntry } from './load.js';
import { repoRoot } from './paths.js';
import { compiledValidators, validatorFor, validatorsCacheFile } from './schemas.js';

type Data = Record<string, unknown>;

/** Every entry that can be read in the fixtures and in the repository's own content. */
function samples(): { schema: string; collection: Collection; data: Data }[] {
  const roots = ['test/fixtures/valide', 'test/fixtures/invalide', 'test/fixtures/desordre', '.'].map((r) => path.join(repoRoot, r));
  const out = [];
  for (const root of roots) {
    for (const f of listEntries(root).files) {
      const e = readEntry(root, f);
      if (e.data) out.push({ schema: e.collection.schema, collection: e.collection, data: e.data });
    }
  }
  return out;
}

/** Variants that touch what the rewriting changes: territory codes, and lengths counted in characters. */
function variants(data: Data): Data[] {
  const smiley = '\u{1F600}';
  const texts = [smiley.repeat(100), smiley.repeat(161), '\uD800'.repeat(161), `a\uDC00${'é’'.repeat(90)}`, '', 'ab', 'x'.repeat(301)];
  // Around the limits (3 to 160 characters for a title, 20 to 300 for a summary, 80 at most for an
  // id), where a length in UTF-16 units and a count of characters differ.
  for (const n of [1, 2, 3, 10, 19, 20, 21, 40, 79, 80, 81, 159, 160, 161, 299, 300, 301]) {
    texts.push('x'.repeat(n), smiley.repeat(n), `${smiley.repeat(n - 1)}x`, `\uD800${'x'.repeat(n - 1)}`, `${smiley.repeat(Math.floor(n / 2))}${'x'.repeat(n - Math.floor(n / 2))}`);
  }
  const out: Data[] = [
    { ...data, territoires: ['dep-999'] },
    { ...data, territoires: ['national', 'reg-76', 'dep-34', 'Dep-34', 34, null] },
    { ...data, territoires: 'dep-34' },
  ];
  for (const t of texts) out.push({ ...data, titre: t, resume: t, id: t });
  // Addresses and dates, plain (taken without asking ajv-formats) or not.
  const urls = ['https://a', 'https://exemple.org', 'https://a.example.org/x/y-z_1.html~', 'HTTPS://A.ORG/X', 'https://a.org//', 'https:///x', 'https://', 'https://a.org/x y',
    'https://a.org/x?q=1#f', 'https://exa_mple.org/', 'https://a.org/%zz', 'https://a.org/%C3%A9', 'https://a.org/é', 'https://[::1]/x', 'https://a.org:8080/x', 'https://u@a.org/',
    'http://a.org/', 'https:a.org', 'https://a.org/x\n', 'https://a.org\u212A/', 'ftp://a.org/x', 'a.org', '//a.org/x', ''];
  const dates = ['2026-01-01', '2026-12-28', '2026-02-28', '2026-02-29', '2024-02-29', '1900-02-29', '2000-02-29', '2026-04-30', '2026-04-31', '2026-01-31', '2026-13-01',
    '2026-00-10', '2026-01-00', '2026-1-01', '20260-01-01', '2026-01-01\n', ' 2026-01-01', '2026-01-01T10:00:00Z', '２０２６-01-01', '2026-01-2８', ''];
  for (const u of urls) out.push({ ...data, url: u, site: u });
  for (const d of dates) out.push({ ...data, date_maj: d, derniere_revue: d, date_publication: d });
  return out;
}

describe('the validators kept in the cache', () => {
  it('give the same answer and the same errors as ajv’s own, on every entry and on variants', () => {
    const reference = compiledValidators();
    const all = samples();
    expect(all.length).toBeGreaterThan(60);
    let invalid = 0;
    for (const { schema, collection, data } of all) {
      for (const d of [data, ...variants(data)]) {
        const fast = validatorFor(collection);
        const slow = reference.get(schema)!;
        const ok = fast(structuredClone(d));
        expect(slow(structuredClone(d))).toBe(ok);
        expect(fast.errors ?? null).toEqual(slow.errors ?? null);
        if (!ok) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(all.length * 5);
    // The rewritten code was really the one compared (not ajv's, as in a read-only checkout).
    expect(fs.existsSync(validatorsCacheFile())).toBe(true);
  });
});
