/**
 * Follow-up of a transmitted submission: the pull request's state read from GitHub (open, merged,
 * closed with the maintainers' last comment as the reason), and — when the person agreed — one
 * e-mail when it is merged or closed. Plain-text e-mail: no entry text reaches HTML.
 */
import type { GitHubClient } from '../github/client.js';
import type { Mailer } from '../mail/mailer.js';
import type { Outbox, PullState, Submission } from './store.js';

export interface PullStatus {
  state: PullState;
  reason: string | null;
}

export type PullReader = (s: Submission) => Promise<PullStatus>;

const MAX_REASON = 1000;

export function gitHubPullReader(octokitFor: () => Promise<GitHubClient>, repository: string): PullReader {
  const [owner, repo] = repository.split('/') as [string, string];
  return async (s) => {
    if (s.prNumber === null) return { state: 'open', reason: null };
    const octokit = await octokitFor();
    const pull = (await octokit.rest.pulls.get({ owner, repo, pull_number: s.prNumber })).data;
    if (pull.merged_at) return { state: 'merged', reason: null };
    if (pull.state !== 'closed') return { state: 'open', reason: null };
    const comments = (await octokit.rest.issues.listComments({ owner, repo, issue_number: s.prNumber, per_page: 100 }))
      .data;
    const last = comments.at(-1)?.body?.trim();
    return { state: 'closed', reason: last ? last.slice(0, MAX_REASON) : null };
  };
}

/** The e-mail for a final state, in French, plain text. */
export function followUpMail(s: Submission, status: PullStatus): { subject: string; text: string } {
  const link = s.prUrl ? `\n\nLa proposition : ${s.prUrl}` : '';
  if (status.state === 'merged')
    return {
      subject: `Votre proposition « ${s.title} » est publiée`,
      text: `Bonjour,\n\nL’équipe éditoriale a accepté votre proposition « ${s.title} » : elle sera en ligne sur le portail à la prochaine mise à jour du site. Merci pour votre contribution.${link}\n`,
    };
  return {
    subject: `Votre proposition « ${s.title} » n’a pas été retenue`,
    text: `Bonjour,\n\nL’équipe éditoriale a fermé votre proposition « ${s.title} » sans la publier.${status.reason ? `\n\nSa réponse :\n\n${status.reason}` : ''}${link}\n\nVous pouvez répondre en proposant une nouvelle version depuis le portail.\n`,
  };
}

/**
 * Reads the state of one transmitted submission and records it; sends the e-mail once, when the
 * state is final and the person agreed. Returns the submission as updated.
 */
export async function refreshPull(
  outbox: Outbox,
  read: PullReader,
  mailer: Mailer | undefined,
  s: Submission,
  now = Date.now(),
): Promise<Submission> {
  if (s.status !== 'ouverte' || s.prNumber === null || s.prState === 'merged' || s.prState === 'closed') return s;
  const status = await read(s);
  outbox.setPullState(s.id, status.state, status.reason, now);
  if (status.state !== 'open' && s.notify && s.contactEmail && s.notifiedAt === null && mailer) {
    await mailer.send({ to: s.contactEmail, ...followUpMail(s, status) });
    outbox.markNotified(s.id, now);
  }
  return outbox.get(s.id) ?? s;
}

/** Refreshes every transmitted submission whose pull request is still open (periodic sweep). */
export async function refreshOpenPulls(outbox: Outbox, read: PullReader, mailer: Mailer | undefined): Promise<void> {
  for (const s of outbox.openPulls()) {
    try {
      await refreshPull(outbox, read, mailer, s);
    } catch {
      // Tried again at the next sweep.
    }
  }
}
