/**
 * How a submission becomes a pull request: through the GitHub API (token or App), or — without
 * credentials — as a branch and a commit of the local repository (working tree and index untouched).
 */
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { ProposeError } from '../github/errors.js';
import { proposeLocally } from '../github/local.js';
import { proposeChange } from '../github/pull-request.js';
import type { GitHubConfig } from './config.js';
import { appInstallationToken, staticToken, type TokenSource } from './github-app.js';
import { collections } from '../content/collections.js';
import { SERVICE_TRAILER, type NewEntry } from '../github/names.js';
import type { Submission } from './store.js';
import { ALLOWED_PATH } from './submission.js';

export interface ProposalResult {
  branch: string;
  prNumber: number | null;
  prUrl: string | null;
  commit: string | null;
}

export type Proposer = (s: Submission) => Promise<ProposalResult>;

export const FORM_LABEL = 'via-formulaire';
/** The service's branches live apart from `essaim propose`'s (`essaim/…`). */
export const FORM_BRANCH_PREFIX = 'formulaire';
/** Edits: `formulaire/modification/<collection>/<id>-<suivi>` (several edits of one entry may be open). */
export const EDIT_BRANCH_PREFIX = 'formulaire/modification';

export function labelsFor(prLabel: string): string[] {
  return [FORM_LABEL, prLabel];
}

/** Checked again right before writing, whatever the outbox holds: only `content/<collection>/<id>.<ext>`. */
function checkedFiles(s: Submission): { path: string; content: string }[] {
  if (!ALLOWED_PATH.test(s.path)) throw new ProposeError(`Chemin de fichier refusé : « ${s.path.slice(0, 120)} ».`);
  return [{ path: s.path, content: s.content }];
}

/** What makes the service's proposals safe: only its own branch, only a new entry (checked on the base when proposing). */
function ownership(s: Submission): { ownerMarker: string; newEntry?: NewEntry } {
  const folder = collections.get(s.collection)?.folder;
  if (!folder) throw new ProposeError(`Collection inconnue : « ${s.collection} ».`);
  // An edit changes the file it was read from (checked by `rebasing`); a new entry must stay new.
  return { ownerMarker: `${SERVICE_TRAILER}: ${s.id}`, ...(s.baseSha ? {} : { newEntry: { folder, id: s.entryId } }) };
}

/** One GitHub client for the service (proposals, reading entries, reports, follow-up), renewed with its token. */
export function gitHubClients(config: GitHubConfig): () => Promise<GitHubClient> {
  const tokens: TokenSource = config.app
    ? appInstallationToken(config.app, config.apiUrl, config.requestTimeoutMs)
    : staticToken(config.token ?? '');
  let client: { token: string; octokit: GitHubClient } | undefined;
  return async (): Promise<GitHubClient> => {
    const token = await tokens.token();
    if (!client || client.token !== token) {
      client = {
        token,
        octokit: createGitHubClient({
          token,
          ...(config.apiUrl ? { baseUrl: config.apiUrl } : {}),
          ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
          ...(config.writeIntervalMs !== undefined ? { writeIntervalMs: config.writeIntervalMs } : {}),
          // The worker has its own backoff across attempts; inside one attempt, a short retry only.
          retries: 1,
        }),
      };
    }
    return client.octokit;
  };
}

export function githubProposer(
  config: GitHubConfig,
  base: string,
  prLabelOf: (s: Submission) => string,
  octokitFor: () => Promise<GitHubClient> = gitHubClients(config),
): Proposer {
  const [owner, repo] = config.repository.split('/') as [string, string];
  return async (s) => {
    const r = await proposeChange(await octokitFor(), {
      owner,
      repo,
      base,
      branch: s.branch,
      files: checkedFiles(s),
      commitMessage: s.commitMessage,
      title: s.prTitle,
      body: s.prBody,
      labels: labelsFor(prLabelOf(s)),
      draft: config.draft ?? false,
      ...ownership(s),
    });
    return { branch: r.branch, prNumber: r.number, prUrl: r.url, commit: r.commit };
  };
}

export const FORM_AUTHOR = { name: 'Formulaire Essaim', email: 'formulaire@essaim.invalid' };

export function localProposer(repoDir: string, base: string): Proposer {
  return async (s) => {
    const r = await proposeLocally(repoDir, {
      base,
      branch: s.branch,
      files: checkedFiles(s),
      commitMessage: s.commitMessage,
      author: FORM_AUTHOR,
      ...ownership(s),
    });
    return { branch: r.branch, prNumber: null, prUrl: null, commit: r.commit };
  };
}
