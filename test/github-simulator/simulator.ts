// A local GitHub REST API for tests: real bare Git repositories, GitHub's OpenAPI contract
// checked on every request and response, and faults injected on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTree, git, gitBuffer } from '../../src/github/git.js';
import { sharedContract, type Json, type MatchedOperation } from './contract.js';
import { HttpFailure, SimCore, type Reply } from './core.js';
import { errorJson, timestamp } from './payloads.js';
import { registerCollabRoutes } from './routes-collab.js';
import { registerGitRoutes } from './routes-git.js';
import type { SimIssue, SimRepo, SimState } from './state.js';

export type FaultKind =
  /** A 5xx; by default GitHub did the work before failing (`afterWork: true`). */
  | { kind: 'server-error'; status?: number; afterWork?: boolean }
  /** 403 "You have exceeded a secondary rate limit" with `retry-after`; nothing done. */
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  /** 403 primary rate limit (`x-ratelimit-remaining: 0`, reset in a few seconds); nothing done. */
  | { kind: 'rate-limit'; resetInSeconds?: number }
  /**
   * For POST …/git/refs: 422 "Reference already exists". The reference then really exists: if it
   * did not, it is created at the default branch's head (a stale branch left by an earlier attempt).
   */
  | { kind: 'reference-exists' }
  /** The work is done, then the answer waits `ms` milliseconds. */
  | { kind: 'delay'; ms: number };

export type Fault = FaultKind & {
  method: string;
  /** An OpenAPI path template (`/repos/{owner}/{repo}/pulls`), a concrete path, or a RegExp on the path. */
  path: string | RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Let this many matching requests through first (default 0). */
  skip?: number;
  /** Filled by the simulator: matching requests seen, faults applied. */
  seen?: number;
  hits?: number;
};

export interface RecordedRequest {
  method: string;
  /** Path under the API root, e.g. `/repos/o/r/pulls`. */
  path: string;
  /** OpenAPI path template, when the path matched one. */
  template?: string;
  query: string;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  login?: string;
  fault?: FaultKind['kind'];
}

export interface ContractViolation {
  method: string;
  path: string;
  errors: string[];
}

export interface SimulatorOptions {
  /** Token → login of the users the simulator knows. */
  tokens?: Record<string, string>;
  /** Token → bot login (`essaim[bot]`) of GitHub App installation tokens. */
  installationTokens?: Record<string, string>;
  /** Requests a new fork answers 404 before it "exists" (GitHub forks asynchronously). Default 1. */
  forkPendingRequests?: number;
}

export interface CreateRepoOptions {
  owner: string;
  name: string;
  files?: Record<string, string>;
  defaultBranch?: string;
  /** Logins allowed to push besides the owner. */
  pushers?: string[];
  description?: string;
}

