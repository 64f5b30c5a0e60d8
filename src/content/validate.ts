/**
 * The one validator: schema, entry rules and repository rules. Every face calls it.
 */
import { parseMarkdown } from './markdown.js';
import { refOfFile, type CollectionName } from './collections.js';
import { knownRefs as listKnownRefs, listEntries, readEntry } from './load.js';
import type { ParsedEntry } from './parse.js';
import { problem, sortProblems, type Position, type Problem } from './problems.js';
import { entryRules, repositoryRules } from './rules/index.js';
import { validatorFor } from './schemas.js';
import type { ValidEntry, ValidEntryOf } from './types.js';
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

/** The entry typed from its schema, when its data passes it (the validator of the `schema` rule). */
export function validEntry(e: ParsedEntry): ValidEntry | undefined {
  if (e.data === undefined || !validatorFor(e.collection)(e.data)) return undefined;
  return e as unknown as ValidEntry; // the types are generated from the very schema just checked
}

/** Whether a valid entry belongs to collection `name` (its data then has that collection's type). */
export function isIn<K extends CollectionName>(e: ValidEntry, name: K): e is Extract<ValidEntry, ValidEntryOf<K>> {
  return e.collection.name === name;
}

/** The context given to the entry rules: one per entry, shared by all its rules (no closure per entry). */
class Context implements EntryContext {
  /** Id of the rule being run, for the problems it reports. */
  ruleId = '';
  private md: ReturnType<typeof parseMarkdown> | undefined;

  constructor(
    readonly entry: ReadEntry,
    readonly root: string,
    readonly today: string,
    private readonly problems: Problem[],
  ) {}

  markdown(): ReturnType<typeof parseMarkdown> {
    return (this.md ??= parseMarkdown(this.entry.body));
  }

  bodyPosition(line: number, col: number): Position {
    return { line: line + this.entry.bodyLine - 1, col };
  }

  report(pos: Position, message: string, hint?: string): void {
    this.problems.push(problem(this.entry.file, pos, this.ruleId, message, hint));
  }
}

/** Problems of one parsed entry on its own (reading, schema, entry rules). */
export function validateEntry(entry: ParsedEntry, root: string, options: ValidateOptions = {}): Problem[] {
  const problems = [...entry.problems];
  if (!isRead(entry)) return problems;
  const ctx = new Context(entry, root, options.today ?? todayIso(), problems);
  for (const rule of entryRules) {
    ctx.ruleId = rule.id;
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
  /** The entries read. */
  entries: ParsedEntry[];
  /** Every entry file checked (repository-relative). */
  files: string[];
  problems: Problem[];
}

/**
 * Validates the repository (or only the given paths; references are still resolved against the
 * whole repository, and uniqueness against the whole collection).
 */
export function validateRepository(
  root: string,
  paths?: readonly string[],
  options: ValidateOptions = {},
): ValidationResult {
  const listing = listEntries(root, paths);
  const problems = [...listing.problems];
  // Today's date is read once for the whole run, not once per entry.
  const entryOptions = { today: options.today ?? todayIso() };
  // Each entry is checked right after it is read, while its text is still fresh in memory.
  const checked = listing.files.map((f) => {
    const entry = readEntry(root, f);
    for (const p of validateEntry(entry, root, entryOptions)) problems.push(p);
    return entry;
  });
  const partial = paths && paths.length > 0;
  const files = listing.files.map((f) => f.file);
  const own = new Set(files);
  const all = partial
    ? [
        ...checked,
        ...listEntries(root)
          .files.filter((f) => !own.has(f.file))
          .map((f) => readEntry(root, f)),
      ]
    : checked;
  const refs = partial ? listKnownRefs(root) : new Set(all.map(refOfFile));
  for (const p of validateRepositoryRules(all, refs)) if (own.has(p.file)) problems.push(p);
  return { entries: checked, files, problems: sortProblems(problems) };
}
