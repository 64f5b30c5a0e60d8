/**
 * Configuration of the submission service, from environment variables (documented in
 * `.env.example`). Everything has a default that works offline on a fresh machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../content/problems.js';
import { repoRoot } from '../content/paths.js';
import { mailConfigFrom, type MailConfig } from '../mail/mailer.js';
import type { ProConfig } from './pro/routes.js';

export interface GitHubAppConfig {
  appId: string;
  privateKey: string;
  installationId: string;
}

export interface GitHubConfig {
  /** `owner/name` of the repository receiving the pull requests. */
  repository: string;
  /** Personal or bot token; or an App (preferred). */
  token?: string;
  app?: GitHubAppConfig;
  /** API root (a simulator in tests). */
  apiUrl?: string;
  requestTimeoutMs?: number;
  /** Pause between two write requests to GitHub (ms). */
  writeIntervalMs?: number;
  /** Opens the pull requests as drafts. */
  draft?: boolean;
}

export interface WorkerConfig {
  /** Attempts before a submission goes to dead-letter (status `echec`). */
  maxAttempts: number;
  /** First retry delay (ms), doubled at each failure. */
  baseDelayMs: number;
  /** Longest wait between two attempts (ms). */
  maxDelayMs: number;
  /** Pull requests opened at the same time. */
  concurrency: number;
  /** Accepting comes first: no new attempt starts until submissions have stopped arriving for this long (ms)… */
  quietMs: number;
  /** …unless the worker has already waited this long (ms), so that a steady flow cannot starve it. */
  maxDeferMs: number;
}

export interface ProtectionConfig {
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Submissions per minute and per address (0: no limit). */
  ratePerMinute: number;
  /** Submissions accepted in a burst before the per-minute rate applies. */
  rateBurst: number;
  /** Minimum time between the form's display and its sending (ms; 0: no check). */
  minFillMs: number;
  /** Origins (scheme://host[:port]) allowed besides the service's own. */
  allowedOrigins: string[];
  /** Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is trusted. */
  trustProxy: string[];
  /** Threads that validate submissions (off the event loop). */
  validationThreads: number;
  /** Longest validation of one submission (ms): past it, its thread is replaced and the submission refused. */
  validationTimeoutMs: number;
  /** Submissions waiting for a validation thread before the service answers 503. */
  validationQueue: number;
  /** Secret of the proof-of-work (ALTCHA); undefined: no proof-of-work asked. */
  altchaSecret?: string;
  /** Cost of the proof-of-work: how many hashes the browser computes, at most. */
  altchaMaxCounter: number;
}

export interface MailOptions extends MailConfig {
  /** Messages sent per second, at most (the mail queue's pace). */
  perSecond: number;
  /** The portal's address as readers reach it: the links of the e-mails start with it. */
  publicUrl: string;
  /** Secret of the alerts' signed links; undefined: generated once and kept in the data folder. */
  alertsSecret?: string;
}

export interface ServerOptions {
  port: number;
  host: string;
  /** Where the SQLite outbox lives. */
  dataDir: string;
  /** The Git repository of the content (read for existing ids; local branches are made in it). */
  repoDir: string;
  /** The built portal (`build/`), served next to the API; undefined: API only. */
  staticDir?: string;
  /** Branch the pull requests target. */
  baseBranch: string;
  /** Without it, pull requests become branches of the local repository. */
  github?: GitHubConfig;
  worker: WorkerConfig;
  protection: ProtectionConfig;
  /** Pino level, or false to silence logs (tests). */
  logLevel: string | false;
  /** Bearer token for `/api/metrics`; undefined: loopback and private networks only. */
  metricsToken?: string;
  mail: MailOptions;
  /** The professionals' space (OpenID Connect sign-in); undefined: not offered. */
  pro?: ProConfig;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} doit être un nombre entier supérieur ou égal à ${min} (reçu : « ${raw} »).`);
  return n;
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function origin(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    return u.origin;
  } catch {
    throw new UsageError(
      `ESSAIM_ALLOWED_ORIGINS : « ${value} » n’est pas une origine (par exemple https://portail.example.org).`,
    );
  }
}

/** A private key given inline (with `\n` escapes) or as a path to a PEM file. */
function privateKey(raw: string, readFile: (p: string) => string): string {
  const text = raw.includes('-----BEGIN') ? raw.replace(/\\n/g, '\n') : readFile(raw);
  if (!text.includes('PRIVATE KEY'))
    throw new UsageError(
      'GITHUB_APP_PRIVATE_KEY doit être une clé privée PEM, ou le chemin d’un fichier qui en contient une.',
    );
  return text;
}

