import { createRequire } from 'node:module';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../test/helpers/check.js';
import { fixture } from '../../test/helpers/tree.js';
import { headingIds, markdownLimitExceeded, markdownNodes, parseMarkdown, schemeOf } from './markdown.js';
import { checkDataBounds } from './parse.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const practice = fixture('valide', PRACTICE);
const withBody = (body: string): string => `${practice.trimEnd()}\n\n${body}\n`;

describe('every body is parsed (no shortcut)', () => {
  it('refuses an image hidden behind a code span in the alternative text', () => {
    expect(checkEntry(PRACTICE, withBody('![`](/a)`](../../.git/config)'))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:52:1  image-hors-depot  L’image « ../../.git/config » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités). → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).",
      ]
    `);
  });

  it('reads schemes as a browser does', () => {
    expect(schemeOf('java&#115;cript:alert(1)')).toBe('javascript');
    expect(schemeOf(' JaVa\tScRiPt:x')).toBe('javascript');
    expect(schemeOf('/img/a.png')).toBeUndefined();
  });
});

describe('limits checked before parsing', () => {
  it('refuses 20,000 nested block quotes with a located error, without parsing', () => {
    const body = `Début.\n\n${'> '.repeat(20000)}x`;
    expect(markdownLimitExceeded(body)).toMatchObject({ line: 3, col: 1 });
    expect(parseMarkdown(body).children).toEqual([]);
    expect(checkEntry(PRACTICE, withBody(body))).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:54:1  markdown-trop-imbrique  Le texte imbrique trop de citations, de listes ou de retraits sur une même ligne (plus de 32 niveaux). → Réduisez l’imbrication des citations (>) et des listes, ou les espaces en début de ligne.",
      ]
    `);
  });

  it('refuses lists nested by markers or by indentation, and paragraphs full of emphasis delimiters', () => {
    expect(markdownLimitExceeded('- '.repeat(40) + 'x')?.line).toBe(1);
    expect(
      markdownLimitExceeded(Array.from({ length: 40 }, (_, i) => ' '.repeat(2 * i) + '- x').join('\n'))?.line,
    ).toBe(33);
    expect(markdownLimitExceeded('1. '.repeat(40) + 'x')?.line).toBe(1);
    expect(markdownLimitExceeded(`Titre\n\n${'*a '.repeat(600)}`)).toMatchInlineSnapshot(`
      {
        "col": 1,
        "hint": "Coupez le paragraphe, ou écrivez ces caractères dans un bloc de code (entre \`\`\`).",
        "line": 3,
        "message": "Ce paragraphe contient plus de 500 suites de « * », « _ » ou « ~ ».",
      }
    `);
  });

  it('accepts ordinary nesting, emphasis spread over paragraphs, and text like « < 5 ans »', () => {
    expect(
      markdownLimitExceeded('> > citation\n\n- a\n  - b\n    - c\n\n1. un\n2. deux\n\n*gras* _it_ ~x~ < 5 ans'),
    ).toBeUndefined();
    expect(markdownLimitExceeded(Array.from({ length: 300 }, () => '*a* _b_').join('\n\n'))).toBeUndefined();
  });
});

describe('checkDataBounds', () => {
  it('refuses data nested 100,000 levels, without recursion, at the path where the limit is crossed', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const problem = checkDataBounds({ titre: 'x', donnees: deep });
    expect(problem?.path.slice(0, 2)).toEqual(['donnees', 0]);
    expect(problem?.path).toHaveLength(24);
    expect(problem?.message).toMatchInlineSnapshot(`"Les données sont imbriquées sur plus de 24 niveaux."`);
    let objects: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) objects = { a: objects };
    expect(checkDataBounds(objects)?.path).toHaveLength(24);
  });

  it('refuses field names that reach a prototype and invisible control characters, at their field', () => {
    expect(checkDataBounds(JSON.parse('{"porteur": {"__proto__": {"x": 1}}}'))).toMatchInlineSnapshot(`
      {
        "hint": "Supprimez ce champ.",
        "message": "Le nom de champ « __proto__ » est interdit.",
        "path": [
          "porteur",
          "__proto__",
        ],
      }
    `);
    expect(checkDataBounds({ contacts: [{ nom: 'A\u0000' }] })).toMatchInlineSnapshot(`
      {
        "hint": "Retirez-les.",
        "message": "Le texte contient des caractères de contrôle invisibles (caractère nul…).",
        "path": [
          "contacts",
          0,
          "nom",
        ],
      }
    `);
    expect(checkDataBounds({ resume: 'Tabulation\tet\r\nretours' })).toBeUndefined();
  });

  it('refuses more than 1 MB of text, and accepts ordinary entries', () => {
    expect(checkDataBounds({ titre: 'x'.repeat(2 * 1024 * 1024) })?.message).toMatchInlineSnapshot(
      `"Les données dépassent 1 Mo."`,
    );
    expect(
      checkDataBounds({ titre: 'Épicerie', maillons: ['distribution'], porteur: { nom: 'Asso', type: 'association' } }),
    ).toBeUndefined();
  });
});

/** Docusaurus' own remark plugin that gives headings their anchors (a CommonJS module). */
const { default: docusaurusHeadings } = createRequire(import.meta.url)(
  '@docusaurus/mdx-loader/lib/remark/headings/index.js',
) as typeof import('@docusaurus/mdx-loader/lib/remark/headings/index.js');

describe('heading anchors', () => {
  // Headings whose anchors a hand-written slugger got wrong: repeats that meet another heading's
  // anchor, superscripts, an image's alternative text, a no-break space, raw HTML, emoji.
  const body = [
    'Étape 1',
    'Étape',
    'Étape',
    'x² et y₂',
    'Voir ![logo](/img/x.png) ici',
    'a\u00a0b',
    '🍎 Fruits & légumes',
    'Qui ? Quoi ! L’accès',
    'Le `code` et <b>gras</b>',
  ]
    .map((t) => `## ${t}`)
    .join('\n\n');

  it('are the ones Docusaurus gives (its own remark plugin on the same tree)', async () => {
    const ids = headingIds(parseMarkdown(body)).map((h) => h.id);
    expect(ids).toMatchInlineSnapshot(`
      [
        "étape-1",
        "étape",
        "étape-2",
        "x-et-y",
        "voir-logo-ici",
        "ab",
        "-fruits--légumes",
        "qui--quoi--laccès",
        "le-code-et-gras",
      ]
    `);
    const tree = parseMarkdown(body);
    await unified().use(docusaurusHeadings, { anchorsMaintainCase: false }).run(tree);
    const theirs = markdownNodes(tree).flatMap((n) => (n.type === 'heading' ? [n.data?.hProperties?.id] : []));
    expect(ids, 'Docusaurus ne fait plus les ancres des titres comme headingIds (src/content/markdown.ts)').toEqual(
      theirs,
    );
  });
});