export interface GitHubSimulator {
  /** API root to give to Octokit, e.g. http://127.0.0.1:1234/api/v3 */
  baseUrl: string;
  /** Web root used in `html_url`s, e.g. http://127.0.0.1:1234 */
  webUrl: string;
  state: SimState;
  faults: Fault[];
  requests: RecordedRequest[];
  contractViolations: ContractViolation[];
  createRepo(options: CreateRepoOptions): Promise<SimRepo>;
  /** Bare Git directory of a repository (usable with `git --git-dir` or `git clone`). */
  repoDir(owner: string, name: string): string;
  injectFault(fault: Fault): void;
  /** Pull requests of a repository (open and closed). */
  pulls(owner: string, name: string): SimIssue[];
  /** Text of a file on a branch, read with `git show`. */
  readFile(owner: string, name: string, branch: string, path: string): Promise<string>;
  /** Paths of all files on a branch. */
  listFiles(owner: string, name: string, branch: string): Promise<string[]>;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v3';
const DOCS = 'https://docs.github.com/rest';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function pathMatches(fault: Fault, method: string, template: string, path: string): boolean {
  if (fault.method.toUpperCase() !== method) return false;
  return fault.path instanceof RegExp ? fault.path.test(path) : fault.path === template || fault.path === path;
}

export async function startGitHubSimulator(options: SimulatorOptions = {}): Promise<GitHubSimulator> {
  const contract = sharedContract();
  const root = await mkdtemp(join(tmpdir(), 'essaim-github-sim-'));
  const core = new SimCore(root);
  const tokens = new Map(Object.entries({ ...options.tokens, ...options.installationTokens }));
  const installations = new Set(Object.keys(options.installationTokens ?? {}));
  for (const [token, login] of tokens) {
    if (!core.state.users.has(login)) {
      const type = installations.has(token) ? 'Bot' : 'User';
      core.state.users.set(login, { login, id: core.id(), type, name: login, createdAt: timestamp() });
    }
  }
  registerGitRoutes(core);
  registerCollabRoutes(core, { forkPendingRequests: options.forkPendingRequests ?? 1 });

  const faults: Fault[] = [];
  const requests: RecordedRequest[] = [];
  const contractViolations: ContractViolation[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Handlers run one at a time, like a consistent database. */
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const takeFault = (method: string, template: string, path: string): Fault | undefined => {
    for (const fault of faults) {
      if (!pathMatches(fault, method, template, path)) continue;
      fault.seen = (fault.seen ?? 0) + 1;
      if (fault.seen <= (fault.skip ?? 0)) continue;
      if ((fault.hits ?? 0) >= (fault.times ?? 1)) continue;
      fault.hits = (fault.hits ?? 0) + 1;
      return fault;
    }
    return undefined;
  };

  const documentation = (matched: MatchedOperation | undefined): string => {
    const docs = matched?.operation.raw.externalDocs;
    return typeof docs === 'object' && docs !== null && !Array.isArray(docs) && typeof docs.url === 'string'
      ? docs.url
      : DOCS;
  };

  const faultReply = (fault: Fault, docs: string): Reply => {
    switch (fault.kind) {
      case 'server-error': {
        const status = fault.status ?? 502;
        return { status, body: errorJson(status === 502 ? 'Server Error' : 'Service Unavailable', docs, status) };
      }
      case 'secondary-rate-limit':
        return {
          status: 403,
          headers: { 'retry-after': String(fault.retryAfter ?? 1) },
          body: errorJson(
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            403,
          ),
        };
      case 'rate-limit':
        return {
          status: 403,
          headers: {
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + (fault.resetInSeconds ?? 1)),
          },
          body: errorJson(
            'API rate limit exceeded for user ID 1.',
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
            403,
          ),
        };
      case 'reference-exists':
        return { status: 422, body: errorJson('Reference already exists', docs, 422) };
      case 'delay':
        throw new Error('a delay is not a reply');
    }
  };

  const repoOf = (matched: MatchedOperation): SimRepo | undefined => {
    const { owner, repo } = matched.pathParams;
    if (owner === undefined || repo === undefined) return undefined;
    const found = core.state.repos.get(`${owner}/${repo}`);
    if (found && found.pendingRequests > 0) {
      found.pendingRequests -= 1;
      return undefined;
    }
    return found;
  };

  const dispatch = async (
    matched: MatchedOperation,
    query: URLSearchParams,
    body: Json | undefined,
    login: string | undefined,
    installation: boolean,
  ): Promise<Reply> => {
    const route = core.routes.get(`${matched.operation.method} ${matched.template}`);
    if (!route) throw new Error(`opération non simulée : ${matched.operation.method} ${matched.template}`);
    const isRepoRoute = matched.template.startsWith('/repos/{owner}/{repo}');
    const repo = isRepoRoute ? repoOf(matched) : undefined;
    if (isRepoRoute && !repo) throw new HttpFailure(404, 'Not Found');
    if (route.access !== 'public' && login === undefined) throw new HttpFailure(401, 'Requires authentication');
    if (route.access === 'push' && repo && login !== repo.owner && !repo.pushers.has(login ?? '')) {
      throw new HttpFailure(403, 'Resource not accessible by personal access token');
    }
    return route.run({ params: matched.pathParams, query, body, login, installation }, repo);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
    const record: RecordedRequest = { method, path, query: url.search, status: 0, at: Date.now() };
    requests.push(record);
    const send = (reply: Reply): void => {
      record.status = reply.status;
      if (res.destroyed) return;
      const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
        'x-github-request-id': `SIM:${requests.length}`,
        ...reply.headers,
      });
      res.end(payload);
    };
    const violations = new Set<Reply>();
    const violation = (errors: string[]): Reply => {
      contractViolations.push({ method, path, errors });
      const reply = { status: 500, body: errorJson(`Contrat OpenAPI non respecté : ${errors.join(' | ')}`, DOCS, 500) };
      violations.add(reply);
      return reply;
    };

