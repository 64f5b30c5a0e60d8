/**
 * The one validator: schema, entry rules and repository rules. Every face calls it.
 */
import { parseMarkdown } from './markdown.js';
import { knownRefs as listKnownRefs, listEntries, readEntry } from './load.js';
import type { ParsedEntry } from './parse.js';
import { problem, sortProblems, type Problem } from './problems.js';
import { entryRules, repositoryRules } from './rules/index.js';
import type { EntryContext, EntryData } from './rules/types.js';

export interface ValidateOptions {
  /** Today's date (AAAA-MM-JJ); defaults to the real date. */
  today?: string;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

type ReadEntry = ParsedEntry & { data: EntryData };

export function isRead(e: ParsedEntry): e is ReadEntry {
  return e.data !== undefined;
}

/** Problems of one parsed entry on its own (reading, schema, entry rules). */
export function validateEntry(entry: ParsedEntry, root: string, options: ValidateOptions = {}): Problem[] {
  const problems = [...entry.problems];
  if (!isRead(entry)) return problems;
  let md: ReturnType<typeof parseMarkdown> | undefined;
  let ruleId = '';
  // One context for all the rules of the entry; `report` names the rule being run.
  const ctx: EntryContext = {
    entry,
    root,
    today: options.today ?? todayIso(),
    markdown: () => (md ??= parseMarkdown(entry.body)),
    bodyPosition: (line, col) => ({ line: line + entry.bodyLine - 1, col }),
    report: (pos, message, hint) => problems.push(problem(entry.file, pos, ruleId, message, hint)),
  };
  for (const rule of entryRules) {
    ruleId = rule.id;
    rule.check(ctx);
  }
  return problems;
}

/** Problems across entries (uniqueness, references). */
export function validateRepositoryRules(entries: readonly ParsedEntry[], knownRefs: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const read = entries.filter(isRead);
  for (const rule of repositoryRules) {
    rule.check(read, {
      knownRefs,
      report: (entry, pos, message, hint) => problems.push(problem(entry.file, pos, rule.id, message, hint)),
    });
  }
  return problems;
}

export interface ValidationResult {
  entries: ParsedEntry[];
  problems: Problem[];
}

/**
 * Validates the repository (or only the given paths; references are still resolved against the
 * whole repository, and uniqueness against the whole collection).
 */
export function validateRepository(root: string, paths?: readonly string[], options: ValidateOptions = {}): ValidationResult {
  const listing = listEntries(root, paths);
  const entries = listing.files.map((f) => readEntry(root, f));
  const problems = [...listing.problems];
  for (const entry of entries) problems.push(...validateEntry(entry, root, options));
  const partial = paths && paths.length > 0;
  const own = new Set(entries.map((e) => e.file));
  const all = partial ? [...entries, ...listEntries(root).files.filter((f) => !own.has(f.file)).map((f) => readEntry(root, f))] : entries;
  const refs = partial ? listKnownRefs(root) : new Set(all.map((e) => `${e.collection.name}/${e.file.split('/').pop()!.replace(/\.(md|yaml)$/, '')}`));
  problems.push(...validateRepositoryRules(all, refs).filter((p) => own.has(p.file)));
  return { entries, problems: sortProblems(problems) };
}
