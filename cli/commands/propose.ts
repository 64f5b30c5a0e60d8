/**
 * `essaim propose [chemins…]`: validates the entries added or changed against the base branch, then
 * opens (or updates) one pull request holding them — or, with `--local`, makes the same branch and
 * commit in the local repository; `--dry-run` only shows what would be done.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { allCollections, collectionOfPath, extensionOf } from '../../src/content/collections.js';
import { diffRevisions } from '../../src/content/diff.js';
import { renderDiff } from '../../src/content/diff-render.js';
import {
  assertGitRepository,
  changedFiles,
  gitText,
  mergeBase,
  remoteDefaultBranch,
  remoteUrl,
  resolveCommit,
  showFile,
  topLevel,
} from '../../src/content/git.js';
import { UsageError } from '../../src/content/problems.js';
import { formatProblems } from '../../src/content/report.js';
import { validateRepository } from '../../src/content/validate.js';
import { ProposeError } from '../../src/github/errors.js';
import { branchName, type FileChange } from '../../src/github/names.js';
import {
  commitMessage,
  pullRequestBody,
  pullRequestLabels,
  pullRequestTitle,
  type ProposedEntry,
} from '../../src/github/pr-body.js';
import type { ExitCode, Io } from '../io.js';
import { findRoot } from '../root.js';

export interface ProposeOptions {
  base?: string;
  repo?: string;
  draft?: boolean;
  titre?: string;
  dryRun?: boolean;
  local?: boolean;
}

export const TOKEN_HELP = [
  'Aucun jeton GitHub trouvé : essaim propose en a besoin pour ouvrir la pull request.',
  '',
  'Créez un jeton « fine-grained » (une minute) :',
  '  1. Ouvrez https://github.com/settings/personal-access-tokens/new',
  '  2. « Resource owner » : l’organisation du portail ; « Repository access » : son dépôt.',
  '  3. « Permissions » → « Repository permissions » : donnez exactement ces deux droits :',
  '       Contents : Read and write',
  '       Pull requests : Read and write',
  '  4. Générez le jeton, puis rendez-le disponible dans le terminal :',
  '       export GITHUB_TOKEN=github_pat_…        (macOS, Linux)',
  '       $env:GITHUB_TOKEN = "github_pat_…"      (Windows PowerShell)',
  '     Si la commande gh est installée, « gh auth login » suffit aussi.',
  '',
  'Sans droit d’écriture sur le dépôt, essaim propose passe par votre copie (fork) : un jeton',
  '« fine-grained » ne le permet pas ; utilisez « gh auth login » ou un jeton classique',
  '(portée public_repo).',
  '',
  'Sans jeton : npm run essaim -- propose --local crée la branche et le commit dans votre dépôt ;',
  'il ne reste qu’à les envoyer avec git push, puis à ouvrir la pull request sur GitHub.',
].join('\n');

/** `owner/name` from a remote URL: https, ssh (`git@host:owner/name.git`) or `ssh://` forms. */
export function parseRemote(url: string): { owner: string; repo: string } | undefined {
  const m =
    /^(?:[a-z][a-z0-9+.-]*:\/\/(?:[^@/]+@)?[^/]+\/|[^@/:\s]+@[^:/\s]+:)([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/i.exec(
      url.trim(),
    );
  return m ? { owner: m[1]!, repo: m[2]! } : undefined;
}

function parseRepoOption(value: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!m || m[2] === '.' || m[2] === '..')
    throw new UsageError(
      `--repo « ${value} » : écrivez le dépôt sous la forme propriétaire/nom, par exemple essaim-portail/essaim.`,
    );
  return { owner: m[1]!, repo: m[2]!.replace(/\.git$/, '') };
}

interface Base {
  /** Branch name on GitHub. */
  name: string;
  /** Local ref holding it (`refs/remotes/origin/main` when fetched, else `refs/heads/main`). */
  ref: string;
}

function findBase(root: string, option: string | undefined): Base {
  const name = (option ?? remoteDefaultBranch(root) ?? 'main').replace(/^origin\//, '');
  for (const ref of [`refs/remotes/origin/${name}`, `refs/heads/${name}`]) {
    if (resolveCommit(root, ref)) return { name, ref };
  }
  throw new UsageError(
    `Branche de base « ${name} » introuvable dans ce dépôt : lancez « git fetch origin », ou indiquez la branche avec --base.`,
  );
}

const isEntryFile = (file: string): boolean => {
  const c = collectionOfPath(file);
  return c !== undefined && file.endsWith(extensionOf(c));
};
const isHidden = (file: string): boolean => path.posix.basename(file).startsWith('.');

/** Files to propose: the given paths, or what differs from the base (committed, uncommitted, untracked). */
function selectFiles(root: string, base: Base, paths: readonly string[], io: Io): string[] {
  if (paths.length > 0) {
    const out: string[] = [];
    for (const p of paths) {
      const abs = path.resolve(io.cwd, p);
      const stat = fs.statSync(abs, { throwIfNoEntry: false });
      if (!stat) throw new UsageError(`Fichier introuvable : ${p}`);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${p} est en dehors du dépôt.`);
      if (stat.isDirectory()) out.push(...walk(abs).map((f) => path.relative(root, f).split(path.sep).join('/')));
      else out.push(rel);
    }
    return [...new Set(out)].filter((f) => !isHidden(f)).sort();
  }
  const since = mergeBase(root, base.ref, 'HEAD') ?? base.ref;
  const changes = changedFiles(root, since).filter((c) => !isHidden(c.file));
  const added = new Set(changes.filter((c) => c.status !== 'D').map((c) => c.file));
  const deleted = changes.filter((c) => c.status === 'D' && isEntryFile(c.file)).map((c) => c.file);
  const id = (f: string): string => `${collectionOfPath(f)?.name}/${path.posix.basename(f).replace(/\.[^.]+$/, '')}`;
  const moved = deleted.filter((d) => [...added].some((a) => id(a) === id(d)));
  if (moved.length > 0) {
    throw new UsageError(
      `essaim propose ne sait pas proposer le déplacement d’une entrée (${moved.join(', ')}) : faites cette pull request avec Git (git switch -c, git commit, git push), ou demandez à l’équipe éditoriale.`,
    );
  }
  if (deleted.length > 0) {
    io.err(
      `Note : ${deleted.length > 1 ? 'ces suppressions ne sont pas proposées' : 'cette suppression n’est pas proposée'} (essaim propose n’envoie que des ajouts et des modifications) : ${deleted.join(', ')}`,
    );
  }
  return [...added].sort();
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, item.name);
    if (item.isDirectory()) out.push(...walk(abs));
    else if (item.isFile()) out.push(abs);
  }
  return out;
}

/** `essaim/<n>-entrees-<hash>`: the same set of files always gets the same branch. */
function branchFor(entries: readonly ProposedEntry[]): string {
  const [only] = entries;
  if (entries.length === 1 && only) return branchName(only.collection, only.id);
  const hash = createHash('sha256')
    .update(
      entries
        .map((e) => e.file)
        .sort()
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 8);
  return `essaim/${entries.length}-entrees-${hash}`;
}

function localAuthor(root: string): { name: string; email: string } | undefined {
  try {
    const name = gitText(root, ['config', 'user.name']);
    const email = gitText(root, ['config', 'user.email']);
    return name && email ? { name, email } : undefined;
  } catch {
    return undefined;
  }
}

export async function propose(paths: string[], options: ProposeOptions, io: Io): Promise<ExitCode> {
  const root = findRoot(io.cwd);
  assertGitRepository(root);
  const base = findBase(root, options.base);
  const target = options.repo
    ? parseRepoOption(options.repo)
    : (() => {
        const url = remoteUrl(root);
        return url ? parseRemote(url) : undefined;
      })();

  const files = selectFiles(root, base, paths, io);
  if (files.length === 0) {
    throw new UsageError(
      `Rien à proposer : aucune entrée ajoutée ou modifiée par rapport à « ${base.name} ». Créez-en une avec « npm run essaim -- new fiche », ou indiquez les fichiers à proposer.`,
    );
  }

  // Validation first: nothing leaves the machine while something is wrong.
  const { entries: parsed, problems } = validateRepository(
    root,
    files.map((f) => path.join(root, f)),
  );
  const checked = new Set([...parsed.map((e) => e.file), ...problems.map((p) => p.file)]).size;
  if (problems.some((p) => p.severity === 'error')) {
    io.out(formatProblems(problems, 'text', checked));
    io.err(
      'Rien n’a été envoyé : corrigez ces problèmes (npm run essaim -- validate), puis relancez npm run essaim -- propose.',
    );
    return 1;
  }
  if (problems.length > 0) io.out(formatProblems(problems, 'text', checked));

  const entries: ProposedEntry[] = [];
  const changes: FileChange[] = [];
  const prefix = path.relative(topLevel(root), root).split(path.sep).join('/');
  for (const e of parsed) {
    const content = fs.readFileSync(path.join(root, e.file), 'utf8');
    const before = showFile(root, base.ref, e.file);
    if (before && before.toString('utf8') === content) continue;
    const id = typeof e.data?.id === 'string' ? e.data.id : path.posix.basename(e.file, extensionOf(e.collection));
    entries.push({
      collection: e.collection.name,
      file: e.file,
      id,
      title: typeof e.data?.titre === 'string' ? e.data.titre : id,
      kind: before ? 'changed' : 'added',
    });
    changes.push({ path: prefix ? `${prefix}/${e.file}` : e.file, content });
  }
  if (entries.length === 0) {
    throw new UsageError(`Rien à proposer : ces entrées sont identiques sur « ${base.name} ».`);
  }
  const rank = (e: ProposedEntry): number => allCollections().findIndex((c) => c.name === e.collection);
  entries.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
  changes.sort((a, b) => a.path.localeCompare(b.path));

  const branch = branchFor(entries);
  const title = options.titre?.trim() || pullRequestTitle(entries);
  const labels = pullRequestLabels(entries);
  const message = commitMessage(entries);
  const diff = diffRevisions(root, base.ref, undefined, { files: entries.map((e) => e.file) });
  const body = pullRequestBody(entries, {
    diff: renderDiff(diff, 'markdown'),
    fullDiffHint: `npm run essaim -- diff ${base.name}`,
  });

  if (options.dryRun) {
    io.out(
      [
        'Simulation (--dry-run) : rien n’est envoyé ni écrit.',
        '',
        `Dépôt : ${target ? `${target.owner}/${target.repo}` : 'inconnu (indiquez --repo propriétaire/nom)'}`,
        `Branche de base : ${base.name}`,
        `Branche : ${branch}`,
        'Fichiers :',
        ...entries.map(
          (e) => `  ${e.kind === 'added' ? '+' : '~'} ${e.file} (${e.kind === 'added' ? 'ajoutée' : 'modifiée'})`,
        ),
        `Titre : ${title}`,
        `Étiquettes : ${labels.join(', ')}`,
        `Brouillon : ${options.draft ? 'oui' : 'non'}`,
        `Message du commit : ${message.split('\n')[0]}`,
        '',
        '--- Description de la pull request ---',
        body,
      ].join('\n'),
    );
    return 0;
  }

  if (options.local) {
    const { proposeLocally } = await import('../../src/github/local.js');
    const author = localAuthor(root);
    const result = await wrap(() =>
      proposeLocally(topLevel(root), {
        base: base.ref,
        branch,
        files: changes,
        commitMessage: message,
        ...(author ? { author } : {}),
      }),
    );
    io.out(
      [
        `✔ Branche locale « ${result.branch} » ${result.created ? 'créée' : 'mise à jour'} : commit ${result.commit.slice(0, 7)} sur « ${base.name} » (${plural(entries.length, 'entrée')}).`,
        '  Votre dossier de travail n’a pas changé.',
        '',
        'Pour la proposer :',
        `  1. git push origin ${result.branch}`,
        '     (sans droit d’écriture sur le dépôt, poussez vers votre copie : git push <votre-fork> …)',
        `  2. Ouvrez la pull request vers « ${base.name} » sur GitHub (le lien s’affiche après le push) avec :`,
        `     Titre : ${title}`,
        `     Étiquettes : ${labels.join(', ')}`,
        '     La description proposée : npm run essaim -- propose --dry-run',
      ].join('\n'),
    );
    return 0;
  }

  if (!target) {
    throw new UsageError(
      'Dépôt GitHub inconnu : le remote « origin » n’est pas une adresse GitHub. Indiquez-le avec --repo propriétaire/nom.',
    );
  }
  const { createGitHubClient, resolveToken } = await import('../../src/github/client.js');
  const token = await resolveToken(io.env);
  if (!token) throw new UsageError(TOKEN_HELP);
  const { proposeChange } = await import('../../src/github/pull-request.js');
  const octokit = createGitHubClient({
    token,
    ...(io.env.ESSAIM_GITHUB_API_URL ? { baseUrl: io.env.ESSAIM_GITHUB_API_URL } : {}),
  });
  const result = await wrap(() =>
    proposeChange(octokit, {
      owner: target.owner,
      repo: target.repo,
      base: base.name,
      branch,
      files: changes,
      commitMessage: message,
      title,
      body,
      labels,
      draft: options.draft ?? false,
    }),
  );
  io.out(
    [
      `✔ Pull request ${result.created ? 'ouverte' : 'mise à jour'} : ${result.url}`,
      `  #${result.number} « ${title} » — ${plural(entries.length, 'entrée')}, étiquettes : ${labels.join(', ')}`,
      result.forked
        ? `  Vous n’avez pas le droit d’écrire dans ${target.owner}/${target.repo} : les modifications sont sur votre copie ${result.headOwner}/${target.repo}, branche « ${result.branch} ».`
        : `  Branche : ${result.branch}`,
      ...result.warnings.map((w) => `  ⚠ ${w}`),
      '',
      result.created
        ? 'L’équipe éditoriale va relire votre proposition. Pour la corriger, modifiez les fichiers puis relancez npm run essaim -- propose : la même pull request sera mise à jour.'
        : 'La pull request existante a été mise à jour avec vos dernières modifications.',
    ].join('\n'),
  );
  return 0;
}

const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;

/** Failures of the GitHub library are final French messages: exit 2, no stack trace. */
async function wrap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ProposeError) throw new UsageError(e.message);
    throw e;
  }
}
