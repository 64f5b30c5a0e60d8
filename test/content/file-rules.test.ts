/**
 * Rules checked while reading files (no module of their own): encodage, taille-fichier,
 * front-matter, yaml, mdx-interdit, fichier-inattendu.
 */
import { describe, expect, it } from 'vitest';
import { fileRules } from '../../src/content/rules/index.js';
import { checkEntry, checkTree } from '../helpers/check.js';
import { edit, fixture } from '../helpers/tree.js';

const NEWS = 'content/news/lancement-portail.md';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const news = fixture('valide', NEWS);
const funder = fixture('valide', FUNDER);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('file rules', () => {
  it('every file rule id is covered below', () => {
    expect(Object.keys(fileRules)).toEqual([
      'encodage',
      'taille-fichier',
      'front-matter',
      'yaml',
      'mdx-interdit',
      'fichier-inattendu',
    ]);
  });

  describe('encodage', () => {
    it('accepts UTF-8, with or without a byte order mark, and CRLF line ends', () => {
      expect(checkEntry(NEWS, bytes([0xef, 0xbb, 0xbf], news))).toEqual([]);
      expect(checkEntry(FUNDER, bytes([0xef, 0xbb, 0xbf], funder))).toEqual([]);
      expect(checkEntry(NEWS, news.replace(/\n/g, '\r\n'))).toEqual([]);
    });

    it('reports invalid UTF-8 (Latin-1) at the first bad byte, and NUL characters', () => {
      expect(
        checkEntry(NEWS, bytes('---\nid: lancement-portail\ntitre: Le portail est ouvert, d', [0xe9], 'but\n---\n')),
      ).toMatchInlineSnapshot(`
        [
          "content/news/lancement-portail.md:3:32  encodage  Le fichier n’est pas du texte UTF-8 valide. → Enregistrez le fichier en UTF-8 (c’est le choix par défaut de la plupart des éditeurs).",
        ]
      `);
      expect(checkEntry(FUNDER, bytes('id: fondation-solidarite\ntitre: ab', [0], 'c\n'))).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:2:10  encodage  Le fichier contient des caractères nuls : ce n’est pas un fichier texte. → Remplacez-le par un fichier texte enregistré en UTF-8.",
        ]
      `);
    });
  });

  describe('taille-fichier', () => {
    it('accepts a file of just under 1 Mo', () => {
      const text = `${news.trimEnd()}\n\n${'Du texte. '.repeat(100_000)}\n`;
      expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
      expect(checkEntry(NEWS, text)).toEqual([]);
    });

    it('refuses a file over 1 Mo without reading it', () => {
      expect(checkEntry(NEWS, `${news}${'x'.repeat(1024 * 1024)}`)).toMatchInlineSnapshot(`
        [
          "content/news/lancement-portail.md:1:1  taille-fichier  Le fichier pèse 1,01 Mo ; la limite est de 1 Mo. → Raccourcissez le texte ou publiez les documents longs ailleurs et mettez-en le lien.",
        ]
      `);
    });
  });

  describe('front-matter', () => {
    it('accepts a YAML front matter between two --- lines, followed or not by text', () => {
      expect(checkEntry(NEWS, news)).toEqual([]);
      expect(checkEntry(NEWS, news.slice(0, news.lastIndexOf('---\n') + 4))).toEqual([]);
    });

    it('reports empty files, missing, unclosed, JavaScript and TOML front matter', () => {
      expect([
        ...checkEntry(NEWS, ''),
        ...checkEntry(NEWS, '\n  \n'),
        ...checkEntry(NEWS, 'Le portail est ouvert.\n'),
        ...checkEntry(NEWS, edit(news, /\n---\n/, '\n\n')),
        ...checkEntry(NEWS, edit(news, /^---\n/, '---js\n')),
        ...checkEntry(NEWS, '+++\ntitle = "x"\n+++\n'),
      ]).toMatchInlineSnapshot(`
        [
          "content/news/lancement-portail.md:1:1  front-matter  Le fichier est vide. → Commencez le fichier par un bloc d’en-tête \`---\` en YAML, puis le texte (voir \`essaim new\`).",
          "content/news/lancement-portail.md:1:1  front-matter  Le fichier est vide. → Commencez le fichier par un bloc d’en-tête \`---\` en YAML, puis le texte (voir \`essaim new\`).",
          "content/news/lancement-portail.md:1:1  front-matter  Le bloc d’en-tête est manquant : le fichier doit commencer par une ligne \`---\`. → Ajoutez en tête du fichier les champs en YAML, entre deux lignes \`---\`.",
          "content/news/lancement-portail.md:1:1  front-matter  Le bloc d’en-tête n’est pas fermé. → Ajoutez une ligne \`---\` après le dernier champ de l’en-tête.",
          "content/news/lancement-portail.md:1:1  front-matter  Le bloc d’en-tête « js » n’est pas accepté : seul le YAML l’est, et aucun code n’est exécuté. → Remplacez la première ligne par \`---\` et écrivez les champs en YAML.",
          "content/news/lancement-portail.md:1:1  front-matter  Le bloc d’en-tête TOML (\`+++\`) n’est pas accepté. → Écrivez l’en-tête en YAML entre deux lignes \`---\`.",
        ]
      `);
    });
  });

  describe('yaml', () => {
    it('reports a syntax error where it is, in the file’s lines', () => {
      expect(checkEntry(NEWS, edit(news, 'type: annonce', 'type: annonce: oups'))).toMatchInlineSnapshot(`
        [
          "content/news/lancement-portail.md:6:14  yaml  Un « : » suivi d’une espace, dans une valeur sans guillemets, se lit comme un nouveau champ. → Mettez la valeur entre guillemets droits ("…").",
        ]
      `);
      expect(checkEntry(FUNDER, edit(funder, '  - national', '\t- national'))).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:8:1  yaml  Une tabulation sert d’indentation : le YAML n’accepte que des espaces. → Remplacez les tabulations du début de ligne par des espaces.",
        ]
      `);
    });

    it('explains the usual slips in French, at the character that stops the reader', () => {
      expect([
        ...checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: @fondation')),
        ...checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: "fondation')),
        ...checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: [fondation')),
        ...checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: "C:\\dossier"')),
        ...checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: fondation\n---\nid: autre')),
        ...checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: !!python/object fondation')),
      ]).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:5:7  yaml  Une valeur ne peut pas commencer par « @ » sans guillemets. → Mettez la valeur entre guillemets droits ("…").",
          "content/funders/fondation-solidarite.yaml:5:7  yaml  Des guillemets ouverts ne sont pas fermés. → Ajoutez le guillemet fermant (") à la fin de la valeur.",
          "content/funders/fondation-solidarite.yaml:6:1  yaml  Une liste entre crochets n’est pas fermée, ou une virgule manque entre deux éléments. → Séparez les éléments par des virgules et fermez chaque « [ » par « ] ».",
          "content/funders/fondation-solidarite.yaml:5:11  yaml  Séquence d’échappement invalide entre guillemets. → Remplacez les barres obliques inverses (\\) par « / » ou doublez-les.",
          "content/funders/fondation-solidarite.yaml:6:1  yaml  Le fichier contient plusieurs documents YAML (séparés par ---). → Gardez une seule entrée par fichier.",
          "content/funders/fondation-solidarite.yaml:5:7  yaml  L’étiquette YAML « !!python/object » n’est pas acceptée : le contenu est fait de données, pas de code. → Supprimez l’étiquette et écrivez seulement la valeur.",
        ]
      `);
    });

    it('reports duplicate fields, aliases and reserved names', () => {
      expect(checkEntry(FUNDER, edit(funder, 'type: fondation', 'type: fondation\ntype: etat'))).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:6:1  yaml  Ce champ apparaît deux fois. → Gardez une seule occurrence du champ.",
        ]
      `);
      expect(
        checkEntry(
          FUNDER,
          edit(
            edit(funder, '  - national', '  - &t national'),
            /maillons:\n {2}- approvisionnement\n {2}- distribution/,
            'maillons: *t',
          ),
        ),
      ).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:8:5  yaml  Les ancres et alias YAML (\`&nom\`, \`*nom\`) ne sont pas acceptés. → Recopiez la valeur au lieu d’y faire référence.",
        ]
      `);
      expect(checkEntry(FUNDER, `${funder}__proto__:\n  admin: true\nconstructor: x\n`)).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:29:1  yaml  Le nom de champ « __proto__ » est interdit. → Supprimez ce champ.",
          "content/funders/fondation-solidarite.yaml:31:1  yaml  Le nom de champ « constructor » est interdit. → Supprimez ce champ.",
        ]
      `);
    });

    it('reports structures nested too deep', () => {
      expect(checkEntry(FUNDER, `${funder}note_interne: ${'['.repeat(30)}${']'.repeat(30)}\n`)).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:29:39  yaml  La structure YAML est trop profondément imbriquée. → Gardez au plus 24 niveaux d’imbrication.",
        ]
      `);
    });

    it('reports an empty YAML file and a YAML file that is not a set of fields', () => {
      expect([...checkEntry(FUNDER, ''), ...checkEntry(FUNDER, 'juste du texte\n')]).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-solidarite.yaml:1:1  yaml  Le fichier est vide. → Créez l’entrée avec \`essaim new\` pour partir d’un modèle.",
          "content/funders/fondation-solidarite.yaml:1:1  yaml  L’en-tête doit être une liste de champs \`nom: valeur\`. → Partez du modèle créé par \`essaim new\`.",
        ]
      `);
    });
  });

  describe('mdx-interdit and fichier-inattendu', () => {
    it('accept entries in their collection’s format, and ignore hidden files', () => {
      expect(checkTree('valide', { 'content/news/.gitkeep': '', 'content/.DS_Store': 'x' })).toEqual([]);
    });

    it('report .mdx files, files outside collections and files of the wrong format', () => {
      expect(
        checkTree('valide', {
          'content/news/annonce.mdx': `${news}\nimport X from './x';\n`,
          'content/practices/distribution/Fiche.MDX': news,
          'content/README.txt': 'Lisez-moi',
          'content/recettes/soupe.md': news,
          'content/funders/fondation-bis.yml': funder,
          'content/funders/fondation-ter.md': news,
          'content/studies/etude.yaml': funder,
        }),
      ).toMatchInlineSnapshot(`
        [
          "content/funders/fondation-bis.yml:1:1  fichier-inattendu  La collection « Financeurs et appels à projets » n’accepte que des fichiers .yaml. → Renommez le fichier en .yaml.",
          "content/funders/fondation-ter.md:1:1  fichier-inattendu  La collection « Financeurs et appels à projets » n’accepte que des fichiers .yaml. → Retirez ce fichier du dossier content/funders/.",
          "content/news/annonce.mdx:1:1  mdx-interdit  Les fichiers .mdx ne sont pas acceptés : le contenu est du Markdown simple, sans code. → Renommez le fichier en .md et retirez les import, export et composants JSX.",
          "content/practices/distribution/Fiche.MDX:1:1  mdx-interdit  Les fichiers .mdx ne sont pas acceptés : le contenu est du Markdown simple, sans code. → Renommez le fichier en .md et retirez les import, export et composants JSX.",
          "content/README.txt:1:1  fichier-inattendu  Ce fichier n’appartient à aucune collection. → Rangez-le dans un des dossiers : content/practices, content/studies, content/funders, content/trainings, content/tools, content/events, content/platforms, content/news, content/actors.",
          "content/recettes/soupe.md:1:1  fichier-inattendu  Ce fichier n’appartient à aucune collection. → Rangez-le dans un des dossiers : content/practices, content/studies, content/funders, content/trainings, content/tools, content/events, content/platforms, content/news, content/actors.",
          "content/studies/etude.yaml:1:1  fichier-inattendu  La collection « Études et rapports » n’accepte que des fichiers .md. → Retirez ce fichier du dossier content/studies/.",
        ]
      `);
    });
  });
});
