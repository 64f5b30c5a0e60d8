/** `essaim validate`, run as a real process in a temporary copy of test/fixtures/. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { edit, emptyDir, fixture, makeTree, runCli, TODAY } from '../helpers/tree.js';

const NEWS = 'content/news/lancement-portail.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
/** A valid tree with two broken entries: three problems in all. */
function brokenTree(): string {
  return makeTree('valide', {
    [NEWS]: edit(
      edit(fixture('valide', NEWS), 'type: annonce', 'type: annonces'),
      'Le portail rassemble',
      '[Cliquez](javascript:alert(1)). Le portail rassemble',
    ),
    [FUNDER]: edit(fixture('valide', FUNDER), 'site: https://', 'site: http://'),
  });
}

describe('essaim validate', () => {
  it('exits 0 with a one-line summary on a valid repository', async () => {
    const r = await runCli(['validate', '--today', TODAY], makeTree('valide'));
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "✔ 9 fichiers vérifiés, aucun problème.
      ",
      }
    `);
  });

  it('compiles the schemas once: the next runs read the validators kept in the cache, with the same results', async () => {
    const cache = emptyDir();
    const tree = brokenTree();
    const first = await runCli(['validate', '--today', TODAY], tree, { ESSAIM_CACHE_DIR: cache });
    const kept = fs.readdirSync(cache);
    expect(kept).toEqual([expect.stringMatching(/^validateurs-[0-9a-f]{16}\.cjs$/)]);
    const second = await runCli(['validate', '--today', TODAY], tree, { ESSAIM_CACHE_DIR: cache });
    expect(second).toEqual(first);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('schema  « Site » doit être une adresse commençant par https://.');
  });

  it('reports every problem at once, located, in French, and exits 1', async () => {
    const r = await runCli(['validate', '--today', TODAY], brokenTree());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchInlineSnapshot(`
      "content/funders/fondation-solidarite.yaml:6:7  schema  « Site » doit être une adresse commençant par https://.
          → Utilisez l’adresse sécurisée (https://) de la page.
      content/news/lancement-portail.md:6:7  schema  Valeur non reconnue pour « Type d’actualité ».
          → Valeurs possibles : veille, revue-de-presse, lettre, annonce.
      content/news/lancement-portail.md:18:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés.
          → Utilisez une adresse https:// ou un lien vers une page du portail.
      ✖ 3 problèmes dans 2 fichiers (9 vérifiés).
      "
    `);
  });

  it('reports every mistake of the invalid fixtures in one run', async () => {
    const r = await runCli(['validate', '--today', TODAY], makeTree('invalide'));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => /^content\/\S+:\d+:\d+ {2}[a-z-]+ {2}/.test(l))).toHaveLength(45);
    expect(r.stdout.split('\n').at(-2)).toMatchInlineSnapshot(`"✖ 45 problèmes dans 9 fichiers (9 vérifiés)."`);
  });

  it('prints JSON for tools', async () => {
    const r = await runCli(['validate', '--today', TODAY, '--format', 'json'], brokenTree());
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      fichiers: number;
      problemes: { file: string; line: number; col: number; rule: string }[];
    };
    expect(json.fichiers).toBe(9);
    expect(json.problemes.map((p) => `${p.file}:${p.line}:${p.col} ${p.rule}`)).toMatchInlineSnapshot(`
      [
        "content/funders/fondation-solidarite.yaml:6:7 schema",
        "content/news/lancement-portail.md:6:7 schema",
        "content/news/lancement-portail.md:18:1 lien-dangereux",
      ]
    `);
    expect(json.problemes[0]).toMatchInlineSnapshot(`
      {
        "col": 7,
        "file": "content/funders/fondation-solidarite.yaml",
        "hint": "Utilisez l’adresse sécurisée (https://) de la page.",
        "line": 6,
        "message": "« Site » doit être une adresse commençant par https://.",
        "path": [
          "site",
        ],
        "rule": "schema",
        "severity": "error",
      }
    `);
  });

  it('prints GitHub workflow annotations for CI', async () => {
    const r = await runCli(['validate', '--today', TODAY, '--format', 'github'], brokenTree());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchInlineSnapshot(`
      "::error file=content/funders/fondation-solidarite.yaml,line=6,col=7,title=schema::« Site » doit être une adresse commençant par https://.%0AUtilisez l’adresse sécurisée (https://) de la page.
      ::error file=content/news/lancement-portail.md,line=6,col=7,title=schema::Valeur non reconnue pour « Type d’actualité ».%0AValeurs possibles : veille, revue-de-presse, lettre, annonce.
      ::error file=content/news/lancement-portail.md,line=18,col=1,title=lien-dangereux::Les liens « javascript: » ne sont pas autorisés.%0AUtilisez une adresse https:// ou un lien vers une page du portail.
      "
    `);
  });

  it('prints nothing in GitHub format and an empty list in JSON when all is well', async () => {
    const root = makeTree('valide');
    expect(await runCli(['validate', '--today', TODAY, '--format', 'github'], root)).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const json = await runCli(['validate', '--today', TODAY, '--format', 'json'], root);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ fichiers: 9, problemes: [] });
  });

  it('validates only the given paths, relative to the current folder, still resolving references', async () => {
    const root = brokenTree();
    const one = await runCli(['validate', '--today', TODAY, 'content/funders'], root);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatchInlineSnapshot(`
      "content/funders/fondation-solidarite.yaml:6:7  schema  « Site » doit être une adresse commençant par https://.
          → Utilisez l’adresse sécurisée (https://) de la page.
      ✖ 1 problème dans 1 fichier (1 vérifié).
      "
    `);
    const fromSub = await runCli(['validate', '--today', TODAY, 'lancement-portail.md'], `${root}/content/news`);
    expect(fromSub.code).toBe(1);
    expect(fromSub.stdout).toContain('content/news/lancement-portail.md:18:');
    expect(fromSub.stdout).not.toContain('funders');
    const good = await runCli(['validate', '--today', TODAY, 'content/practices', 'content/studies'], root);
    expect(good).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "✔ 2 fichiers vérifiés, aucun problème.
      ",
      }
    `);
  });

  it('takes the real date without --today', async () => {
    const root = makeTree('valide', { [NEWS]: edit(fixture('valide', NEWS), /date_maj: .*/, 'date_maj: 2999-01-01') });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('date-future');
  });

  it('refuses an unknown format with exit 2 and a French message, before reading anything', async () => {
    const r = await runCli(['validate', '--format', 'xml'], makeTree('valide'));
    expect(r).toMatchInlineSnapshot(`
      {
        "code": 2,
        "stderr": "Erreur : Format inconnu « xml » : choisissez parmi text, json, github.
      ",
        "stdout": "",
      }
    `);
  });

  it('exits 2 outside a repository, and on an unknown option', async () => {
    const outside = await runCli(['validate'], emptyDir());
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatchInlineSnapshot(`
      "Erreur : Aucun dossier content/ trouvé : lancez la commande depuis un dépôt Essaim.
      "
    `);
    const option = await runCli(['validate', '--formt', 'json'], makeTree('valide'));
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--format');
  });
});
