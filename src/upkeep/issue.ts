/** Keeps the one upkeep issue of the repository up to date: edits it, never opens a second. */
import type { GitHubClient } from '../github/client.js';

export const UPKEEP_TITLE = 'Entretien du portail';
export const UPKEEP_LABEL = 'entretien';

export interface UpkeepIssueResult {
  number: number;
  url: string;
  created: boolean;
}

export async function upsertUpkeepIssue(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  body: string,
): Promise<UpkeepIssueResult> {
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    labels: UPKEEP_LABEL,
    per_page: 100,
  });
  const existing = open
    .filter((i) => !i.pull_request && i.title === UPKEEP_TITLE)
    .sort((a, b) => a.number - b.number)[0];
  if (existing) {
    await octokit.rest.issues.update({ ...repo, issue_number: existing.number, body });
    return { number: existing.number, url: existing.html_url, created: false };
  }
  const { data } = await octokit.rest.issues.create({ ...repo, title: UPKEEP_TITLE, body, labels: [UPKEEP_LABEL] });
  return { number: data.number, url: data.html_url, created: true };
}

export function upkeepBody(sections: string[], runDate: string): string {
  return [
    `_Mis à jour automatiquement le ${runDate} par le workflow « Entretien ». Ce ticket est modifié à chaque passage : ne le fermez que lorsque tout est traité._`,
    ...sections.map((s) => s.trim()).filter(Boolean),
  ].join('\n\n');
}
