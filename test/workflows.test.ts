/** Reads the GitHub workflows and checks the promises they make: commands exist, no script injection, least permissions. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: unknown;
  steps: Step[];
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const dir = '.github/workflows';
const workflows = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => [f, parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Workflow]),
);
const scripts = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const SHELL = new Set(['mkdir', 'echo', 'cat', 'test', 'true', 'cd']);

const runs = (w: Workflow): string[] =>
  Object.values(w.jobs).flatMap((j) => j.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string'));
/** Simple commands of a `run:` block (lines split on &&, ||, | and ;; redirections dropped). */
const commands = (run: string): string[][] =>
  run
    .split('\n')
    .flatMap((l) => l.split(/&&|\|\||\||;/))
    .map((c) => c.replace(/\s[0-9]?>\s*\S+/g, '').trim())
    .filter(Boolean)
    .map((c) => c.split(/\s+/));

const essaimCommands = new Set<string>();
function essaimHas(cmd: string): boolean {
  if (!fs.existsSync(`cli/commands/${cmd}.ts`)) return false;
  if (!essaimCommands.has(cmd)) {
    try {
      execFileSync('node', ['cli/bin.mjs', cmd, '--help'], { stdio: 'pipe' });
      essaimCommands.add(cmd);
    } catch {
      return false;
    }
  }
  return true;
}

