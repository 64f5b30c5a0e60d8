/** The `markdown.parseFrontMatter` hook: entries are read by the core, French fields mapped once. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryFrontMatterParser, locateEntry } from '../../src/plugins/sheets/frontMatter.js';
import { edit, fixture, makeTree } from '../helpers/tree.js';

const SHEET = 'content/practices/distribution/epicerie-solidaire-mobile.md';

type DefaultParser = () => Promise<{ frontMatter: Record<string, unknown>; content: string }>;

const noDefault: DefaultParser = async () => {
  throw new Error('le parseur par défaut ne doit pas être appelé pour une entrée');
};

function parse(root: string, rel: string, text: string, defaultParseFrontMatter: DefaultParser = noDefault) {
  return entryFrontMatterParser(root)({ filePath: path.join(root, rel), fileContent: text, defaultParseFrontMatter });
}

describe('parseFrontMatter (entries through the core)', () => {
  it('maps the French fields to Docusaurus keys, keeps them, and drops non-public fields', async () => {
    const root = makeTree('valide');
    const text = edit(
      fixture('valide', SHEET),
      'date_maj: 2026-01-10\n',
      'date_maj: 2026-01-10\nnote_interne: Ne pas publier ce nom\n',
    );
    const { frontMatter, content } = await parse(root, SHEET, text);
    expect(frontMatter).toMatchObject({
      id: 'epicerie-solidaire-mobile',
      title: 'Épicerie solidaire mobile en milieu rural',
      description: 'Un camion aménagé en épicerie solidaire sillonne les villages une fois par semaine.',
      slug: '/epicerie-solidaire-mobile',
      hide_title: true,
      titre: 'Épicerie solidaire mobile en milieu rural',
      maillons: ['distribution', 'reperage-orientation'],
      porteur: { nom: 'Association Les Paniers du Causse', type: 'association' },
    });
    expect(frontMatter).not.toHaveProperty('note_interne');
    expect(JSON.stringify(frontMatter)).not.toContain('Ne pas publier');
    expect(content.startsWith('\n## De quoi s’agit-il ?') || content.startsWith('## De quoi s’agit-il ?')).toBe(true);
    expect(content).not.toContain('titre:');
  });

  it('reads a sheet of a cut edition as a practice sheet', async () => {
    const root = makeTree('valide');
    const rel = 'practices_versioned_docs/version-2026/distribution/epicerie-solidaire-mobile.md';
    expect(locateEntry(root, path.join(root, rel))).toMatchObject({ file: rel, contentFile: SHEET });
    const { frontMatter } = await parse(root, rel, fixture('valide', SHEET));
    expect(frontMatter.slug).toBe('/epicerie-solidaire-mobile');
  });

  it('fails the build with the CLI’s own located French messages', async () => {
    const root = makeTree('valide');
    const text = edit(
      edit(fixture('valide', SHEET), 'stade: deploiement', 'stade: lancee'),
      'Un camion aménagé passe',
      '[Cliquez](javascript:alert(1)). Un camion aménagé passe',
    );
    await expect(parse(root, SHEET, text)).rejects.toThrowErrorMatchingInlineSnapshot(`
      [InvalidEntryError: Entrée invalide — corrigez ces problèmes (essaim validate les affiche aussi) :
      content/practices/distribution/epicerie-solidaire-mobile.md:12:8  schema  Valeur non reconnue pour « Stade ».
          → Valeurs possibles : experimentation, deploiement, essaimee.
      content/practices/distribution/epicerie-solidaire-mobile.md:44:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés.
          → Utilisez une adresse https:// ou un lien vers une page du portail.]
    `);
  });

  it('refuses JavaScript front matter in content/, without running it', async () => {
    const root = makeTree('valide');
    const text = '---js\n({ titre: globalThis.process.exit(3) })\n---\n\nTexte.\n';
    await expect(parse(root, SHEET, text)).rejects.toThrow(
      /front-matter {2}Le bloc d’en-tête « js » n’est pas accepté/,
    );
  });

  it('leaves the site’s own pages to Docusaurus’ parser', async () => {
    const root = makeTree('valide');
    const result = { frontMatter: { title: 'FAQ' }, content: '# FAQ' };
    const got = await parse(root, 'src/pages/faq.md', '---\ntitle: FAQ\n---\n# FAQ', async () => result);
    expect(got).toBe(result);
  });
});
