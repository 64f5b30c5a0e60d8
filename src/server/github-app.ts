/**
 * GitHub App authentication without @octokit/auth-app (not installed): a JSON Web Token signed
 * RS256 with the App's private key (node:crypto) is exchanged for an installation token, which
 * is cached until five minutes before it expires.
 */
import crypto from 'node:crypto';
import type { GitHubAppConfig } from './config.js';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The App's JWT (valid 9 minutes, issued 60 s in the past against clock drift). */
export function appJwt(app: GitHubAppConfig, now = Date.now()): string {
  const iat = Math.floor(now / 1000) - 60;
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iat, exp: iat + 9 * 60, iss: app.appId }));
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), app.privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

export interface TokenSource {
  /** A valid token (refreshed when needed). */
  token(): Promise<string>;
}

export function staticToken(token: string): TokenSource {
  return { token: async () => token };
}

export function appInstallationToken(
  app: GitHubAppConfig,
  apiUrl = 'https://api.github.com',
  timeoutMs = 30_000,
): TokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    async token() {
      if (cached && cached.expiresAt - 5 * 60_000 > Date.now()) return cached.token;
      const res = await fetch(`${apiUrl}/app/installations/${encodeURIComponent(app.installationId)}/access_tokens`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${appJwt(app)}`,
          accept: 'application/vnd.github+json',
          'user-agent': 'essaim',
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok)
        throw new Error(
          `GitHub refuse de délivrer un jeton d’installation à l’application (${res.status}) : vérifiez GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID et la clé privée.`,
        );
      const body = (await res.json()) as { token?: string; expires_at?: string };
      if (!body.token) throw new Error('Réponse inattendue de GitHub à la demande de jeton d’installation.');
      cached = {
        token: body.token,
        expiresAt: body.expires_at ? Date.parse(body.expires_at) : Date.now() + 55 * 60_000,
      };
      return cached.token;
    },
  };
}
