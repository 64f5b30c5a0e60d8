/**
 * Internal links: references between entries, Markdown links to other entries and pages (with
 * their anchors), and local images. Everything is checked against the repository, no network.
 */
import path from 'node:path';
import { allCollections, entryUrl, idOfFile } from '../content/collections.js';
import { extractLinks } from '../content/links.js';
import { headingIds, parseMarkdown } from '../content/markdown.js';
import type { ParsedEntry } from '../content/parse.js';
import { listFiles, relPath } from '../content/paths.js';
import { problem, type Problem } from '../content/problems.js';
import { checkLocal, resolveLocal } from '../content/site-paths.js';

export const RULE_INTERNAL = 'lien-interne';

/** Heading anchors of a body, as the build makes them. */
export function headingSlugs(body: string): Set<string> {
  return new Set(headingIds(parseMarkdown(body)).map((h) => h.id));
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

export function checkInternalLinks(
  root: string,
  entries: readonly ParsedEntry[],
  site: SiteMap = buildSiteMap(root, entries),
): Problem[] {
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!entry.data) continue;
    const refs = entry.data.ressources_liees;
    if (Array.isArray(refs)) {
      refs.forEach((ref: unknown, i) => {
        if (typeof ref === 'string' && !site.refs.has(ref)) {
          problems.push(
            problem(
              entry.file,
              entry.locate(['ressources_liees', i]),
              RULE_INTERNAL,
              `La ressource liée « ${ref} » n’existe pas.`,
              'Vérifiez la collection et l’identifiant.',
            ),
          );
        }
      });
    }
    // Paths are resolved as validation resolves them (one resolution: src/content/site-paths.ts);
    // anchors are checked here only.
    for (const link of extractLinks(entry)) {
      const local = checkLocal(root, link.url, link.image);
      if (local) {
        problems.push(problem(entry.file, link, local.rule, local.message, local.hint));
        continue;
      }
      const message = link.image ? undefined : checkAnchor(entry, link.url, site);
      if (message) problems.push(problem(entry.file, link, RULE_INTERNAL, message[0], message[1]));
    }
  }
  return problems;
}

function checkAnchor(entry: ParsedEntry, url: string, site: SiteMap): [string, string] | undefined {
  const hash = url.indexOf('#');
  if (hash < 0) return undefined;
  const target = resolveLocal(url, false);
  const route =
    target.kind === 'same-page' ? site.files.get(entry.file) : target.kind === 'route' ? target.route : undefined;
  const anchors = route === undefined ? undefined : site.pages.get(route);
  let anchor: string;
  try {
    anchor = decodeURIComponent(url.slice(hash + 1));
  } catch {
    anchor = url.slice(hash + 1);
  }
  if (anchor && anchors && !anchors.has(anchor)) {
    return [
      `L’ancre « #${anchor} » n’existe pas sur la page ${route}.`,
      anchors.size > 0
        ? `Ancres possibles : ${[...anchors]
            .slice(0, 8)
            .map((a) => `#${a}`)
            .join(', ')}.`
        : 'Cette page n’a pas d’intertitre.',
    ];
  }
  return undefined;
}
