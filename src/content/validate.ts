/**
 * The one validator: schema, entry rules and repository rules. Every face calls it.
 */
import { parseMarkdown } from './markdown.js';
import { knownRefs as listKnownRefs, listEntries, readEntry, refOfFile, type EntryFile } from './load.js';
import type { ParsedEntry } from './parse.js';
import { problem, sortProblems, type Position, type Problem } from './problems.js';
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
  /** The entries read (none with `problemsOnly`). */
  entries: ParsedEntry[];
  /** Every entry file checked (repository-relative). */
  files: string[];
  problems: Problem[];
}

export interface RepositoryOptions extends ValidateOptions {
  /**
   * For a caller that wants the problems alone (the command line): entries are not returned, and
   * the repository rules get them without their text, read again from the file only if asked for
   * (to locate a problem), and with only the fields they read. Far less memory, and less for the
   * garbage collector to move.
   */
  problemsOnly?: boolean;
}

/** The top-level fields that the repository rules read. */
const REPOSITORY_FIELDS = [...new Set(repositoryRules.flatMap((r) => r.fields))];

/**
 * A copy of a value read from YAML that shares nothing with the file's text. The YAML reader's
 * strings are slices of the text it read: kept as they are, even one identifier keeps the whole
 * header in memory (tens of megabytes for 10,000 entries, moved again and again by the garbage
 * collector). A string made by concatenation, then cut, is a new string of its own.
 */
function detached(value: unknown): unknown {
  if (typeof value === 'string') return (' ' + value).slice(1);
  if (Array.isArray(value)) return value.map(detached);
  if (value === null || typeof value !== 'object') return value;
  // The keys were checked by the parser: none can reach a prototype.
  const out: EntryData = {};
  for (const k in value) out[k] = detached((value as EntryData)[k]);
  return out;
}

/** The fields of an entry's data that the repository rules read, detached from the file's text. */
function repositoryData(data: EntryData): EntryData {
  const kept: EntryData = {};
  for (const field of REPOSITORY_FIELDS) if (Object.hasOwn(data, field)) kept[field] = detached(data[field]);
  return kept;
}

/** An entry without its text: the data that the repository rules read, and its text read again
 * from the file when asked for. A class, so that each entry costs one small object and no closures. */
class EntryWithoutText implements ParsedEntry {
  readonly collection: ParsedEntry['collection'];
  readonly file: string;
  readonly data: ParsedEntry['data'];
  readonly bodyLine: number;
  readonly problems: Problem[];
  private full: ParsedEntry | undefined;

  constructor(private readonly root: string, private readonly entryFile: EntryFile, entry: ParsedEntry) {
    this.collection = entry.collection;
    this.file = entry.file;
    this.data = entry.data && repositoryData(entry.data);
    this.bodyLine = entry.bodyLine;
    this.problems = entry.problems;
  }

  private again(): ParsedEntry {
    return (this.full ??= readEntry(this.root, this.entryFile));
  }

  get body(): string { return this.again().body; }
  get source(): string { return this.again().source; }
  get yaml(): string { return this.again().yaml; }

  locate(path: readonly (string | number)[], keyOnly?: boolean): Position {
    return this.again().locate(path, keyOnly);
  }
}

/**
 * Validates the repository (or only the given paths; references are still resolved against the
 * whole repository, and uniqueness against the whole collection).
 */
export function validateRepository(root: string, paths?: readonly string[], options: RepositoryOptions = {}): ValidationResult {
  const listing = listEntries(root, paths);
  const problems = [...listing.problems];
  // Today's date is read once for the whole run, not once per entry.
  const entryOptions = { today: options.today ?? todayIso() };
  const keep = (f: EntryFile, entry: ParsedEntry): ParsedEntry => (options.problemsOnly ? new EntryWithoutText(root, f, entry) : entry);
  // Each entry is checked right after it is read, while its text is still fresh in memory.
  const checked = listing.files.map((f) => {
    const entry = readEntry(root, f);
    for (const p of validateEntry(entry, root, entryOptions)) problems.push(p);
    return keep(f, entry);
  });
  const partial = paths && paths.length > 0;
  const files = listing.files.map((f) => f.file);
  const own = new Set(files);
  const all = partial ? [...checked, ...listEntries(root).files.filter((f) => !own.has(f.file)).map((f) => keep(f, readEntry(root, f)))] : checked;
  const refs = partial ? listKnownRefs(root) : new Set(all.map(refOfFile));
  for (const p of validateRepositoryRules(all, refs)) if (own.has(p.file)) problems.push(p);
  return { entries: options.problemsOnly ? [] : checked, files, problems: sortProblems(problems) };
}
