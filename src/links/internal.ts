/**
 * Internal links: references between entries, Markdown links to other entries and pages (with
 * their anchors), and local images. Everything is checked against the repository, no network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { allCollections, collectionOfPath, entryUrl, idOfFile } from '../content/collections.js';
import { extractLinks, isExternal } from '../content/links.js';
import { parseMarkdown } from '../content/markdown.js';
import type { ParsedEntry } from '../content/parse.js';
import { listFiles, relPath } from '../content/paths.js';
import { problem, type Problem } from '../content/problems.js';
import { localImageTarget } from '../content/rules/image-hors-depot.js';

export const RULE_INTERNAL = 'lien-interne';

/** Heading anchors as Docusaurus makes them (github-slugger: lower case, punctuation dropped). */
export function headingSlugs(body: string): Set<string> {
  const slugs = new Set<string>();
  if (!body.includes('#')) return slugs;
  const counts = new Map<string, number>();
  visit(parseMarkdown(body), 'heading', (h) => {
    let text = '';
    visit(h, (n) => { if (n.type === 'text' || n.type === 'inlineCode') text += n.value; });
    const base = text.toLowerCase().trim().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  });
  return slugs;
}

/** Routes of the site's own pages (src/pages), plus the catalogs and what the plugins publish. */
function pageRoutes(root: string): Set<string> {
  const routes = new Set<string>(['/', '/donnees', '/financements/appels', '/contribuer/suivi']);
  for (const c of allCollections()) routes.add(c.route);
  const pagesDir = path.join(root, 'src/pages');
  for (const abs of listFiles(pagesDir)) {
    const name = path.basename(abs);
    if (/\.(tsx|md)$/.test(name) && !name.startsWith('_') && !name.includes('.test.')) {
      routes.add(('/' + relPath(pagesDir, abs).replace(/\.(tsx|md)$/, '')).replace(/\/index$/, '') || '/');
    }
  }
  return routes;
}

export interface SiteMap {
  /** Route → anchors available on that page (empty set: anchors unknown, not checked). */
  pages: Map<string, Set<string> | null>;
  /** Repository-relative file → route, for relative links to other entries' files. */
  files: Map<string, string>;
  refs: Set<string>;
}

export function buildSiteMap(root: string, entries: readonly ParsedEntry[]): SiteMap {
  const pages = new Map<string, Set<string> | null>();
  for (const r of pageRoutes(root)) pages.set(r, null);
  const files = new Map<string, string>();
  const refs = new Set<string>();
  for (const e of entries) {
    const id = idOfFile(e.file);
    const url = entryUrl(e.collection, id);
    pages.set(url, e.collection.format === 'md' ? headingSlugs(e.body) : null);
    files.set(e.file, url);
    refs.add(`${e.collection.name}/${id}`);
  }
  return { pages, files, refs };
}

export function checkInternalLinks(root: string, entries: readonly ParsedEntry[], site: SiteMap = buildSiteMap(root, entries)): Problem[] {
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!entry.data) continue;
    const refs = entry.data.ressources_liees;
    if (Array.isArray(refs)) {
      refs.forEach((ref: unknown, i) => {
        if (typeof ref === 'string' && !site.refs.has(ref)) {
          problems.push(problem(entry.file, entry.locate(['ressources_liees', i]), RULE_INTERNAL, `La ressource liée « ${ref} » n’existe pas.`, 'Vérifiez la collection et l’identifiant.'));
        }
      });
    }
    for (const link of extractLinks(entry)) {
      if (link.where !== 'texte' || isExternal(link.url) || /^(mailto|tel):/i.test(link.url)) continue;
      const message = link.image ? checkImage(root, entry.file, link.url) : checkPageLink(entry, link.url, site);
      if (message) problems.push(problem(entry.file, link, RULE_INTERNAL, message[0], message[1]));
    }
  }
  return problems;
}

function checkImage(root: string, file: string, url: string): [string, string] | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined; // schemes are the validator's business
  let target: string | undefined;
  try { target = localImageTarget(file, url); } catch { target = undefined; }
  if (!target || !fs.existsSync(path.join(root, target))) {
    return [`L’image « ${url} » est introuvable.`, 'Déposez-la dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).'];
  }
  return undefined;
}

function checkPageLink(entry: ParsedEntry, url: string, site: SiteMap): [string, string] | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  const [pathPart = '', anchor] = url.split('#');
  let route: string | undefined;
  if (pathPart === '') route = site.files.get(entry.file);
  else if (pathPart.startsWith('/')) route = pathPart.replace(/\/$/, '') || '/';
  else {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(entry.file), decodeURI(pathPart)));
    route = site.files.get(target);
    if (!route) {
      return collectionOfPath(target)
        ? [`Le lien « ${url} » pointe vers un fichier qui n’existe pas (${target}).`, 'Vérifiez le chemin, ou utilisez l’adresse de la page sur le portail (par exemple /etudes/identifiant).']
        : [`Le lien relatif « ${url} » ne mène à aucune entrée.`, 'Utilisez l’adresse de la page sur le portail, par exemple /fiches/identifiant.'];
    }
  }
  if (!route || !site.pages.has(route)) return [`La page « ${pathPart} » n’existe pas sur le portail.`, 'Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>…'];
  const anchors = site.pages.get(route);
  if (anchor && anchors && !anchors.has(decodeURIComponent(anchor))) {
    return [`L’ancre « #${anchor} » n’existe pas sur la page ${route}.`, anchors.size > 0 ? `Ancres possibles : ${[...anchors].slice(0, 8).map((a) => `#${a}`).join(', ')}.` : 'Cette page n’a pas d’intertitre.'];
  }
  return undefined;
}
