/** Checking one address: HEAD then GET when refused, manual redirects, retries, French messages. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckedOutcome } from './types.js';

export type Method = 'HEAD' | 'GET';

/** What one HTTP request gave. */
export type Attempt =
  | { kind: 'response'; status: number; location: string | null; retryAfter: string | null }
  | { kind: 'timeout' }
  | { kind: 'network'; code: string };

export interface UrlCheckContext {
  /** Makes one request (scheduling, timeout and body disposal are the caller's business). */
  request: (url: string, method: Method) => Promise<Attempt>;
  retries: number;
  retryDelayMs: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
  now: () => number;
  /** Told when a server asks to wait, so that other requests to its host wait too. */
  onRetryAfter?: (url: string, ms: number) => void;
}

export const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
/** Answers to HEAD that often mean "HEAD not supported here": try GET. */
const HEAD_REFUSED = new Set([400, 403, 405, 406, 501]);
const TRANSIENT = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'EAI_AGAIN',
]);

/** The most specific error code found in an error, its causes or aggregated errors. */
export function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return error instanceof Error ? error.message : String(error);
}

export function networkMessage(code: string, host: string): string {
  if (['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_AGAIN'].includes(code))
    return `Nom de domaine introuvable (${host})`;
  if (code === 'ECONNREFUSED') return 'Connexion refusée par le serveur';
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code))
    return 'Connexion interrompue par le serveur';
  if (['EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return 'Serveur injoignable';
  if (['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) return 'Délai de connexion dépassé';
  if (/CERT|TLS|SSL/.test(code)) return `Certificat ou connexion TLS invalide (${code})`;
  return `Erreur réseau (${code})`;
}

export function httpMessage(status: number): string {
  if (status === 404) return 'Page introuvable (404)';
  if (status === 410) return 'Page supprimée définitivement (410)';
  if (status === 401 || status === 403) return `Accès refusé (${status})`;
  if (status === 429) return 'Trop de requêtes (429)';
  if (status >= 500) return `Erreur du serveur (${status})`;
  return `Réponse HTTP ${status}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
}

/** Retry-After in ms (delay in seconds or HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isRetryable(attempt: Attempt, method: Method): boolean {
  if (attempt.kind === 'timeout') return true;
  // A reset HEAD is not retried: GET is tried instead.
  if (attempt.kind === 'network') return method === 'GET' && TRANSIENT.has(attempt.code);
  return attempt.status === 429 || (attempt.status >= 500 && attempt.status !== 501);
}

function isHeadRefused(attempt: Attempt): boolean {
  if (attempt.kind === 'network') return TRANSIENT.has(attempt.code);
  return attempt.kind === 'response' && HEAD_REFUSED.has(attempt.status);
}

async function withRetries(
  url: string,
  method: Method,
  ctx: UrlCheckContext,
): Promise<{ attempt: Attempt; tries: number }> {
  for (let tries = 1; ; tries++) {
    const attempt = await ctx.request(url, method);
    if (tries > ctx.retries || !isRetryable(attempt, method)) return { attempt, tries };
    let wait = ctx.retryDelayMs * 2 ** (tries - 1);
    if (attempt.kind === 'response') {
      const asked = parseRetryAfter(attempt.retryAfter, ctx.now());
      if (asked !== undefined) {
        wait = Math.min(asked, ctx.maxRetryAfterMs);
        ctx.onRetryAfter?.(url, wait);
      }
    }
    await sleep(wait);
  }
}

function broken(message: string, extra: { httpStatus?: number; finalUrl?: string } = {}): CheckedOutcome {
  return { status: 'broken', message, ...extra };
}

/** Checks one absolute http(s) address. */
export async function checkUrl(url: string, ctx: UrlCheckContext): Promise<CheckedOutcome> {
  const visited = [url];
  let current = url;
  let method: Method = 'HEAD';
  let permanent = false;
  for (;;) {
    let { attempt, tries } = await withRetries(current, method, ctx);
    if (method === 'HEAD' && isHeadRefused(attempt)) {
      method = 'GET';
      ({ attempt, tries } = await withRetries(current, method, ctx));
    }
    const after = current === url ? '' : ` après redirection vers ${current}`;
    const retried = tries > 1 ? ` (${tries} tentatives)` : '';
    const finalUrl = current === url ? {} : { finalUrl: current };
    if (attempt.kind === 'timeout')
      return broken(`Délai dépassé (${formatSeconds(ctx.timeoutMs)})${retried}${after}`, finalUrl);
    if (attempt.kind === 'network') {
      return broken(`${networkMessage(attempt.code, new URL(current).hostname)}${retried}${after}`, finalUrl);
    }
    const { status } = attempt;
    if (REDIRECTS.has(status)) {
      if (!attempt.location)
        return broken(`Redirection (${status}) sans adresse de destination${after}`, {
          httpStatus: status,
          ...finalUrl,
        });
      let next: URL;
      try {
        next = new URL(attempt.location, current);
      } catch {
        return broken(`Redirection (${status}) vers une adresse invalide : ${attempt.location}`, {
          httpStatus: status,
          ...finalUrl,
        });
      }
      next.hash = '';
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return broken(`Redirection (${status}) vers une adresse non http(s) : ${next.href}`, {
          httpStatus: status,
          ...finalUrl,
        });
      }
      if (visited.includes(next.href)) {
        return broken(`Boucle de redirections (${[...visited, next.href].join(' → ')})`, { httpStatus: status });
      }
      if (visited.length > MAX_REDIRECTS) {
        return broken(`Trop de redirections (plus de ${MAX_REDIRECTS})`, { httpStatus: status, ...finalUrl });
      }
      permanent ||= PERMANENT.has(status);
      visited.push(next.href);
      current = next.href;
      continue;
    }
    if (status >= 400) return broken(`${httpMessage(status)}${retried}${after}`, { httpStatus: status, ...finalUrl });
    if (permanent)
      return {
        status: 'warning',
        httpStatus: status,
        message: `Redirection permanente vers ${current}`,
        finalUrl: current,
      };
    return { status: 'ok', httpStatus: status, message: `Accessible (${status})${after}`, ...finalUrl };
  }
}
