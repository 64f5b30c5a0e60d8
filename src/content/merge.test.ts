import { describe, expect, it } from 'vitest';
import { collections } from './collections.js';
import { mergeEntry } from './merge.js';

const funders = collections.get('funders')!;
const practices = collections.get('practices')!;
const original = { data: { titre: 'A', site: 'https://a.example.org', date_maj: '2026-01-01' }, body: '' };

describe('mergeEntry', () => {
  it('keeps both changes when they touch different fields', () => {
    const current = { data: { ...original.data, site: 'https://b.example.org', date_maj: '2026-02-01' }, body: '' };
    const ours = { data: { ...original.data, titre: 'B', date_maj: '2026-03-01' }, body: '' };
    expect(mergeEntry(funders, original, current, ours)).toEqual({
      ok: true,
      merged: { data: { titre: 'B', site: 'https://b.example.org', date_maj: '2026-03-01' }, body: '' },
    });
  });

  it('names, in French, the fields both sides changed differently', () => {
    const current = { data: { ...original.data, titre: 'C' }, body: '' };
    const ours = { data: { ...original.data, titre: 'B' }, body: '' };
    expect(mergeEntry(funders, original, current, ours)).toEqual({
      ok: false,
      conflicts: [{ champ: 'titre', label: 'Titre' }],
    });
  });

  it('accepts the same change made on both sides, and a field removed by one side', () => {
    const current = { data: { titre: 'B', date_maj: '2026-01-01' }, body: '' };
    const ours = { data: { ...original.data, titre: 'B' }, body: '' };
    expect(mergeEntry(funders, original, current, ours)).toEqual({
      ok: true,
      merged: { data: { titre: 'B', date_maj: '2026-01-01' }, body: '' },
    });
  });

  it('treats the body as one field', () => {
    const o = { data: { titre: 'A' }, body: '## Un\n' };
    expect(
      mergeEntry(practices, o, { data: { titre: 'A' }, body: '## Deux\n' }, { data: { titre: 'B' }, body: '## Un\n' }),
    ).toEqual({ ok: true, merged: { data: { titre: 'B' }, body: '## Deux\n' } });
    expect(
      mergeEntry(
        practices,
        o,
        { data: { titre: 'A' }, body: '## Deux\n' },
        { data: { titre: 'A' }, body: '## Trois\n' },
      ),
    ).toEqual({ ok: false, conflicts: [{ champ: 'texte', label: 'Texte' }] });
  });
});
