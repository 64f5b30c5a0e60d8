/** Printing problems: text for people, JSON for tools, GitHub workflow annotations for CI. */
import { UsageError } from '../src/content/problems.js';

export type { ReportFormat } from '../src/content/report.js';

export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Format inconnu « ${value} » : choisissez parmi ${allowed.join(', ')}.`);
}

export { formatProblems } from '../src/content/report.js';
