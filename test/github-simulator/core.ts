// Shared pieces of the simulator's route handlers.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../../src/github/git.js';
import type { Json, JsonObject } from './contract.js';
import { repoJson, timestamp, userJson, type Urls } from './payloads.js';
import { canPush, type SimRepo, type SimState, type SimUser } from './state.js';

export interface Reply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

/** Thrown by handlers to answer with a GitHub error body. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Json[],
  ) {
    super(message);
  }
}

export interface Ctx {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json | undefined;
  login: string | undefined;
  /** True for a GitHub App installation token (no user behind it). */
  installation: boolean;
}

export type Access = 'public' | 'login' | 'push';

export interface Route {
  access: Access;
  run: (ctx: Ctx, repo: SimRepo | undefined) => Promise<Reply>;
}

export class SimCore {
  readonly state: SimState = { users: new Map(), repos: new Map() };
  readonly routes = new Map<string, Route>();
  urls: Urls = { api: '', web: '' };
  private nextId = 1000;
  private tempCounter = 0;

  constructor(readonly root: string) {}

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  route(method: string, template: string, access: Access, run: (ctx: Ctx) => Promise<Reply>): void {
    this.routes.set(`${method} ${template}`, { access, run: (ctx) => run(ctx) });
  }

  repoRoute(method: string, template: string, access: Access, run: (ctx: Ctx, repo: SimRepo) => Promise<Reply>): void {
    this.routes.set(`${method} ${template}`, {
      access,
      run: (ctx, repo) => {
        if (!repo) throw new HttpFailure(404, 'Not Found');
        return run(ctx, repo);
      },
    });
  }

  user(login: string): SimUser {
    let user = this.state.users.get(login);
    if (!user) {
      user = { login, id: this.id(), type: 'Organization', name: null, createdAt: timestamp() };
      this.state.users.set(login, user);
    }
    return user;
  }

  userJson(login: string): JsonObject {
    return userJson(this.urls, this.user(login));
  }

  repoJson(repo: SimRepo, viewer?: string): JsonObject {
    const openIssues = repo.issues.filter((issue) => issue.state === 'open').length;
    const parentRepo = repo.parent ? this.state.repos.get(repo.parent) : undefined;
    return repoJson(this.urls, repo, this.user(repo.owner), {
      openIssues,
      permissions: viewer === undefined ? undefined : { push: canPush(repo, viewer), admin: viewer === repo.owner },
      parent: parentRepo ? this.repoJson(parentRepo) : undefined,
    });
  }

  /** Runs `fn` with a fresh temporary index file path. */
  async withTempIndex<T>(fn: (indexFile: string) => Promise<T>): Promise<T> {
    this.tempCounter += 1;
    const dir = await mkdtemp(join(this.root, `index-${this.tempCounter}-`));
    try {
      return await fn(join(dir, 'index'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Object a ref points to (exact ref name), with its type, in one `git` call. */
  async refInfo(repo: SimRepo, fullRef: string): Promise<{ sha: string; type: string } | undefined> {
    const listing = await git(repo.gitDir, [
      'for-each-ref',
      '--format=%(objectname) %(objecttype) %(refname)',
      fullRef,
    ]);
    for (const line of listing.split('\n')) {
      const [sha = '', type = '', name] = line.split(' ');
      if (name === fullRef) return { sha, type };
    }
    return undefined;
  }

  async refSha(repo: SimRepo, fullRef: string): Promise<string | undefined> {
    return (await this.refInfo(repo, fullRef))?.sha;
  }

  /** Types of objects (`blob`, `tree`, `commit`…), missing ones left out, in one `git` call. */
  async objectTypes(repo: SimRepo, shas: readonly string[]): Promise<Map<string, string>> {
    const types = new Map<string, string>();
    const valid = shas.filter((sha) => /^[0-9a-f]{40}$/.test(sha));
    if (valid.length === 0) return types;
    const listing = await git(repo.gitDir, ['cat-file', '--batch-check'], { input: `${valid.join('\n')}\n` });
    for (const line of listing.split('\n')) {
      const [sha = '', type = ''] = line.split(' ');
      if (type !== 'missing') types.set(sha, type);
    }
    return types;
  }

  async objectType(repo: SimRepo, sha: string): Promise<string | undefined> {
    return (await this.objectTypes(repo, [sha])).get(sha);
  }

  async isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
    try {
      await git(dir, ['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }
}

/** Slices a list as GitHub does (`per_page`, `page`) and adds the `Link` header when needed. */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
  url: string,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30), 1), 100);
  const pageNumber = Math.max(Number(query.get('page') ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const page = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const headers: Record<string, string> = {};
  if (pageNumber < last) {
    const link = (n: number): string => {
      const next = new URLSearchParams(query);
      next.set('per_page', String(perPage));
      next.set('page', String(n));
      return `${url}?${next.toString()}`;
    };
    headers.link = `<${link(pageNumber + 1)}>; rel="next", <${link(last)}>; rel="last"`;
  }
  return { page, headers };
}

export function bodyObject(body: Json | undefined): JsonObject {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

export function optionalString(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
