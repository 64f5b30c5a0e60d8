import { isatty } from 'node:tty';

/** Where commands write; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Working directory: the repository root, or a folder inside it. */
  cwd: string;
  /** True when standard input and output are a terminal (prompts, progress bars). */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  cwd: process.cwd(),
  interactive: isatty(0) && isatty(1),
  env: process.env,
});

/** A command's outcome: 0 ok, 1 content problems. Usage errors are thrown as UsageError (exit 2). */
export type ExitCode = 0 | 1;
