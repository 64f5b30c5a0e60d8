import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { fixture } from '../../../test/helpers/tree.js';

const STUDY = 'content/studies/barometre-precarite-2025.md';
const study = fixture('valide', STUDY);
const withBody = (body: string): string => `${study.trimEnd()}\n\n${body}\n`;

describe('markdown-trop-imbrique', () => {
  it('accepts ordinary quotes and lists', () => {
    expect(checkEntry(STUDY, withBody('> citation\n>\n> > réponse\n\n- a\n  - b\n    1. c'))).toEqual([]);
  });

  it('reports a line nesting too many lists, at its line', () => {
    const lines = checkEntry(STUDY, withBody(`Texte.\n\n${'- '.repeat(5000)}x`));
    expect(lines.map((l) => l.replace(/:\d+:/, ':L:'))).toMatchInlineSnapshot(`
      [
        "content/studies/barometre-precarite-2025.md:L:1  markdown-trop-imbrique  Le texte imbrique trop de citations, de listes ou de retraits sur une même ligne (plus de 32 niveaux). → Réduisez l’imbrication des citations (>) et des listes, ou les espaces en début de ligne.",
      ]
    `);
    const bodyStart = study.trimEnd().split('\n').length + 2;
    expect(lines[0]).toContain(`:${bodyStart + 2}:1`);
  });
});
