import fs from 'node:fs';
import path from 'node:path';
import { listEntries, readEntry } from '../../src/content/load.js';
import { extractLinks, isExternal } from '../../src/content/links.js';
import {
  checkExternalLinks,
  formatLinkReport,
  loadExclusions,
  progressBar,
  type LinkReport,
} from '../../src/links/external.js';
import { buildSiteMap, checkInternalLinks } from '../../src/links/internal.js';
import type { ExitCode, Io } from '../io.js';
import { formatProblems, parseFormat } from '../report.js';
import { findRoot } from '../root.js';
import { DEFAULT_LINK_CACHE } from './stale.js';

/** Addresses never checked (one pattern a line, `#` comments), at the repository root. */
export const EXCLUSIONS_FILE = 'liens-exclus.txt';

export interface LinksOptions {
  external?: boolean;
  format?: string;
  /** A file name, or `false` with --no-cache. */
  cache?: string | boolean;
}

export async function links(paths: string[], options: LinksOptions, io: Io): Promise<ExitCode> {
  const format = parseFormat(options.format, ['text', 'json', 'markdown', 'github'] as const, 'text');
  const root = findRoot(io.cwd);
  const all = listEntries(root).files.map((f) => readEntry(root, f));
  const scope =
    paths.length > 0
      ? new Set(
          listEntries(
            root,
            paths.map((p) => path.resolve(io.cwd, p)),
          ).files.map((f) => f.file),
        )
      : undefined;
  const entries = scope ? all.filter((e) => scope.has(e.file)) : all;
  const internal = checkInternalLinks(root, entries, buildSiteMap(root, all));

  let external: LinkReport | undefined;
  if (options.external) {
    const exclusionsFile = path.join(root, EXCLUSIONS_FILE);
    const exclusions = fs.existsSync(exclusionsFile) ? await loadExclusions(exclusionsFile) : [];
    const occurrences = entries
      .flatMap(extractLinks)
      .filter((l) => isExternal(l.url))
      .map(({ url, file, line, col }) => ({ url, file, line, col }));
    const cache =
      options.cache === false
        ? undefined
        : { file: path.resolve(root, typeof options.cache === 'string' ? options.cache : DEFAULT_LINK_CACHE) };
    external = await checkExternalLinks(occurrences, {
      exclusions,
      cache,
      onProgress: io.interactive ? progressBar(process.stderr) : undefined,
    });
  }

  const broken = internal.length + (external?.results.filter((r) => r.status === 'broken').length ?? 0);
  if (format === 'json') {
    io.out(JSON.stringify({ interne: internal, externe: external ?? null }, null, 2));
  } else if (format === 'markdown') {
    const parts = [
      `**Liens internes** : ${internal.length === 0 ? 'aucun problème.' : `${internal.length} problème${internal.length > 1 ? 's' : ''}.`}`,
    ];
    if (internal.length > 0)
      parts.push(
        [
          '| Emplacement | Problème |',
          '|---|---|',
          ...internal.map((p) => `| \`${p.file}:${p.line}:${p.col}\` | ${p.message.replace(/\|/g, '\\|')} |`),
        ].join('\n'),
      );
    if (external) parts.push(formatLinkReport(external, 'markdown'));
    io.out(parts.join('\n\n'));
  } else {
    const internalText = formatProblems(internal, format, entries.length);
    const text = [internalText, external ? formatLinkReport(external, format) : ''].filter(Boolean).join('\n');
    if (text) io.out(text);
  }
  return broken > 0 ? 1 : 0;
}
