/**
 * Where a local link or image of an entry leads, resolved as the site build resolves it, so that
 * whatever validation accepts, the build publishes. The build (Docusaurus' Markdown loader for
 * sheets and news, the content plugin for the other collections) reads a URL without scheme or
 * host as a path: `#…` and `?…` cut off, the rest percent-decoded; an image is then a file of
 * `static/`, a link with a file extension (other than .md, .mdx, .html) a file of `static/`
 * inlined as an asset, any other link a route of the portal, checked at the end of the build.
 *
 * Essaim accepts only the forms that mean the same thing on every page that shows an entry (its
 * own page, a catalog, an edition, the news list) and that can pull nothing else into the site:
 * site-absolute paths (`/fiches/x`, `/img/y.png`), with no `.` or `..` segment, no hidden file
 * (`.git`), no `@site/` alias, no backslash, no `file:`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { allCollections, extensionOf } from './collections.js';
import { fieldUrls } from './links.js';
import { decodeEntities, markdownNodes, schemeOf } from './markdown.js';
import type { ParsedEntry } from './parse.js';
import { resolve, schemaAt } from './schemas.js';

export type LocalTarget =
  /** A URL with a scheme or a host: not a path of this site (other rules judge schemes). */
  | { kind: 'external' }
  /** `#anchor` or `?query` alone: the page itself. */
  | { kind: 'same-page' }
  /** A path that is refused whatever it names (French reason). */
  | { kind: 'forbidden'; reason: string }
  /** A file of `static/` (repository-relative path). */
  | { kind: 'static'; file: string }
  /** A route of the portal. */
  | { kind: 'route'; route: string };

/** Extensions that the build reads as pages rather than as files to inline. */
const PAGE_EXTENSIONS = /\.(?:mdx?|html)$/i;

/** Resolves a URL of an entry (link or image) as the site build does. */
export function resolveLocal(url: string, image: boolean): LocalTarget {
  const scheme = schemeOf(url);
  if (scheme === 'file')
    return { kind: 'forbidden', reason: 'les adresses « file: » désignent un fichier de l’ordinateur' };
  if (scheme) return { kind: 'external' };
  const trimmed = url.replace(/^[\u0000-\u0020]+/, '');
  // `//host/…` (also `/\host`): another site, whose images must be written https://.
  if (/^[/\\]{2}/.test(trimmed))
    return image
      ? { kind: 'forbidden', reason: 'une adresse commençant par « // » désigne un autre site' }
      : { kind: 'external' };
  const pathname = trimmed.split('#')[0]!.split('?')[0]!;
  // The build refuses an empty address; an image needs a file.
  if (trimmed === '' || (pathname === '' && image)) return { kind: 'forbidden', reason: 'l’adresse est vide' };
  if (pathname === '') return { kind: 'same-page' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'forbidden', reason: 'un « % » n’y est pas suivi de deux chiffres hexadécimaux' };
  }
  if (decoded.startsWith('@site/'))
    return { kind: 'forbidden', reason: 'l’alias « @site/ » peut désigner n’importe quel fichier du dépôt' };
  if (/[\\\u0000-\u001f\u007f]/.test(decoded))
    return { kind: 'forbidden', reason: 'il contient une barre oblique inverse ou un caractère de contrôle' };
  if (!decoded.startsWith('/'))
    return {
      kind: 'forbidden',
      reason:
        'un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités)',
    };
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '.' || s === '..'))
    return { kind: 'forbidden', reason: 'les segments « . » et « .. » sont refusés' };
  if (segments.some((s) => s.startsWith('.')))
    return { kind: 'forbidden', reason: 'il désigne un fichier ou dossier caché (commençant par un point)' };
  if (image || (path.posix.extname(decoded) !== '' && !PAGE_EXTENSIONS.test(decoded)))
    return { kind: 'static', file: `static${decoded}` };
  return { kind: 'route', route: decoded.length > 1 ? decoded.replace(/\/+$/, '') || '/' : '/' };
}

/** True when `file` (repository-relative, from `resolveLocal`) is a file of the repository. */
export function staticFileExists(root: string, file: string): boolean {
  return fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() ?? false;
}

function entryNames(dir: string, ext: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.endsWith(ext) && !n.startsWith('.'));
  } catch {
    return [];
  }
}

