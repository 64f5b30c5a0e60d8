// In-memory state of the simulator; Git data itself lives in real bare repositories.

export interface SimUser {
  login: string;
  id: number;
  type: 'User' | 'Organization' | 'Bot';
  name: string | null;
  createdAt: string;
}

export interface SimLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface SimPull {
  id: number;
  /** `owner/name` of the repository holding the head branch (a fork or the base repository). */
  headRepo: string;
  headRef: string;
  /** Last known head commit (kept if the branch disappears). */
  headSha: string;
  baseRef: string;
  draft: boolean;
  maintainerCanModify: boolean;
  /** Set by a test to simulate a merge (with `state: 'closed'`). */
  mergedAt?: string;
}

export interface SimIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: string;
  /** Label names. */
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Present when the issue is a pull request. */
  pull?: SimPull;
}

export interface SimComment {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimRepo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  /** Bare Git repository on disk. */
  gitDir: string;
  defaultBranch: string;
  description: string | null;
  /** Logins allowed to push (the owner always can). */
  pushers: Set<string>;
  /** `owner/name` of the repository this one was forked from. */
  parent?: string;
  forksCount: number;
  createdAt: string;
  pushedAt: string;
  /** Requests still answered 404 while a new fork is "being created". */
  pendingRequests: number;
  /** Issues and pull requests share their numbers, as on GitHub. */
  issues: SimIssue[];
  labels: SimLabel[];
  comments: SimComment[];
}

export interface SimState {
  users: Map<string, SimUser>;
  /** Keyed by `owner/name`. */
  repos: Map<string, SimRepo>;
}

export function canPush(repo: SimRepo, login: string | undefined): boolean {
  return login !== undefined && (login === repo.owner || repo.pushers.has(login));
}
