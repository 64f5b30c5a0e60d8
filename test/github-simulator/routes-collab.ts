// Repositories, users, forks, pull requests, issues, labels and comments.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../../src/github/git.js';
import type { Json, JsonObject } from './contract.js';
import { HttpFailure, bodyObject, optionalString, paginate, type Ctx, type SimCore } from './core.js';
import { commentJson, issueJson, labelJson, privateUserJson, pullJson, timestamp, type PullSide } from './payloads.js';
import { canPush, type SimIssue, type SimLabel, type SimRepo } from './state.js';

const LABEL_COLORS = ['ededed', '0075ca', 'a2eeef', '7057ff', '008672', 'e4e669', 'd876e3'];

export function registerCollabRoutes(core: SimCore, options: { forkPendingRequests: number }): void {
  const listUrl = (repo: SimRepo, suffix: string): string => `${core.urls.api}/repos/${repo.fullName}${suffix}`;

  const findIssue = (repo: SimRepo, ctx: Ctx, key = 'issue_number'): SimIssue => {
    const issue = repo.issues.find((item) => String(item.number) === ctx.params[key]);
    if (!issue) throw new HttpFailure(404, 'Not Found');
    return issue;
  };

  const findPull = (repo: SimRepo, ctx: Ctx): SimIssue => {
    const issue = findIssue(repo, ctx, 'pull_number');
    if (!issue.pull) throw new HttpFailure(404, 'Not Found');
    return issue;
  };

  const mustEdit = (repo: SimRepo, issue: SimIssue, login: string | undefined): void => {
    if (login !== issue.user && !canPush(repo, login)) {
      throw new HttpFailure(403, 'Resource not accessible by personal access token');
    }
  };

  const ensureLabel = (repo: SimRepo, name: string): SimLabel => {
    let label = repo.labels.find((item) => item.name.toLowerCase() === name.toLowerCase());
    if (!label) {
      label = {
        id: core.id(),
        name,
        color: LABEL_COLORS[repo.labels.length % LABEL_COLORS.length] ?? 'ededed',
        description: null,
      };
      repo.labels.push(label);
    }
    return label;
  };

  const issueLabels = (repo: SimRepo, issue: SimIssue): SimLabel[] =>
    issue.labels.map((name) => ensureLabel(repo, name));

  const renderIssue = (repo: SimRepo, issue: SimIssue): JsonObject =>
    issueJson(core.urls, repo, issue, core.user(issue.user), issueLabels(repo, issue));

  const side = async (repo: SimRepo, ref: string, sha: string): Promise<PullSide> => ({
    ref,
    sha: (await core.refSha(repo, `refs/heads/${ref}`)) ?? sha,
    repo: core.repoJson(repo),
    user: core.userJson(repo.owner),
    ownerLogin: repo.owner,
  });

  const renderPull = async (repo: SimRepo, issue: SimIssue, full: boolean): Promise<JsonObject> => {
    const pull = issue.pull;
    if (!pull) throw new HttpFailure(404, 'Not Found');
    const headRepo = core.state.repos.get(pull.headRepo) ?? repo;
    const head = await side(headRepo, pull.headRef, pull.headSha);
    pull.headSha = head.sha;
    const base = await side(repo, pull.baseRef, '');
    const sides = { head, base, user: core.userJson(issue.user), labels: issueLabels(repo, issue) };
    if (!full) return pullJson(core.urls, repo, issue, sides);
    const range = [`${base.sha}...${head.sha}`];
    const commits = Number(
      await git(headRepo.gitDir, ['rev-list', '--count', `${base.sha}..${head.sha}`]).catch(() => '0'),
    );
    const numstat = await git(headRepo.gitDir, ['diff', '--numstat', ...range]).catch(() => '');
    let additions = 0;
    let deletions = 0;
    const files = numstat.split('\n').filter((line) => line !== '');
    for (const line of files) {
      const [added = '0', removed = '0'] = line.split('\t');
      additions += Number(added) || 0;
      deletions += Number(removed) || 0;
    }
    const comments = repo.comments.filter((comment) => comment.issueNumber === issue.number).length;
    return pullJson(core.urls, repo, issue, sides, {
      commits,
      additions,
      deletions,
      changedFiles: files.length,
      comments,
    });
  };

  const newIssue = (repo: SimRepo, login: string, title: string, body: string | null): SimIssue => {
    const now = timestamp();
    const issue: SimIssue = {
      id: core.id(),
      number: repo.issues.length + 1,
      title,
      body,
      state: 'open',
      user: login,
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    repo.issues.push(issue);
    return issue;
  };

  const applyEdits = (issue: SimIssue, body: JsonObject): void => {
    if (typeof body.title === 'string') issue.title = body.title;
    if (body.body !== undefined) issue.body = optionalString(body.body) ?? null;
    if (body.state === 'open' || body.state === 'closed') {
      if (issue.state !== body.state) issue.closedAt = body.state === 'closed' ? timestamp() : null;
      issue.state = body.state;
    }
    issue.updatedAt = timestamp();
  };

  const sortAndFilterState = (items: SimIssue[], query: URLSearchParams): SimIssue[] => {
    const state = query.get('state') ?? 'open';
    const direction = query.get('direction') ?? 'desc';
    const sorted = items
      .filter((issue) => state === 'all' || issue.state === state)
      .sort((a, b) => a.number - b.number);
    return direction === 'asc' ? sorted : sorted.reverse();
  };

  core.route('GET', '/user', 'login', async (ctx) => {
    if (ctx.installation) throw new HttpFailure(403, 'Resource not accessible by integration');
    const login = ctx.login ?? '';
    const publicRepos = [...core.state.repos.values()].filter((repo) => repo.owner === login).length;
    return { status: 200, body: privateUserJson(core.urls, core.user(login), { publicRepos }) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}', 'public', async (ctx, repo) => ({
    status: 200,
    // Like GitHub, no `permissions` for an App installation token: they are a user's.
    body: core.repoJson(repo, ctx.installation ? undefined : ctx.login),
  }));

  core.repoRoute('POST', '/repos/{owner}/{repo}/forks', 'login', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const login = ctx.login ?? '';
    const owner = optionalString(body.organization) ?? login;
    const wanted = optionalString(body.name) ?? repo.name;
    const existing = [...core.state.repos.values()].find(
      (item) => item.owner === owner && item.parent === repo.fullName,
    );
    if (existing) return { status: 202, body: core.repoJson(existing, login) };
    let name = wanted;
    for (let n = 1; core.state.repos.has(`${owner}/${name}`); n += 1) name = `${wanted}-${n}`;
    const gitDir = join(core.root, 'repos', owner, `${name}.git`);
    await mkdir(join(core.root, 'repos', owner), { recursive: true });
    const branchOnly = body.default_branch_only === true ? ['--single-branch', '--branch', repo.defaultBranch] : [];
    await git(core.root, ['clone', '--bare', '--quiet', ...branchOnly, repo.gitDir, gitDir]);
    await git(gitDir, ['remote', 'remove', 'origin']).catch(() => '');
    // A fork shares its parent's object store, like GitHub's fork networks.
    await writeFile(join(gitDir, 'objects', 'info', 'alternates'), `${join(repo.gitDir, 'objects')}\n`);
    const now = timestamp();
    const fork: SimRepo = {
      id: core.id(),
      owner,
      name,
      fullName: `${owner}/${name}`,
      gitDir,
      defaultBranch: repo.defaultBranch,
      description: repo.description,
      pushers: new Set([login]),
      parent: repo.fullName,
      forksCount: 0,
      createdAt: now,
      pushedAt: now,
      pendingRequests: options.forkPendingRequests,
      issues: [],
      labels: [],
      comments: [],
    };
    core.state.repos.set(fork.fullName, fork);
    repo.forksCount += 1;
    return { status: 202, body: core.repoJson(fork, login) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/pulls', 'public', async (ctx, repo) => {
    const head = ctx.query.get('head');
    const base = ctx.query.get('base');
    const matches = repo.issues.filter((issue) => {
      const pull = issue.pull;
      if (!pull) return false;
      if (base !== null && pull.baseRef !== base) return false;
      if (head === null) return true;
      const [headOwner = '', headRef] = head.includes(':') ? head.split(/:(.*)/s) : [repo.owner, head];
      return (
        pull.headRepo.split('/')[0] === headOwner &&
        (headRef === undefined || headRef === '' || pull.headRef === headRef)
      );
    });
    const { page, headers } = paginate(sortAndFilterState(matches, ctx.query), ctx.query, listUrl(repo, '/pulls'));
    const body: Json[] = [];
    for (const issue of page) body.push(await renderPull(repo, issue, false));
    return { status: 200, body, headers };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 'public', async (ctx, repo) => ({
    status: 200,
    body: await renderPull(repo, findPull(repo, ctx), true),
  }));

  core.repoRoute('POST', '/repos/{owner}/{repo}/pulls', 'login', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const login = ctx.login ?? '';
    const head = optionalString(body.head) ?? '';
    const baseRef = optionalString(body.base) ?? '';
    const [headOwner, headRef = ''] = head.includes(':') ? head.split(/:(.*)/s) : [repo.owner, head];
    const headRepo =
      headOwner === repo.owner
        ? repo
        : [...core.state.repos.values()].find((item) => item.owner === headOwner && item.parent === repo.fullName);
    const headSha = headRepo && headRef ? await core.refSha(headRepo, `refs/heads/${headRef}`) : undefined;
    if (!headRepo || !headSha)
      throw new HttpFailure(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    const baseSha = await core.refSha(repo, `refs/heads/${baseRef}`);
    if (!baseSha)
      throw new HttpFailure(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    const duplicate = repo.issues.find(
      (issue) =>
        issue.state === 'open' &&
        issue.pull?.headRepo === headRepo.fullName &&
        issue.pull.headRef === headRef &&
        issue.pull.baseRef === baseRef,
    );
    if (duplicate) {
      throw new HttpFailure(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${headOwner}:${headRef}.`,
        },
      ]);
    }
    if (await core.isAncestor(headRepo.gitDir, headSha, baseSha)) {
      throw new HttpFailure(422, 'Validation Failed', [
        { resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${headRef}` },
      ]);
    }
    const issue = newIssue(repo, login, optionalString(body.title) ?? '', optionalString(body.body) ?? null);
    issue.pull = {
      id: core.id(),
      headRepo: headRepo.fullName,
      headRef,
      headSha,
      baseRef,
      draft: body.draft === true,
      maintainerCanModify: headRepo !== repo && body.maintainer_can_modify !== false,
    };
    return { status: 201, body: await renderPull(repo, issue, true) };
  });

  core.repoRoute('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', 'login', async (ctx, repo) => {
    const issue = findPull(repo, ctx);
    mustEdit(repo, issue, ctx.login);
    const body = bodyObject(ctx.body);
    applyEdits(issue, body);
    if (typeof body.base === 'string' && issue.pull) issue.pull.baseRef = body.base;
    return { status: 200, body: await renderPull(repo, issue, true) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/labels', 'public', async (ctx, repo) => {
    const { page, headers } = paginate(repo.labels, ctx.query, listUrl(repo, '/labels'));
    return { status: 200, body: page.map((label) => labelJson(core.urls, repo, label)), headers };
  });

  core.repoRoute('POST', '/repos/{owner}/{repo}/labels', 'push', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const name = optionalString(body.name) ?? '';
    if (repo.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
      throw new HttpFailure(422, 'Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const label = ensureLabel(repo, name);
    label.color = (optionalString(body.color) ?? label.color).replace(/^#/, '');
    label.description = optionalString(body.description) ?? null;
    return { status: 201, body: labelJson(core.urls, repo, label) };
  });

  core.repoRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', 'push', async (ctx, repo) => {
    const issue = findIssue(repo, ctx);
    const raw = Array.isArray(ctx.body) ? ctx.body : bodyObject(ctx.body).labels;
    const names = (Array.isArray(raw) ? raw : []).map((item) =>
      typeof item === 'string' ? item : (optionalString(bodyObject(item).name) ?? ''),
    );
    for (const name of names) {
      const label = ensureLabel(repo, name);
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
    issue.updatedAt = timestamp();
    return { status: 200, body: issueLabels(repo, issue).map((label) => labelJson(core.urls, repo, label)) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/issues', 'public', async (ctx, repo) => {
    const labels =
      ctx.query
        .get('labels')
        ?.split(',')
        .filter((name) => name !== '') ?? [];
    const creator = ctx.query.get('creator');
    const matches = repo.issues.filter(
      (issue) =>
        (creator === null || issue.user === creator) &&
        labels.every((name) => issue.labels.some((label) => label.toLowerCase() === name.toLowerCase())),
    );
    const { page, headers } = paginate(sortAndFilterState(matches, ctx.query), ctx.query, listUrl(repo, '/issues'));
    return { status: 200, body: page.map((issue) => renderIssue(repo, issue)), headers };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 'public', async (ctx, repo) => ({
    status: 200,
    body: renderIssue(repo, findIssue(repo, ctx)),
  }));

  core.repoRoute('POST', '/repos/{owner}/{repo}/issues', 'login', async (ctx, repo) => {
    const body = bodyObject(ctx.body);
    const login = ctx.login ?? '';
    const issue = newIssue(repo, login, optionalString(body.title) ?? '', optionalString(body.body) ?? null);
    // Like GitHub, labels from someone without triage rights are silently dropped.
    if (canPush(repo, login) && Array.isArray(body.labels)) {
      for (const item of body.labels) {
        const name = typeof item === 'string' ? item : (optionalString(bodyObject(item).name) ?? '');
        issue.labels.push(ensureLabel(repo, name).name);
      }
    }
    return { status: 201, body: renderIssue(repo, issue) };
  });

  core.repoRoute('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', 'login', async (ctx, repo) => {
    const issue = findIssue(repo, ctx);
    mustEdit(repo, issue, ctx.login);
    const body = bodyObject(ctx.body);
    applyEdits(issue, body);
    if (Array.isArray(body.labels) && canPush(repo, ctx.login)) {
      issue.labels = body.labels.map(
        (item) =>
          ensureLabel(repo, typeof item === 'string' ? item : (optionalString(bodyObject(item).name) ?? '')).name,
      );
    }
    return { status: 200, body: renderIssue(repo, issue) };
  });

  core.repoRoute('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'public', async (ctx, repo) => {
    const issue = findIssue(repo, ctx);
    const comments = repo.comments.filter((comment) => comment.issueNumber === issue.number);
    const { page, headers } = paginate(comments, ctx.query, listUrl(repo, `/issues/${issue.number}/comments`));
    const body = page.map((comment) =>
      commentJson(core.urls, repo, comment, core.user(comment.user), issue.pull !== undefined),
    );
    return { status: 200, body, headers };
  });

  core.repoRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'login', async (ctx, repo) => {
    const issue = findIssue(repo, ctx);
    const now = timestamp();
    const login = ctx.login ?? '';
    const comment = {
      id: core.id(),
      issueNumber: issue.number,
      body: optionalString(bodyObject(ctx.body).body) ?? '',
      user: login,
      createdAt: now,
      updatedAt: now,
    };
    repo.comments.push(comment);
    return { status: 201, body: commentJson(core.urls, repo, comment, core.user(login), issue.pull !== undefined) };
  });

  core.repoRoute('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 'login', async (ctx, repo) => {
    const comment = repo.comments.find((item) => String(item.id) === ctx.params.comment_id);
    if (!comment) throw new HttpFailure(404, 'Not Found');
    if (comment.user !== ctx.login && !canPush(repo, ctx.login)) {
      throw new HttpFailure(403, 'Resource not accessible by personal access token');
    }
    comment.body = optionalString(bodyObject(ctx.body).body) ?? '';
    comment.updatedAt = timestamp();
    const isPull = repo.issues.find((issue) => issue.number === comment.issueNumber)?.pull !== undefined;
    return { status: 200, body: commentJson(core.urls, repo, comment, core.user(comment.user), isPull) };
  });
}