function subfolders(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** Routes that the content plugin adds besides catalogs and entry pages (src/plugins/content/index.ts). */
const PLUGIN_ROUTES = ['/donnees', '/financements/appels'];
/** The sheets plugin's index page of each value of the grouping field (src/plugins/sheets/sidebar.ts). */
const GROUP_SEGMENT = 'maillon';

/**
 * True when `route` (from `resolveLocal`) is a page of the portal: the home page, a page of
 * src/pages, a catalog, an entry page (read from the files of content/, so always current), or a
 * page that the plugins add.
 */
export function routeExists(root: string, route: string): boolean {
  if (route === '/' || PLUGIN_ROUTES.includes(route)) return true;
  for (const c of allCollections()) {
    if (route === c.route) return true;
    if (!route.startsWith(c.route + '/')) continue;
    const rest = route.slice(c.route.length + 1);
    const folder = path.join(root, c.folder);
    if (c.groupBy && rest.startsWith(GROUP_SEGMENT + '/')) {
      // A group's page exists only when its folder holds entries.
      const value = rest.slice(GROUP_SEGMENT.length + 1);
      const values = resolve(schemaAt(c, [c.groupBy, 0]) ?? {}).enum ?? [];
      if (values.includes(value) && entryNames(path.join(folder, value), extensionOf(c)).length > 0) return true;
    }
    if (rest.includes('/')) continue;
    const name = rest + extensionOf(c);
    if (staticFileExists(root, path.join(c.folder, name))) return true;
    if (c.groupBy && subfolders(folder).some((g) => staticFileExists(root, path.join(c.folder, g, name)))) return true;
  }
  const page = path.join('src/pages', route);
  return ['.tsx', '.md', '/index.tsx', '/index.md'].some((ext) => staticFileExists(root, page + ext));
}

export interface LocalProblem {
  rule: 'image-hors-depot' | 'image-introuvable' | 'lien-chemin-interdit' | 'lien-interne-introuvable';
  message: string;
  hint: string;
}

const IMAGE_HINT = 'Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).';

/** What is wrong with a local link or image of an entry, if anything (schemes are left to other rules). */
export function checkLocal(root: string, url: string, image: boolean): LocalProblem | undefined {
  const target = resolveLocal(url, image);
  switch (target.kind) {
    case 'external':
    case 'same-page':
      return undefined;
    case 'forbidden':
      return image
        ? { rule: 'image-hors-depot', message: `L’image « ${url} » est refusée : ${target.reason}.`, hint: IMAGE_HINT }
        : {
            rule: 'lien-chemin-interdit',
            message: `Le lien « ${url} » est refusé : ${target.reason}.`,
            hint: 'Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.',
          };
    case 'static':
      if (staticFileExists(root, target.file)) return undefined;
      return image
        ? {
            rule: 'image-introuvable',
            message: `L’image « ${url} » est introuvable : le fichier ${target.file} n’existe pas.`,
            hint: IMAGE_HINT,
          }
        : {
            rule: 'lien-interne-introuvable',
            message: `Le lien « ${url} » mène à un fichier introuvable : ${target.file} n’existe pas.`,
            hint: 'Déposez le fichier dans static/, ou corrigez l’adresse.',
          };
    case 'route':
      if (routeExists(root, target.route)) return undefined;
      return {
        rule: 'lien-interne-introuvable',
        message: `La page « ${target.route} » n’existe pas sur le portail.`,
        hint: 'Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).',
      };
  }
}

export interface LocatedProblem extends LocalProblem {
  /** Position in the file. */
  line: number;
  col: number;
}

/** `href`, `src`… of raw HTML in a body (the sheets' and news' pages render it). */
export const HTML_URL_ATTR =
  /\b(?:href|src|action|formaction|xlink:href|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

const located = new WeakMap<object, LocatedProblem[]>();

/**
 * Problems of every local link and image of an entry: Markdown links, images (also by reference),
 * definitions, URLs in raw HTML, and fields holding URLs. Computed once per parsed body; the rules
 * `image-hors-depot`, `image-introuvable`, `lien-chemin-interdit` and `lien-interne-introuvable`
 * each report their own.
 */
export function localProblems(root: string, entry: ParsedEntry, tree: Root): LocatedProblem[] {
  const known = located.get(tree);
  if (known) return known;
  const out: LocatedProblem[] = [];
  const add = (url: string, image: boolean, line: number, col: number): void => {
    const p = checkLocal(root, url, image);
    if (p) out.push({ ...p, line, col });
  };
  for (const { url, steps } of fieldUrls(entry)) {
    const p = checkLocal(root, url, false);
    if (p) out.push({ ...p, ...entry.locate(steps) });
  }
  const nodes = markdownNodes(tree);
  const definitions = new Map<string, string>();
  // A definition that images use is judged as an image, where it is used.
  const imageDefinitions = new Set<string>();
  for (const node of nodes) {
    // The first definition of a label is the one used (CommonMark), by the build too.
    if (node.type === 'definition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
    } else if (node.type === 'imageReference') imageDefinitions.add(node.identifier);
  }
  for (const node of nodes) {
    const line = (node.position?.start.line ?? 1) + entry.bodyLine - 1;
    const col = node.position?.start.column ?? 1;
    if (node.type === 'image' || node.type === 'link') add(node.url, node.type === 'image', line, col);
    else if (node.type === 'definition') {
      if (!imageDefinitions.has(node.identifier)) add(node.url, false, line, col);
    } else if (node.type === 'imageReference') {
      const url = definitions.get(node.identifier);
      if (url !== undefined) add(url, true, line, col);
    } else if (node.type === 'html') {
      for (const m of decodeEntities(node.value).matchAll(HTML_URL_ATTR))
        add(m[1] ?? m[2] ?? m[3] ?? '', /^\s*(?:src|poster|srcset)/i.test(m[0]), line, col);
    }
  }
  located.set(tree, out);
  return out;
}