export const DEFAULTS = {
  port: 3000,
  bodyLimit: 512 * 1024,
  ratePerMinute: 6,
  rateBurst: 5,
  minFillMs: 3000,
  maxAttempts: 8,
  baseDelayMs: 2000,
  maxDelayMs: 15 * 60_000,
  concurrency: 2,
  quietMs: 200,
  maxDeferMs: 5000,
  altchaMaxCounter: 50_000,
  validationThreads: 2,
  validationTimeoutMs: 5000,
  validationQueue: 200,
  mailPerSecond: 5,
} as const;

function mailOptions(env: Env, dataDir: string, port: number): MailOptions {
  const raw = env.ESSAIM_MAIL_PER_SECOND?.trim();
  const perSecond = raw ? Number(raw) : DEFAULTS.mailPerSecond;
  if (!Number.isFinite(perSecond) || perSecond <= 0)
    throw new UsageError(`ESSAIM_MAIL_PER_SECOND doit être un nombre positif (reçu : « ${raw} »).`);
  const publicUrl = env.ESSAIM_PUBLIC_URL?.trim() || `http://localhost:${port}`;
  try {
    if (!/^https?:$/.test(new URL(publicUrl).protocol)) throw new Error('scheme');
  } catch {
    throw new UsageError(
      `ESSAIM_PUBLIC_URL doit être l’adresse du portail, par exemple https://portail.example.org (reçu : « ${publicUrl} »).`,
    );
  }
  const secret = env.ESSAIM_ALERTS_SECRET?.trim();
  return {
    ...mailConfigFrom(env, dataDir),
    perSecond,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    ...(secret ? { alertsSecret: secret } : {}),
  };
}

/** Where the service keeps its SQLite database (also read by `essaim sauvegarde` and `essaim restauration`). */
export function dataDirOf(env: Env = process.env): string {
  const repoDir = path.resolve(env.ESSAIM_REPO_DIR?.trim() || repoRoot);
  return path.resolve(env.ESSAIM_DATA_DIR?.trim() || path.join(repoDir, '.essaim', 'service'));
}

/** The professionals' space from `ESSAIM_OIDC_*` (all three or none); ProConnect's scopes by default. */
function proConfig(env: Env, port: number): ProConfig | undefined {
  const issuer = env.ESSAIM_OIDC_ISSUER?.trim();
  const clientId = env.ESSAIM_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.ESSAIM_OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret)
    throw new UsageError(
      'Espace professionnel : ESSAIM_OIDC_ISSUER, ESSAIM_OIDC_CLIENT_ID et ESSAIM_OIDC_CLIENT_SECRET vont ensemble ; il en manque.',
    );
  const publicUrl = (env.ESSAIM_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    oidc: {
      issuer,
      clientId,
      clientSecret,
      redirectUri: `${publicUrl}/api/pro/retour`,
      scopes: env.ESSAIM_OIDC_SCOPES?.trim() || 'openid email given_name usual_name',
      ...(env.ESSAIM_OIDC_DEMO === '1' ? { demo: true } : {}),
    },
    moderators: list(env, 'ESSAIM_MODERATEURS').map((e) => e.toLowerCase()),
    sessionHours: int(env, 'ESSAIM_SESSION_HEURES', 8, 1),
  };
}

