/**
 * Addresses the link checker must not request. A pattern is one of:
 * - an exact address: `https://example.org/page` (the fragment is ignored);
 * - a prefix, written with a final `*`: `https://example.org/docs/*`;
 * - a host name: `example.org`, which also covers its sub-domains (`www.example.org`).
 * Exclusion files (`liens-exclus.txt`) hold one pattern per line; blank lines and lines starting
 * with `#` are ignored.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../content/problems.js';

/** An invalid exclusion pattern, located in its file. */
export class ExclusionError extends UsageError {
  override name = 'ExclusionError';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function isHostName(s: string): boolean {
  return s.length <= 253 && s.split('.').every((label) => HOST_LABEL.test(label));
}

function isUrlPattern(s: string): boolean {
  if (!/^https?:\/\/[^\s*]+\*?$/i.test(s)) return false;
  try {
    new URL(s.endsWith('*') ? s.slice(0, -1) : s);
    return true;
  } catch {
    return false;
  }
}

/** Why `pattern` is invalid, in French, or undefined when it is valid. */
export function exclusionProblem(pattern: string): string | undefined {
  if (isUrlPattern(pattern) || isHostName(pattern)) return undefined;
  return `« ${pattern} » n'est ni une adresse http(s) (éventuellement terminée par *), ni un nom d'hôte comme exemple.org.`;
}

/** Parses the text of an exclusion file; throws an `ExclusionError` on the first invalid line. */
export function parseExclusions(text: string, file: string): string[] {
  const patterns: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const problem = exclusionProblem(line);
    if (problem) {
      throw new ExclusionError(`${file}:${index + 1} : motif d'exclusion invalide : ${problem}`, file, index + 1);
    }
    patterns.push(line);
  });
  return patterns;
}

/** Reads and validates an exclusion file (see `parseExclusions`). */
export async function loadExclusions(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `Fichier d'exclusions introuvable : ${file}`
        : `Lecture impossible du fichier d'exclusions ${file} (${code ?? String(error)}).`,
    );
  }
  return parseExclusions(text, file);
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** The first pattern matching `url`, if any. `url` must be an absolute http(s) address. */
export function matchExclusion(url: string, patterns: readonly string[]): string | undefined {
  const parsed = new URL(url);
  const href = withoutHash(parsed.href);
  const host = parsed.hostname.toLowerCase();
  return patterns.find((pattern) => {
    if (pattern.endsWith('*')) {
      const prefix = pattern.slice(0, -1);
      return url.startsWith(prefix) || href.startsWith(prefix);
    }
    if (/^https?:\/\//i.test(pattern)) return withoutHash(new URL(pattern).href) === href;
    const name = pattern.toLowerCase();
    return host === name || host.endsWith(`.${name}`);
  });
}
