/**
 * The newsletter: the semantic diff's words for calls (new call, postponed deadline), the
 * territory hierarchy in matching (and the subscribers' index agreeing with it), an HTML e-mail readable without CSS whose entry text cannot
 * become markup, and a news draft that `essaim validate` accepts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDigest,
  DigestIndex,
  matcherFor,
  type AlertCriteria,
  type Digest,
  type DigestItem,
} from '../../src/content/digest.js';
import { vocabularies } from '../../src/content/schemas.js';
import { newsDraft, renderLetter } from '../../src/mail/lettre.js';
import { runCli } from '../helpers/tree.js';
import { makeRepo } from '../server/helpers.js';

const FUNDER = 'content/funders/fondation-solidarite.yaml';
const HOSTILE = 'Appel </li><script>alert(1)</script> & « <b>gras</b> »';

function commitAt(dir: string, date: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
    GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
    GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
  };
  execFileSync('git', ['-C', dir, 'add', '-A'], { env });
  execFileSync('git', ['-C', dir, 'commit', '-q', '--allow-empty', '-m', date], { env });
}

/** The fixtures at 1 March, then on 3 March: the call's deadline postponed and a new call with a hostile title. */
function digestOfAWeek(): { repo: string; digest: Digest } {
  const repo = makeRepo();
  commitAt(repo, '2026-03-01');
  const funder = fs.readFileSync(path.join(repo, FUNDER), 'utf8');
  const newCall = [
    '  - id: nouvel-appel',
    `    titre: "${HOSTILE.replace(/"/g, '\\"')}"`,
    '    resume: Un second appel pour les épiceries solidaires de la région.',
    '    ouverture: 2026-03-01',
    '    cloture: 2026-03-20',
    '    url: https://fondation-solidarite.example.org/appels/nouvel-appel',
    '    territoires:',
    '      - dep-34',
  ].join('\n');
  fs.writeFileSync(
    path.join(repo, FUNDER),
    funder.replace('cloture: 2026-04-30', 'cloture: 2026-05-31').replace(/\ndate_maj:/, `\n${newCall}\ndate_maj:`),
  );
  commitAt(repo, '2026-03-03');
  return { repo, digest: buildDigest(repo, { since: '2026-03-02', until: '2026-03-08', days: 30 }) };
}

describe('lettre d’information', () => {
  const { repo, digest } = digestOfAWeek();

  it('dit « Nouvel appel à projets » et « Date limite reportée » avec les mots du diff sémantique', () => {
    const funder = digest.items.find((i) => i.section === 'nouveautes' && i.ref === 'funders/fondation-solidarite');
    expect(funder?.words).toBe('Nouvel appel à projets');
    expect(funder?.details.join('\n')).toMatchInlineSnapshot(`
      "Nouvel appel à projets : « Appel </li><script>alert(1)</script> & « <b>gras</b> » »
      Date limite reportée — Appel à projets « Mieux manger pour tous 2026 » : Date limite : 30/04/2026 → 31/05/2026"
    `);
    const closing = digest.items.filter((i) => i.section === 'appels').map((i) => i.title);
    expect(closing).toEqual([HOSTILE]);
  });

  it('apparie les territoires par la hiérarchie : un département trouve sa région et le national', () => {
    const call = digest.items.find((i) => i.section === 'appels')!; // dep-34
    const regional = { ...call, territoires: ['reg-76'] };
    const national = { ...call, territoires: ['national'] };
    const criteria = (t: string) => matcherFor({ territoires: [t], maillons: [], contenus: [] });
    expect(criteria('dep-34')(call)).toBe(true);
    expect(criteria('reg-76')(call)).toBe(true);
    expect(criteria('dep-34')(regional)).toBe(true);
    expect(criteria('dep-75')(regional)).toBe(false);
    expect(criteria('dep-75')(national)).toBe(true);
    expect(criteria('dep-75')(call)).toBe(false);
    expect(matcherFor({ territoires: [], maillons: [], contenus: ['events'] })(call)).toBe(false);
    expect(matcherFor({ territoires: [], maillons: [], contenus: ['appels'] })(call)).toBe(true);
  });

  it('un courriel HTML lisible sans CSS, où le texte des entrées ne devient jamais du balisage', () => {
    const { html, text, subject } = renderLetter(digest, 'https://portail.example.org');
    expect(subject).toBe('Lettre d’Essaim du 02/03/2026 au 08/03/2026');
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    // Structure by headings, lists and links alone: no style, no layout table, no image.
    expect(html).not.toMatch(/<style|style=|<table|<img|<script/i);
    expect(html.match(/<h2>[^<]+<\/h2>/g)).toEqual([
      '<h2>Nouveautés et mises à jour</h2>',
      '<h2>Appels à projets qui ferment bientôt</h2>',
    ]);
    expect(html).toContain('&lt;/li&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; « &lt;b&gt;gras&lt;/b&gt; »');
    expect(html).toContain('<a href="https://portail.example.org/financements/fondation-solidarite">');
    expect(text).toContain(`- ${HOSTILE} — Date limite : 20/03/2026`);
  });

  it('écrit un brouillon d’actualité que essaim validate accepte', async () => {
    const draft = newsDraft(digest);
    expect(draft.file).toBe('content/news/lettre-essaim-2026-03-08.md');
    fs.writeFileSync(path.join(repo, draft.file), draft.content);
    const r = await runCli(['validate', draft.file], repo);
    expect(r.stdout + r.stderr).not.toContain('erreur');
    expect(r.code).toBe(0);
    expect(draft.content).toContain('type: lettre');
    expect(draft.content).toContain('&lt;script&gt;');
    expect(draft.content).not.toContain('<script>');
  });

  it('l’index des critères donne exactement les éléments que l’appariement élément par élément retient', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const some = (xs: string[], max: number): string[] => [
      ...new Set(Array.from({ length: Math.floor(rnd() * (max + 1)) }, () => xs[Math.floor(rnd() * xs.length)]!)),
    ];
    const vocab = vocabularies();
    const territoires = Object.keys(vocab.territoire?.labels ?? {});
    const maillons = Object.keys(vocab.maillon?.labels ?? {});
    const kinds = ['practices', 'events', 'news', 'funders', 'appels'] as const;
    // More than 32 items (several words of bits), national ones and ones without territory among them.
    const items: DigestItem[] = Array.from({ length: 150 }, (_, i) => ({
      ...digest.items[0]!,
      kind: kinds[i % kinds.length]!,
      ref: `practices/element-${i}`,
      maillons: some(maillons, 2),
      territoires: i % 17 === 0 ? ['national'] : some(territoires, 2),
    }));
    const index = new DigestIndex(items);
    let nonEmpty = 0;
    for (let n = 0; n < 400; n++) {
      const criteria: AlertCriteria = {
        territoires: some(territoires, 2),
        maillons: some(maillons, 2),
        contenus: some([...kinds], 2),
      };
      const matches = matcherFor(criteria);
      const expected = items.flatMap((item, i) => (matches(item) ? [i] : []));
      expect(index.matching(criteria)).toEqual(expected);
      if (expected.length > 0 && expected.length < items.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });
});
