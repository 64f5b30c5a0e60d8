import { describe, expect, it } from 'vitest';
import { allCollections } from '../../src/content/collections.js';
import {
  commitMessage,
  pullRequestBody,
  pullRequestLabels,
  pullRequestTitle,
  type ProposedEntry,
} from '../../src/github/pr-body.js';

const entry = (
  collection: ProposedEntry['collection'],
  kind: ProposedEntry['kind'],
  title = 'Titre',
): ProposedEntry => ({
  collection,
  kind,
  title,
  id: 'titre',
  file: `content/${collection}/titre.md`,
});

describe('pull-request wording', () => {
  it('agrees in gender and elides before a vowel, for every collection', () => {
    const lines = allCollections().flatMap((c) => [
      pullRequestTitle([entry(c.name, 'added')]),
      pullRequestTitle([entry(c.name, 'changed')]),
      commitMessage([entry(c.name, 'added')]),
    ]);
    expect(lines).toMatchInlineSnapshot(`
      [
        "Nouvelle fiche pratique : « Titre »",
        "Mise à jour de la fiche pratique « Titre »",
        "Ajoute la fiche pratique « Titre »",
        "Nouvelle étude : « Titre »",
        "Mise à jour de l’étude « Titre »",
        "Ajoute l’étude « Titre »",
        "Nouveau financeur : « Titre »",
        "Mise à jour du financeur « Titre »",
        "Ajoute le financeur « Titre »",
        "Nouvelle formation : « Titre »",
        "Mise à jour de la formation « Titre »",
        "Ajoute la formation « Titre »",
        "Nouvel outil : « Titre »",
        "Mise à jour de l’outil « Titre »",
        "Ajoute l’outil « Titre »",
        "Nouvel événement : « Titre »",
        "Mise à jour de l’événement « Titre »",
        "Ajoute l’événement « Titre »",
        "Nouvelle plateforme : « Titre »",
        "Mise à jour de la plateforme « Titre »",
        "Ajoute la plateforme « Titre »",
        "Nouvelle actualité : « Titre »",
        "Mise à jour de l’actualité « Titre »",
        "Ajoute l’actualité « Titre »",
        "Nouvel acteur : « Titre »",
        "Mise à jour de l’acteur « Titre »",
        "Ajoute l’acteur « Titre »",
      ]
    `);
  });

  it('summarises several entries in the title, the commit and the labels', () => {
    const entries = [
      entry('practices', 'added', 'Frigo partagé'),
      entry('practices', 'added', 'Jardin'),
      entry('funders', 'changed', 'Fondation'),
    ];
    expect(pullRequestTitle(entries)).toMatchInlineSnapshot(`"3 entrées : 2 nouvelles, 1 mise à jour"`);
    expect(commitMessage(entries)).toMatchInlineSnapshot(`
      "Propose 3 entrées (2 nouvelles, 1 mise à jour)

      - Ajoute la fiche pratique « Frigo partagé »
      - Ajoute la fiche pratique « Jardin »
      - Met à jour le financeur « Fondation »"
    `);
    expect(pullRequestLabels(entries)).toEqual(['fiches', 'financements', 'nouvelle-entrée', 'mise-à-jour']);
    expect(pullRequestLabels([entry('events', 'changed')])).toEqual(['agenda', 'mise-à-jour']);
  });

  it('escapes titles in the table of entries', () => {
    const body = pullRequestBody([entry('tools', 'added', 'Kit | <b>diagnostic</b>')], { diff: '' });
    expect(body).toContain(
      '| Outils méthodologiques | Kit \\| &lt;b&gt;diagnostic&lt;/b&gt;<br>`content/tools/titre.md` | ajoutée |',
    );
  });

  it('cuts a huge diff to stay within GitHub’s limit, keeping the checklist', () => {
    const diff = Array.from(
      { length: 5000 },
      (_, i) => `- **Champ ${i}** : une valeur assez longue pour remplir la description`,
    ).join('\n');
    const body = pullRequestBody([entry('practices', 'changed')], {
      diff,
      fullDiffHint: 'npm run essaim -- diff main',
    });
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toContain('… (description tronquée : lancez `npm run essaim -- diff main` pour la voir en entier)');
    expect(body).toContain('- [ ] **Clarté**');
    expect(body).toContain('- **Champ 0** :');
    expect(body).not.toContain('- **Champ 4999** :');
  });
});

describe('text GitHub would act on', () => {
  const hostile = entry(
    'studies',
    'added',
    'Fixes #1, closes essaim/essaim#2, Resolved https://github.com/o/r/issues/3 @equipe-editoriale',
  );

  it('never closes an issue nor mentions anyone from an entry title', () => {
    const texts = [
      pullRequestTitle([hostile]),
      commitMessage([hostile]),
      commitMessage([hostile, entry('tools', 'changed')]),
      pullRequestBody([hostile], { diff: 'Fix #4 par @quelqu-un' }),
    ];
    for (const text of texts) {
      // GitHub's closing keywords followed by a reference, and @mentions.
      expect(text).not.toMatch(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b/i);
      expect(text).not.toMatch(/#\d/);
      expect(text).not.toMatch(/(^|[^\w])@\w/);
    }
    expect(pullRequestTitle([hostile]).replace(/\u200b/g, '')).toMatchInlineSnapshot(
      `"Nouvelle étude : « Fixes #1, closes essaim/essaim#2, Resolved https://github.com/o/r/issues/3 @equipe-editoriale »"`,
    );
  });
});
