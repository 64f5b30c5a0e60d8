// JSON bodies shaped like GitHub's (api.github.com), built from the simulator's state.
import type { Json, JsonObject } from './contract.js';
import type { SimComment, SimIssue, SimLabel, SimRepo, SimUser } from './state.js';

export interface Urls {
  /** REST API root, e.g. http://127.0.0.1:1234/api/v3 */
  api: string;
  /** Web root, e.g. http://127.0.0.1:1234 */
  web: string;
}

export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

export function userJson(urls: Urls, user: SimUser): JsonObject {
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'User' ? 'U' : 'O', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${user.type === 'Bot' ? 'apps/' : ''}${encodeURIComponent(user.login.replace(/\[bot\]$/, ''))}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function privateUserJson(urls: Urls, user: SimUser, counts: { publicRepos: number }): JsonObject {
  return {
    ...userJson(urls, user),
    user_view_type: 'private',
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: counts.publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

const REPO_URL_TEMPLATES: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

/** A `repository` / `full-repository` object; `related` adds parent/source for forks. */
export function repoJson(
  urls: Urls,
  repo: SimRepo,
  owner: SimUser,
  extra: { permissions?: { push: boolean; admin: boolean }; parent?: JsonObject; openIssues: number },
): JsonObject {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const web = `${urls.web}/${repo.fullName}`;
  const out: JsonObject = {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userJson(urls, owner),
    private: false,
    html_url: web,
    description: repo.description,
    fork: repo.parent !== undefined,
    url: api,
  };
  for (const [key, suffix] of Object.entries(REPO_URL_TEMPLATES)) out[key] = `${api}${suffix}`;
  Object.assign(out, {
    git_url: `${web.replace(/^https?:/, 'git:')}.git`,
    ssh_url: `git@${new URL(urls.web).host}:${repo.fullName}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: repo.forksCount,
    forks: repo.forksCount,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: extra.openIssues,
    open_issues: extra.openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: repo.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: repo.forksCount,
    subscribers_count: 0,
  } satisfies JsonObject);
  if (extra.permissions) {
    const { push, admin } = extra.permissions;
    out.permissions = { admin, maintain: admin, push, triage: push, pull: true };
  }
  if (extra.parent) {
    out.parent = extra.parent;
    out.source = extra.parent;
  }
  return out;
}

export function labelJson(urls: Urls, repo: SimRepo, label: SimLabel): JsonObject {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

export function authorAssociation(repo: SimRepo, login: string): string {
  if (login === repo.owner) return 'OWNER';
  if (repo.pushers.has(login)) return 'COLLABORATOR';
  return 'NONE';
}

export function issueJson(urls: Urls, repo: SimRepo, issue: SimIssue, user: SimUser, labels: SimLabel[]): JsonObject {
  const api = `${urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const out: JsonObject = {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
    url: api,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${urls.web}/${repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state === 'closed' ? 'completed' : null,
    title: issue.title,
    body: issue.body,
    user: userJson(urls, user),
    labels: labels.map((label) => labelJson(urls, repo, label)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: repo.comments.filter((comment) => comment.issueNumber === issue.number).length,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: authorAssociation(repo, issue.user),
  };
  if (issue.pull) {
    const pullApi = `${urls.api}/repos/${repo.fullName}/pulls/${issue.number}`;
    const web = `${urls.web}/${repo.fullName}/pull/${issue.number}`;
    out.pull_request = {
      url: pullApi,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: issue.pull.mergedAt ?? null,
    };
    out.draft = issue.pull.draft;
  }
  return out;
}

export interface PullSide {
  ref: string;
  sha: string;
  repo: JsonObject;
  user: JsonObject;
  ownerLogin: string;
}

/** `pull-request-simple`; pass `stats` to get the full `pull-request`. */
export function pullJson(
  urls: Urls,
  repo: SimRepo,
  issue: SimIssue,
  sides: { head: PullSide; base: PullSide; user: JsonObject; labels: SimLabel[] },
  stats?: { commits: number; additions: number; deletions: number; changedFiles: number; comments: number },
): JsonObject {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} n’est pas une pull request`);
  const api = `${urls.api}/repos/${repo.fullName}/pulls/${issue.number}`;
  const issueApi = `${urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const web = `${urls.web}/${repo.fullName}/pull/${issue.number}`;
  const statuses = `${urls.api}/repos/${repo.fullName}/statuses/${sides.head.sha}`;
  const side = (value: PullSide): JsonObject => ({
    label: `${value.ownerLogin}:${value.ref}`,
    ref: value.ref,
    sha: value.sha,
    user: value.user,
    repo: value.repo,
  });
  const out: JsonObject = {
    url: api,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: statuses,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: sides.user,
    body: issue.body,
    // GitHub's description types a pull request's label description as a (non-null) string.
    labels: sides.labels.map((label) => ({ ...labelJson(urls, repo, label), description: label.description ?? '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt ?? null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(sides.head),
    base: side(sides.base),
    _links: {
      self: { href: api },
      html: { href: web },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${urls.api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: statuses },
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
  if (stats) {
    Object.assign(out, {
      merged: pull.mergedAt !== undefined,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: stats.comments,
      review_comments: 0,
      maintainer_can_modify: pull.maintainerCanModify,
      commits: stats.commits,
      additions: stats.additions,
      deletions: stats.deletions,
      changed_files: stats.changedFiles,
    } satisfies JsonObject);
  }
  return out;
}

export function commentJson(
  urls: Urls,
  repo: SimRepo,
  comment: SimComment,
  user: SimUser,
  isPull: boolean,
): JsonObject {
  const kind = isPull ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(urls, user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.user),
  };
}

export function errorJson(message: string, documentationUrl: string, status: number, errors?: Json[]): JsonObject {
  const out: JsonObject = { message, documentation_url: documentationUrl, status: String(status) };
  if (errors) out.errors = errors;
  return out;
}
