/**
 * `essaim edition <nom>`: cuts a new edition of the practice sheets (Docusaurus docs versioning,
 * instance `practices`), then checks the snapshot with the core, as `essaim validate` would.
 */
import { spawnSync } from 'node:child_process';
import { UsageError } from '../../src/content/problems.js';
import { validateRepository } from '../../src/content/validate.js';
import { EDITION_NAME, editionDir, listEditions, validateEdition } from '../../src/plugins/sheets/editions.js';
import type { ExitCode, Io } from '../io.js';
import { formatProblems } from '../report.js';
import { findRoot } from '../root.js';

export interface CommandResult {
  status: number | null;
  output: string;
}

/** Runs `npx docusaurus docs:version:practices <nom>` in the repository. */
export function runDocusaurusVersion(root: string, name: string): CommandResult {
  const r = spawnSync('npx', ['--no-install', 'docusaurus', 'docs:version:practices', name], {
    cwd: root,
    encoding: 'utf8',
    env: process.env,
  });
  if (r.error) return { status: null, output: r.error.message };
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export interface EditionDeps {
  cut: (root: string, name: string) => CommandResult;
  today?: string;
}

export async function edition(
  name: string,
  io: Io,
  deps: EditionDeps = { cut: runDocusaurusVersion },
): Promise<ExitCode> {
  if (!EDITION_NAME.test(name)) {
    throw new UsageError(
      `Nom d’édition invalide « ${name} » : utilisez des minuscules, des chiffres et des tirets, par exemple 2027.`,
    );
  }
  const root = findRoot(io.cwd);
  if (listEditions(root).includes(name))
    throw new UsageError(`L’édition « ${name} » existe déjà (${editionDir(name)}/).`);

  const current = validateRepository(root, ['content/practices'], { today: deps.today });
  if (current.problems.some((p) => p.severity === 'error')) {
    io.out(formatProblems(current.problems, 'text', current.entries.length));
    io.out('Les fiches en cours ont des problèmes : corrigez-les avant de figer une édition.');
    return 1;
  }

  const cut = deps.cut(root, name);
  if (cut.status !== 0) {
    throw new Error(`La création de l’édition par Docusaurus a échoué :\n${cut.output.trim()}`);
  }

  const { entries, problems } = validateEdition(root, name, { today: deps.today });
  io.out(formatProblems(problems, 'text', entries.length));
  if (problems.some((p) => p.severity === 'error')) {
    io.out(
      `L’édition « ${name} » a été créée dans ${editionDir(name)}/ mais contient des problèmes : corrigez-les avant de la publier.`,
    );
    return 1;
  }
  io.out(
    `Édition « ${name} » figée : ${entries.length} fiche${entries.length > 1 ? 's' : ''} dans ${editionDir(name)}/. Elle sera publiée sous /fiches/${name}.`,
  );
  return 0;
}