describe('GitHub workflows', () => {
  it('exist and parse: CI, diff comment, deployment, upkeep', () => {
    expect(Object.keys(workflows).sort()).toEqual(['ci.yml', 'deploy.yml', 'pr-comment.yml', 'upkeep.yml']);
  });

  it.each(Object.keys(workflows))('%s: every command it runs exists in the project', (file) => {
    for (const run of runs(workflows[file]!)) {
      for (const [cmd, ...args] of commands(run)) {
        const where = `${file} : « ${[cmd, ...args].join(' ')} »`;
        if (cmd === 'node' && args[0] === 'cli/bin.mjs') expect(essaimHas(args[1]!), where).toBe(true);
        else if (cmd === 'npx' && args[0] === 'tsx') expect(fs.existsSync(args[1]!), where).toBe(true);
        else if (cmd === 'npm' && args[0] === 'run') expect(scripts[args[1]!], where).toBeDefined();
        else if (cmd === 'npm') expect(['ci', 'test'], where).toContain(args[0]);
        else if (cmd === 'node') expect(fs.existsSync(args[0]!), where).toBe(true);
        else expect(SHELL.has(cmd!), where).toBe(true);
      }
    }
  });

  it.each(Object.keys(workflows))('%s: no ${{ }} expression in a run line (script injection)', (file) => {
    for (const run of runs(workflows[file]!)) expect(run).not.toMatch(/\$\{\{/);
  });

  it.each(Object.keys(workflows))('%s: minimal permissions by default, widened job by job', (file) => {
    const w = workflows[file]!;
    expect([{}, { contents: 'read' }]).toContainEqual(w.permissions);
    for (const job of Object.values(w.jobs)) {
      expect(JSON.stringify(job.permissions ?? {})).not.toMatch(/write-all|read-all/);
    }
  });

  it('check contributions (forks included) without secrets or write access', () => {
    const ci = workflows['ci.yml']!;
    expect(Object.keys(ci.on)).toContain('pull_request');
    expect(Object.keys(ci.on)).not.toContain('pull_request_target');
    expect(JSON.stringify(ci)).not.toMatch(/secrets\./);
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
    const steps = runs(ci).join('\n');
    for (const check of [
      'cli/bin.mjs validate --format github',
      'cli/bin.mjs format --check',
      'npm run typecheck',
      'npm test',
      'npm run build',
    ])
      expect(steps).toContain(check);
  });

  it('write the diff comment without ever checking out or running the contribution', () => {
    const w = workflows['pr-comment.yml']!;
    expect(Object.keys(w.on)).toEqual(['workflow_run']);
    for (const job of Object.values(w.jobs)) {
      expect(job.steps.map((s) => s.uses ?? '')).not.toContainEqual(expect.stringContaining('actions/checkout'));
      expect(job.steps.every((s) => s.run === undefined)).toBe(true);
      expect(job.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    }
    const script = String(
      w.jobs.commenter!.steps.find((s) => s.uses?.startsWith('actions/github-script'))?.with?.script,
    );
    expect(script).toContain('updateComment');
    expect(script).toContain('<!-- essaim-diff -->');
  });

  it('keep the token out of .git/config at every checkout (persist-credentials: false)', () => {
    for (const [file, w] of Object.entries(workflows)) {
      for (const step of Object.values(w.jobs).flatMap((j) => j.steps)) {
        if (step.uses?.startsWith('actions/checkout')) expect(step.with?.['persist-credentials'], file).toBe(false);
      }
    }
  });

  it('run the upkeep every week and keep a single issue up to date', () => {
    const w = workflows['upkeep.yml']!;
    expect(w.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* [0-6]$/) as unknown }]);
    const steps = runs(w).join('\n');
    expect(steps).toContain('cli/bin.mjs links --external');
    expect(steps).toContain('cli/bin.mjs stale');
    expect(steps).toContain('scripts/upkeep-issue.ts');
  });

  it('deploy to GitHub Pages from main', () => {
    const w = workflows['deploy.yml']!;
    expect(w.on.push).toEqual({ branches: ['main'] });
    expect(w.jobs.publier!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });
});

/** Runs the comment workflow's script as github-script would, with a fake API and artifact. */
async function runCommentScript(
  artifact: { number: string; diff: string },
  pr: { state: string; sha: string },
  runHeadSha: string,
) {
  const script = String(
    workflows['pr-comment.yml']!.jobs.commenter!.steps.find((s) => s.uses?.startsWith('actions/github-script'))?.with
      ?.script,
  );
  const written: { action: string; body: string; issue?: number }[] = [];
  const fakeFs = { readFileSync: (file: string) => (file.endsWith('pr-number.txt') ? artifact.number : artifact.diff) };
  const github = {
    rest: {
      pulls: {
        get: async ({ pull_number }: { pull_number: number }) => ({
          data: { number: pull_number, state: pr.state, head: { sha: pr.sha } },
        }),
      },
      issues: {
        listComments: 'listComments',
        createComment: async (a: { issue_number: number; body: string }) =>
          written.push({ action: 'create', body: a.body, issue: a.issue_number }),
        updateComment: async (a: { body: string }) => written.push({ action: 'update', body: a.body }),
      },
    },
    paginate: async () => [],
  };
  const context = {
    repo: { owner: 'essaim-portail', repo: 'essaim' },
    payload: { workflow_run: { head_sha: runHeadSha } },
  };
  const AsyncFunction = (
    Object.getPrototypeOf(async () => undefined) as {
      constructor: new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    }
  ).constructor;
  await new AsyncFunction('require', 'github', 'context', script)(
    (m: string) => (m === 'fs' ? fakeFs : undefined),
    github,
    context,
  );
  return written;
}

describe('diff comment: the artifact of a fork is data to check', () => {
  it('comments on the open pull request whose head is the checked commit, without live mentions', async () => {
    const written = await runCommentScript(
      { number: '7', diff: 'Fiche « @maintainers » **gras** <!-- essaim-diff -->' },
      { state: 'open', sha: 'abc' },
      'abc',
    );
    expect(written).toHaveLength(1);
    expect(written[0]!.issue).toBe(7);
    expect(written[0]!.body).not.toMatch(/@maintainers/);
    expect(written[0]!.body).toContain('@\u2060maintainers');
    expect(written[0]!.body.split('<!-- essaim-diff -->')).toHaveLength(2);
  });

  it('refuses a number that names another pull request (other head) or a closed one', async () => {
    await expect(runCommentScript({ number: '1', diff: 'x' }, { state: 'open', sha: 'autre' }, 'abc')).rejects.toThrow(
      /n’est pas celle que ce CI a vérifiée/,
    );
    await expect(runCommentScript({ number: '1', diff: 'x' }, { state: 'closed', sha: 'abc' }, 'abc')).rejects.toThrow(
      /n’est pas celle/,
    );
    await expect(
      runCommentScript({ number: '1; rm', diff: 'x' }, { state: 'open', sha: 'abc' }, 'abc'),
    ).rejects.toThrow(/invalide/);
  });
});
