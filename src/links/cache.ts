/**
 * Results cache of the link checker: a JSON file
 * `{ version, entries: { [url]: { status, ok, checkedAt, httpStatus?, finalUrl?, message? } } }`,
 * written atomically (temporary file, then rename). An unreadable or outdated file is ignored.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckedOutcome } from './types.js';

export const CACHE_VERSION = 1;
export const DEFAULT_CACHE_TTL_MS = 7 * 24 * 3600 * 1000;
/** Broken links are checked again after one day at most, to notice when they come back. */
export const BROKEN_TTL_MS = 24 * 3600 * 1000;

export interface CacheEntry {
  status: 'ok' | 'broken' | 'warning';
  ok: boolean;
  /** ISO 8601 date of the check. */
  checkedAt: string;
  httpStatus?: number;
  finalUrl?: string;
  message?: string;
}

export interface CacheFile {
  version: number;
  entries: Record<string, CacheEntry>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(value: unknown): value is CacheEntry {
  return (
    isRecord(value) &&
    (value.status === 'ok' || value.status === 'broken' || value.status === 'warning') &&
    typeof value.ok === 'boolean' &&
    typeof value.checkedAt === 'string' &&
    !Number.isNaN(Date.parse(value.checkedAt)) &&
    (value.httpStatus === undefined || typeof value.httpStatus === 'number') &&
    (value.finalUrl === undefined || typeof value.finalUrl === 'string') &&
    (value.message === undefined || typeof value.message === 'string')
  );
}

/** Reads the cache; a missing, corrupt or other-version file gives an empty cache. */
export async function readCache(file: string): Promise<Map<string, CacheEntry>> {
  const entries = new Map<string, CacheEntry>();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.version !== CACHE_VERSION || !isRecord(data.entries)) return entries;
  for (const [url, entry] of Object.entries(data.entries)) {
    if (isEntry(entry)) entries.set(url, entry);
  }
  return entries;
}

/** Whether `entry` can still be used at time `now` (ms). */
export function isFresh(entry: CacheEntry, now: number, ttlMs: number): boolean {
  const age = now - Date.parse(entry.checkedAt);
  const lifetime = entry.ok ? ttlMs : Math.min(ttlMs, BROKEN_TTL_MS);
  return age >= 0 && age < lifetime;
}

export function toEntry(outcome: CheckedOutcome, now: number): CacheEntry {
  return {
    status: outcome.status,
    ok: outcome.status !== 'broken',
    checkedAt: new Date(now).toISOString(),
    ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}),
    ...(outcome.finalUrl !== undefined ? { finalUrl: outcome.finalUrl } : {}),
    message: outcome.message,
  };
}

export function fromEntry(entry: CacheEntry): CheckedOutcome {
  return {
    status: entry.status,
    message: entry.message ?? (entry.ok ? 'Accessible' : 'Lien cassé'),
    ...(entry.httpStatus !== undefined ? { httpStatus: entry.httpStatus } : {}),
    ...(entry.finalUrl !== undefined ? { finalUrl: entry.finalUrl } : {}),
  };
}

/** Writes the cache atomically: readers see the old file or the new one, never half of one. */
export async function writeCache(file: string, entries: Map<string, CacheEntry>): Promise<void> {
  const data: CacheFile = {
    version: CACHE_VERSION,
    entries: Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
