import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';

const run = promisify(execFile);
let sim: GitHubSimulator | undefined;

afterEach(async () => {
  expect(sim?.contractViolations).toEqual([]);
  await sim?.close();
});

async function upkeep(report: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-entretien-'));
  fs.writeFileSync(path.join(dir, 'entretien.md'), report);
  const { stdout } = await run(
    'npx',
    ['tsx', 'scripts/upkeep-issue.ts', path.join(dir, 'entretien.md'), path.join(dir, 'absent.md')],
    {
      env: {
        ...process.env,
        GITHUB_TOKEN: 'jeton-bot',
        GITHUB_REPOSITORY: 'cocolupa/essaim',
        ESSAIM_GITHUB_API_URL: sim!.baseUrl,
      },
    },
  );
  return stdout;
}

describe('ticket « Entretien du portail »', () => {
  it('est ouvert une fois, puis modifié à chaque passage, jamais dupliqué', async () => {
    sim = await startGitHubSimulator({ tokens: { 'jeton-bot': 'essaim-bot' } });
    await sim.createRepo({
      owner: 'cocolupa',
      name: 'essaim',
      files: { 'README.md': '# Essaim\n' },
      pushers: ['essaim-bot'],
    });

    expect(await upkeep('### Fiches à relire (2)')).toMatch(/^Ticket ouvert : /);
    expect(await upkeep('### Fiches à relire (1)')).toMatch(/^Ticket mis à jour : /);

    const issues = sim.state.repos.get('cocolupa/essaim')!.issues.filter((i) => i.pull === undefined);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.title).toBe('Entretien du portail');
    expect(issues[0]!.body).toContain('### Fiches à relire (1)');
    expect(issues[0]!.body).not.toContain('(2)');
  });
});
