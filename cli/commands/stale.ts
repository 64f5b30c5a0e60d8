import fs from 'node:fs';
import path from 'node:path';
import { listEntries, readEntry } from '../../src/content/load.js';
import { UsageError } from '../../src/content/problems.js';
import { todayIso } from '../../src/content/validate.js';
import { findStale, formatStale } from '../../src/upkeep/stale.js';
import type { ExitCode, Io } from '../io.js';
import { parseFormat } from '../report.js';
import { findRoot } from '../root.js';

/** Where `essaim links --external` keeps its results between runs. */
export const DEFAULT_LINK_CACHE = '.essaim/liens.json';

export interface StaleOptions {
  mois?: string;
  format?: string;
  today?: string;
  cache?: string;
}

/** Broken URLs of the last external check, read from the link cache (absent cache: none known). */
function brokenFromCache(file: string): Map<string, string> {
  const broken = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return broken;
  }
  const entries = parsed && typeof parsed === 'object' ? (parsed as { entries?: unknown }).entries : undefined;
  if (!entries || typeof entries !== 'object') return broken;
  for (const [url, result] of Object.entries(entries as Record<string, { ok?: unknown; message?: unknown } | null>)) {
    if (result?.ok === false) broken.set(url, typeof result.message === 'string' ? result.message : 'lien cassé');
  }
  return broken;
}

export async function stale(options: StaleOptions, io: Io): Promise<ExitCode> {
  const format = parseFormat(options.format, ['text', 'markdown', 'json'] as const, 'text');
  const months = options.mois === undefined ? undefined : Number(options.mois);
  if (months !== undefined && (!Number.isInteger(months) || months < 1))
    throw new UsageError(`--mois « ${options.mois} » : indiquez un nombre entier de mois (par exemple 12).`);
  const today = options.today ?? todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today : date au format AAAA-MM-JJ attendue.');
  const root = findRoot(io.cwd);
  const entries = listEntries(root).files.map((f) => readEntry(root, f));
  const broken = brokenFromCache(path.resolve(root, options.cache ?? DEFAULT_LINK_CACHE));
  io.out(formatStale(findStale(entries, { today, months, broken }), format));
  return 0;
}
