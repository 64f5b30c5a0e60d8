import type { Root } from 'mdast';
import type { ParsedEntry } from '../parse.js';
import type { Position } from '../problems.js';

export type EntryData = Record<string, unknown>;

export interface EntryContext {
  entry: ParsedEntry & { data: EntryData };
  /** Absolute path of the repository root. */
  root: string;
  /** Today's date (AAAA-MM-JJ), injectable for tests. */
  today: string;
  /** The Markdown body, parsed once on demand (positions are relative to the body). */
  markdown(): Root;
  /** Converts a position in the body to a position in the file. */
  bodyPosition(line: number, col: number): Position;
  report(pos: Position, message: string, hint?: string): void;
}

export interface EntryRule {
  id: string;
  description: string;
  check(ctx: EntryContext): void;
}

export interface RepositoryContext {
  /** Every entry known in the repository, as `<collection>/<id>` (from file names). */
  knownRefs: ReadonlySet<string>;
  report(entry: ParsedEntry, pos: Position, message: string, hint?: string): void;
}

/** A rule across entries (uniqueness, references). */
export interface RepositoryRule {
  id: string;
  description: string;
  check(entries: readonly (ParsedEntry & { data: EntryData })[], ctx: RepositoryContext): void;
}
