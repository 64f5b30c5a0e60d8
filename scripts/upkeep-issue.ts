/**
 * Weekly upkeep (workflow `upkeep.yml`): puts the reports given as files into the one
 * "Entretien du portail" issue of the repository. Usage: tsx scripts/upkeep-issue.ts rapport.md…
 */
import fs from 'node:fs';
import { createGitHubClient } from '../src/github/client.js';
import { upkeepBody, upsertUpkeepIssue } from '../src/upkeep/issue.js';

const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
const token = process.env.GITHUB_TOKEN;
if (!owner || !repo || !token) {
  console.error('GITHUB_REPOSITORY (owner/name) et GITHUB_TOKEN sont nécessaires.');
  process.exitCode = 2;
} else {
  const sections = process.argv.slice(2).map((file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''));
  const octokit = createGitHubClient({
    token,
    baseUrl: process.env.ESSAIM_GITHUB_API_URL ?? process.env.GITHUB_API_URL,
  });
  const result = await upsertUpkeepIssue(
    octokit,
    { owner, repo },
    upkeepBody(sections, new Date().toISOString().slice(0, 10)),
  );
  console.log(`${result.created ? 'Ticket ouvert' : 'Ticket mis à jour'} : ${result.url}`);
}
