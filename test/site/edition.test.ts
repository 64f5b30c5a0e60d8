/** `essaim edition <nom>`: cut by Docusaurus (simulated here), then the snapshot checked by the core. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edition, runDocusaurusVersion, type CommandResult } from '../../cli/commands/edition.js';
import type { Io } from '../../cli/io.js';
import { UsageError } from '../../src/content/problems.js';
import { validateRepository } from '../../src/content/validate.js';
import { edit, fixture, makeTree, repo, TODAY, writeFile } from '../helpers/tree.js';

const SHEET = 'content/practices/distribution/epicerie-solidaire-mobile.md';

function io(cwd: string): Io & { text: () => string } {
  const lines: string[] = [];
  return {
    out: (t) => lines.push(t),
    err: (t) => lines.push(`[err] ${t}`),
    cwd,
    interactive: false,
    env: {},
    text: () => lines.join('\n'),
  };
}

/** What `docusaurus docs:version:practices <nom>` does: copy the sheets and record the version. */
function fakeCut(calls: string[], alter?: (dir: string) => void) {
  return (root: string, name: string): CommandResult => {
    calls.push(name);
    const dir = path.join(root, 'practices_versioned_docs', `version-${name}`);
    fs.cpSync(path.join(root, 'content/practices'), dir, { recursive: true });
    fs.writeFileSync(path.join(root, 'practices_versions.json'), JSON.stringify([name]));
    alter?.(dir);
    return { status: 0, output: '' };
  };
}

describe('essaim edition', () => {
  it('cuts the edition and checks every sheet of the snapshot', async () => {
    const root = makeTree('valide');
    const calls: string[] = [];
    const out = io(root);
    expect(await edition('2027', out, { cut: fakeCut(calls), today: TODAY })).toBe(0);
    expect(calls).toEqual(['2027']);
    expect(
      fs.existsSync(path.join(root, 'practices_versioned_docs/version-2027/distribution/epicerie-solidaire-mobile.md')),
    ).toBe(true);
    // The snapshot lives outside content/: `essaim validate` still sees only the sheet of content/.
    expect(
      validateRepository(root, undefined, { today: TODAY })
        .entries.filter((e) => e.collection.name === 'practices')
        .map((e) => e.file),
    ).toEqual([SHEET]);
    expect(out.text()).toMatchInlineSnapshot(`
      "✔ 1 fichier vérifié, aucun problème.
      Édition « 2027 » figée : 1 fiche dans practices_versioned_docs/version-2027/. Elle sera publiée sous /fiches/2027."
    `);
  });

  it('reports the snapshot’s problems like essaim validate, naming the snapshot’s files', async () => {
    const root = makeTree('valide');
    const out = io(root);
    const broken = fakeCut([], (dir) => {
      const file = path.join(dir, 'distribution/epicerie-solidaire-mobile.md');
      fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8'), 'stade: deploiement', 'stade: lancee'));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'brouillon');
    });
    expect(await edition('2027', out, { cut: broken, today: TODAY })).toBe(1);
    expect(out.text()).toMatchInlineSnapshot(`
      "practices_versioned_docs/version-2027/distribution/epicerie-solidaire-mobile.md:12:8  schema  Valeur non reconnue pour « Stade ».
          → Valeurs possibles : experimentation, deploiement, essaimee.
      practices_versioned_docs/version-2027/notes.txt:1:1  fichier-inattendu  Une édition ne contient que des fiches pratiques en Markdown (.md).
          → Retirez ce fichier du dossier practices_versioned_docs/version-2027/.
      ✖ 2 problèmes dans 2 fichiers (1 vérifié).
      L’édition « 2027 » a été créée dans practices_versioned_docs/version-2027/ mais contient des problèmes : corrigez-les avant de la publier."
    `);
  });

  it('does not cut an edition of sheets that have problems', async () => {
    const root = makeTree('valide', { [SHEET]: edit(fixture('valide', SHEET), 'stade: deploiement', 'stade: lancee') });
    const calls: string[] = [];
    const out = io(root);
    expect(await edition('2027', out, { cut: fakeCut(calls), today: TODAY })).toBe(1);
    expect(calls).toEqual([]);
    expect(fs.existsSync(path.join(root, 'practices_versioned_docs'))).toBe(false);
    expect(out.text()).toContain('corrigez-les avant de figer une édition');
  });

  it('refuses a bad or existing name (usage error), and reports Docusaurus’ failure', async () => {
    const root = makeTree('valide');
    await expect(
      edition('Édition 2027', io(root), { cut: fakeCut([]), today: TODAY }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[UsageError: Nom d’édition invalide « Édition 2027 » : utilisez des minuscules, des chiffres et des tirets, par exemple 2027.]`,
    );
    writeFile(root, 'practices_versions.json', '["2026"]');
    await expect(edition('2026', io(root), { cut: fakeCut([]), today: TODAY })).rejects.toBeInstanceOf(UsageError);
    const failing = (): CommandResult => ({ status: 1, output: '[ERROR] version 2027 already exists' });
    await expect(edition('2027', io(root), { cut: failing, today: TODAY })).rejects.toThrow(
      /La création de l’édition par Docusaurus a échoué :\n\[ERROR\] version 2027/,
    );
  });

  it('really runs docusaurus docs:version:practices in a copy of the site', async () => {
    const root = makeTree('valide');
    for (const f of ['docusaurus.config.ts', 'sidebars.practices.ts', 'package.json', 'tsconfig.json'])
      fs.copyFileSync(path.join(repo, f), path.join(root, f));
    for (const d of ['src', 'schemas', 'i18n']) fs.cpSync(path.join(repo, d), path.join(root, d), { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
    expect(await edition('2027', io(root), { cut: runDocusaurusVersion, today: TODAY })).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'practices_versions.json'), 'utf8'))).toEqual(['2027']);
    expect(
      fs.readFileSync(
        path.join(root, 'practices_versioned_docs/version-2027/distribution/epicerie-solidaire-mobile.md'),
        'utf8',
      ),
    ).toBe(fixture('valide', SHEET));
    expect(fs.existsSync(path.join(root, 'practices_versioned_sidebars/version-2027-sidebars.json'))).toBe(true);
  }, 180_000);
});