    const text = await readBody(req);
    let body: Json | undefined;
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as Json);
    } catch {
      send({ status: 400, body: errorJson('Problems parsing JSON', DOCS, 400) });
      return;
    }
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const token = auth?.[1];
    const login = token === undefined ? undefined : tokens.get(token);
    const installation = token !== undefined && installations.has(token);
    if (auth && login === undefined) {
      send({ status: 401, body: errorJson('Bad credentials', DOCS, 401) });
      return;
    }
    record.login = login;
    if (!url.pathname.startsWith(API_PREFIX)) {
      send({ status: 404, body: errorJson('Not Found', DOCS, 404) });
      return;
    }
    const matched = contract.match(method, path);
    if (!matched) {
      send(violation([`${method} ${path} : aucune opération de ce nom dans la description OpenAPI de GitHub`]));
      return;
    }
    record.template = matched.template;
    const requestErrors = contract.checkRequest(matched, url.searchParams, body);
    if (requestErrors.length > 0) {
      send(violation(requestErrors));
      return;
    }
    const docs = documentation(matched);
    const fault = takeFault(method, matched.template, path);
    if (fault) record.fault = fault.kind;
    const answersAtOnce =
      fault?.kind === 'secondary-rate-limit' ||
      fault?.kind === 'rate-limit' ||
      (fault?.kind === 'server-error' && fault.afterWork === false);

    let reply: Reply;
    if (fault && answersAtOnce) {
      reply = faultReply(fault, docs);
    } else if (fault?.kind === 'reference-exists') {
      reply = await serialized(async () => {
        const repo = repoOf(matched);
        const ref = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.ref : undefined;
        if (repo && typeof ref === 'string' && !(await core.refSha(repo, ref))) {
          const head = await core.refSha(repo, `refs/heads/${repo.defaultBranch}`);
          if (head) await git(repo.gitDir, ['update-ref', ref, head]);
        }
        return faultReply(fault, docs);
      });
    } else {
      reply = await serialized(async () => {
        try {
          return await dispatch(matched, url.searchParams, body, login, installation);
        } catch (error) {
          if (error instanceof HttpFailure) {
            return { status: error.status, body: errorJson(error.message, docs, error.status, error.errors) };
          }
          return violation([error instanceof Error ? error.message : String(error)]);
        }
      });
      if (!violations.has(reply)) {
        const responseErrors = contract.checkResponse(matched, reply.status, reply.body);
        if (responseErrors.length > 0) reply = violation(responseErrors);
      }
      if (fault?.kind === 'delay') await sleep(fault.ms);
      else if (fault) reply = faultReply(fault, docs);
    }
    send(reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      contractViolations.push({ method: req.method ?? '', path: req.url ?? '', errors: [String(error)] });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const webUrl = `http://127.0.0.1:${port}`;
  core.urls = { api: `${webUrl}${API_PREFIX}`, web: webUrl };

  const repoOrThrow = (owner: string, name: string): SimRepo => {
    const repo = core.state.repos.get(`${owner}/${name}`);
    if (!repo) throw new Error(`dépôt simulé inconnu : ${owner}/${name}`);
    return repo;
  };

  return {
    baseUrl: core.urls.api,
    webUrl,
    state: core.state,
    faults,
    requests,
    contractViolations,
    async createRepo(repoOptions) {
      const { owner, name, files = {}, defaultBranch = 'main', pushers = [], description } = repoOptions;
      const gitDir = join(root, 'repos', owner, `${name}.git`);
      await mkdir(join(root, 'repos', owner), { recursive: true });
      await git(root, ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, gitDir]);
      const entries: Array<{ path: string; mode: string; sha: string }> = [];
      for (const [path, content] of Object.entries(files)) {
        entries.push({
          path,
          mode: '100644',
          sha: await git(gitDir, ['hash-object', '-w', '--stdin'], { input: content }),
        });
      }
      const tree = await core.withTempIndex((indexFile) => buildTree(gitDir, indexFile, undefined, entries));
      const identity = {
        GIT_AUTHOR_NAME: owner,
        GIT_AUTHOR_EMAIL: `${owner}@example.org`,
        GIT_COMMITTER_NAME: owner,
        GIT_COMMITTER_EMAIL: `${owner}@example.org`,
      };
      const commit = await git(gitDir, ['commit-tree', tree, '-m', 'Initial commit'], { env: identity });
      await git(gitDir, ['update-ref', `refs/heads/${defaultBranch}`, commit]);
      core.user(owner);
      const now = timestamp();
      const repo: SimRepo = {
        id: core.id(),
        owner,
        name,
        fullName: `${owner}/${name}`,
        gitDir,
        defaultBranch,
        description: description ?? null,
        pushers: new Set(pushers),
        forksCount: 0,
        createdAt: now,
        pushedAt: now,
        pendingRequests: 0,
        issues: [],
        labels: [],
        comments: [],
      };
      core.state.repos.set(repo.fullName, repo);
      return repo;
    },
    repoDir: (owner, name) => repoOrThrow(owner, name).gitDir,
    injectFault: (fault) => {
      faults.push(fault);
    },
    pulls: (owner, name) => repoOrThrow(owner, name).issues.filter((issue) => issue.pull !== undefined),
    async readFile(owner, name, branch, path) {
      const content = await gitBuffer(repoOrThrow(owner, name).gitDir, ['show', `refs/heads/${branch}:${path}`]);
      return content.toString('utf8');
    },
    async listFiles(owner, name, branch) {
      const listing = await git(repoOrThrow(owner, name).gitDir, [
        'ls-tree',
        '-r',
        '--name-only',
        `refs/heads/${branch}`,
      ]);
      return listing.split('\n').filter((line) => line !== '');
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      await rm(root, { recursive: true, force: true });
    },
  };
}