export function loadConfig(
  env: Env = process.env,
  readFile: (p: string) => string = (p) => fs.readFileSync(p, 'utf8'),
): ServerOptions {
  const repository = env.ESSAIM_REPO?.trim();
  if (repository !== undefined && repository !== '' && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new UsageError(`ESSAIM_REPO doit être de la forme propriétaire/dépôt (reçu : « ${repository} »).`);
  }
  const token = env.ESSAIM_GITHUB_TOKEN?.trim() || undefined;
  const appId = env.GITHUB_APP_ID?.trim();
  const installationId = env.GITHUB_APP_INSTALLATION_ID?.trim();
  const key = env.GITHUB_APP_PRIVATE_KEY?.trim();
  const appParts = [appId, installationId, key].filter(Boolean).length;
  if (appParts > 0 && appParts < 3) {
    throw new UsageError(
      'Application GitHub : GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY et GITHUB_APP_INSTALLATION_ID vont ensemble ; il en manque.',
    );
  }
  const app =
    appParts === 3
      ? { appId: appId!, installationId: installationId!, privateKey: privateKey(key!, readFile) }
      : undefined;
  if ((token || app) && !repository)
    throw new UsageError('ESSAIM_REPO (propriétaire/dépôt) est obligatoire quand des accès GitHub sont configurés.');
  const github: GitHubConfig | undefined =
    token || app
      ? {
          repository: repository!,
          ...(token ? { token } : {}),
          ...(app ? { app } : {}),
          ...(env.ESSAIM_GITHUB_API_URL?.trim()
            ? { apiUrl: env.ESSAIM_GITHUB_API_URL.trim().replace(/\/+$/, '') }
            : {}),
          requestTimeoutMs: int(env, 'ESSAIM_GITHUB_TIMEOUT_MS', 30_000, 1),
          writeIntervalMs: int(env, 'ESSAIM_GITHUB_WRITE_INTERVAL_MS', 1000),
          draft: env.ESSAIM_PR_DRAFT === '1' || env.ESSAIM_PR_DRAFT === 'true',
        }
      : undefined;
  const repoDir = path.resolve(env.ESSAIM_REPO_DIR?.trim() || repoRoot);
  const staticDir = env.ESSAIM_STATIC_DIR?.trim();
  const port = int(env, 'PORT', DEFAULTS.port);
  const pro = proConfig(env, port);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: dataDirOf(env),
    repoDir,
    staticDir: staticDir === '' ? undefined : path.resolve(staticDir ?? path.join(repoRoot, 'build')),
    baseBranch: env.ESSAIM_BASE_BRANCH?.trim() || 'main',
    ...(github ? { github } : {}),
    worker: {
      maxAttempts: int(env, 'ESSAIM_MAX_ATTEMPTS', DEFAULTS.maxAttempts, 1),
      baseDelayMs: int(env, 'ESSAIM_RETRY_BASE_MS', DEFAULTS.baseDelayMs, 1),
      maxDelayMs: int(env, 'ESSAIM_RETRY_MAX_MS', DEFAULTS.maxDelayMs, 1),
      concurrency: int(env, 'ESSAIM_WORKER_CONCURRENCY', DEFAULTS.concurrency, 1),
      quietMs: int(env, 'ESSAIM_WORKER_QUIET_MS', DEFAULTS.quietMs),
      maxDeferMs: int(env, 'ESSAIM_WORKER_MAX_DEFER_MS', DEFAULTS.maxDeferMs),
    },
    protection: {
      bodyLimit: int(env, 'ESSAIM_BODY_LIMIT', DEFAULTS.bodyLimit, 1024),
      ratePerMinute: int(env, 'ESSAIM_RATE_LIMIT_PER_MINUTE', DEFAULTS.ratePerMinute),
      rateBurst: int(env, 'ESSAIM_RATE_LIMIT_BURST', DEFAULTS.rateBurst, 1),
      minFillMs: int(env, 'ESSAIM_MIN_FILL_MS', DEFAULTS.minFillMs),
      allowedOrigins: list(env, 'ESSAIM_ALLOWED_ORIGINS').map(origin),
      trustProxy: list(env, 'ESSAIM_TRUST_PROXY'),
      validationThreads: int(env, 'ESSAIM_VALIDATION_THREADS', DEFAULTS.validationThreads, 1),
      validationTimeoutMs: int(env, 'ESSAIM_VALIDATION_TIMEOUT_MS', DEFAULTS.validationTimeoutMs, 100),
      validationQueue: int(env, 'ESSAIM_VALIDATION_QUEUE', DEFAULTS.validationQueue, 1),
      ...(env.ESSAIM_ALTCHA_SECRET?.trim() ? { altchaSecret: env.ESSAIM_ALTCHA_SECRET.trim() } : {}),
      altchaMaxCounter: int(env, 'ESSAIM_ALTCHA_MAX_COUNTER', DEFAULTS.altchaMaxCounter, 100),
    },
    logLevel: env.ESSAIM_LOG_LEVEL?.trim() === 'silent' ? false : env.ESSAIM_LOG_LEVEL?.trim() || 'info',
    ...(env.ESSAIM_METRICS_TOKEN?.trim() ? { metricsToken: env.ESSAIM_METRICS_TOKEN.trim() } : {}),
    mail: mailOptions(env, dataDirOf(env), port),
    ...(pro ? { pro } : {}),
  };
}

/** Options with defaults for the parts not given (tests, bench, `startServer` callers). */
export function withDefaults(
  partial: Partial<Omit<ServerOptions, 'worker' | 'protection' | 'mail'>> & {
    worker?: Partial<WorkerConfig>;
    protection?: Partial<ProtectionConfig>;
    mail?: Partial<MailOptions>;
  },
): ServerOptions {
  const base = loadConfig({});
  // The outbox folder follows the data folder given.
  const mail = partial.dataDir ? mailOptions({}, partial.dataDir, partial.port ?? base.port) : base.mail;
  return {
    ...base,
    ...partial,
    worker: { ...base.worker, ...partial.worker },
    protection: { ...base.protection, ...partial.protection },
    mail: { ...mail, ...partial.mail },
  };
}
