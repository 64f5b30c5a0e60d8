// An Octokit client that waits when GitHub asks to (rate limits) and retries transient failures.
import { execFile } from 'node:child_process';
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

const EssaimOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof EssaimOctokit>;

export interface GitHubClientOptions {
  token?: string;
  /** API root, e.g. `https://api.github.com` (default) or a test simulator. */
  baseUrl?: string;
  /** Abort one HTTP attempt after this many milliseconds (default 30 s). */
  requestTimeoutMs?: number;
  /** How many times a failed request is retried: rate limits, 5xx on idempotent calls (default 3). */
  retries?: number;
  /** Pause between two write requests, as GitHub recommends against secondary limits (default 1000 ms). */
  writeIntervalMs?: number;
  /** Multiplier, in ms, applied to the waits between retries (default 1000: `retry-after` is in seconds). */
  retryUnitMs?: number;
  /** Longer rate-limit waits are not worth it: the error is reported instead (default 60 s). */
  maxRateLimitWaitSeconds?: number;
}

let clients = 0;

export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const {
    token,
    baseUrl,
    requestTimeoutMs = 30_000,
    retries = 3,
    writeIntervalMs = 1000,
    retryUnitMs = 1000,
  } = options;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  const keepRetrying = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean =>
    retryCount < retries && retryAfter <= maxWait;
  clients += 1;
  return new EssaimOctokit({
    auth: token,
    baseUrl,
    userAgent: 'essaim',
    request: { fetch: timedFetch },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    throttle: {
      id: `essaim-${clients}`,
      onRateLimit: keepRetrying,
      onSecondaryRateLimit: keepRetrying,
      retryAfterBaseValue: retryUnitMs,
      fallbackSecondaryRateRetryAfter: 60,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs }),
    },
    retry: { retries, retryAfterBaseValue: retryUnitMs },
  });
}

/**
 * The GitHub token to use: `GITHUB_TOKEN`, then `GH_TOKEN`, then `gh auth token` when the GitHub
 * CLI is installed and logged in; undefined otherwise.
 */
export async function resolveToken(
  env: Record<string, string | undefined> = process.env,
  options: { ghCommand?: string } = {},
): Promise<string | undefined> {
  for (const name of ['GITHUB_TOKEN', 'GH_TOKEN']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return new Promise((resolve) => {
    execFile(options.ghCommand ?? 'gh', ['auth', 'token'], { timeout: 5000, env: { ...env } }, (error, stdout) => {
      const token = stdout.trim();
      resolve(error || token === '' ? undefined : token);
    });
  });
}
