/**
 * Signing in to the professionals' space like a browser, through the demo OpenID provider run
 * locally: the service's start of sign-in, the provider's pages (real HTTP), then the service's callback.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** Cookies of one browser at the identity provider. */
class Jar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
}

export const cookieOf = (setCookie: string | string[] | undefined, name: string): string | undefined => {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return lines.find((l) => l.startsWith(`${name}=`));
};

/**
 * Signs in as the demo `account` on the service `app` (whose callback is under `serviceOrigin`); returns
 * the callback's status and body, and the session cookie line if one was set.
 */
export async function signInThroughProvider(
  app: FastifyInstance,
  serviceOrigin: string,
  account: string,
  { tamper, retour = '/' }: { tamper?: (callback: URL) => void; retour?: string } = {},
): Promise<{ status: number; cookie?: string; body: string }> {
  const start = await app.inject({ method: 'GET', url: `/api/pro/connexion?retour=${encodeURIComponent(retour)}` });
  expect(start.statusCode).toBe(303);
  const loginCookie = cookieOf(start.headers['set-cookie'], 'essaim_connexion')!.split(';')[0]!;
  const jar = new Jar();
  let url = String(start.headers.location);
  let res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  // Follow the provider's redirects to its sign-in page, then post the chosen account.
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    jar.store(res);
    url = new URL(res.headers.get('location')!, url).toString();
    res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  }
  jar.store(res);
  const page = await res.text();
  expect(page).toContain('Fournisseur d’identité de démonstration');
  const action = /action="([^"]+)"/.exec(page)![1]!;
  res = await fetch(new URL(action, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ compte: account }),
  });
  for (let i = 0; i < 10 && !res.headers.get('location')?.startsWith(serviceOrigin); i++) {
    jar.store(res);
    url = new URL(res.headers.get('location')!, url).toString();
    res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  }
  const callback = new URL(res.headers.get('location')!);
  expect(callback.pathname).toBe('/api/pro/retour');
  tamper?.(callback);
  const back = await app.inject({
    method: 'GET',
    url: callback.pathname + callback.search,
    headers: { cookie: loginCookie },
  });
  const line = cookieOf(back.headers['set-cookie'], 'essaim_session');
  return { status: back.statusCode, body: back.body, ...(line ? { cookie: line } : {}) };
}

export interface ProBrowser {
  /** `essaim_session=…` */
  cookie: string;
  csrf: string;
}

/** A signed-in browser: its session cookie and the CSRF token the portal's pages get from /api/pro/session. */
export async function proSession(app: FastifyInstance, serviceOrigin: string, account: string): Promise<ProBrowser> {
  const { status, cookie } = await signInThroughProvider(app, serviceOrigin, account);
  expect(status).toBe(200);
  const pair = cookie!.split(';')[0]!;
  const s = await app.inject({ method: 'GET', url: '/api/pro/session', headers: { cookie: pair } });
  return { cookie: pair, csrf: s.json<{ csrf: string }>().csrf };
}
