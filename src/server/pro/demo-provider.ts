/**
 * A local OpenID provider with demo accounts (package `oidc-provider`), for `npm start` without an
 * identity provider configured and for the tests: the whole sign-in flow of the professionals' space
 * works offline. Its sign-in page says plainly that it is a demonstration. Never for production.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { escapeHtml } from '../../plugins/content/shared/escape.js';
import type { OidcConfig } from './oidc.js';

export interface DemoAccount {
  id: string;
  email: string;
  given_name: string;
  usual_name: string;
  /** What this account shows in the demo (after the service links it). */
  role: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: 'camille',
    email: 'camille.professionnelle@demo.essaim.localhost',
    given_name: 'Camille',
    usual_name: 'Professionnelle',
    role: 'professionnelle (voit les informations réservées)',
  },
  {
    id: 'samir',
    email: 'samir.gestionnaire@demo.essaim.localhost',
    given_name: 'Samir',
    usual_name: 'Gestionnaire',
    role: 'gestionnaire d’une structure (modifie sa partie réservée)',
  },
  {
    id: 'nadia',
    email: 'nadia.moderatrice@demo.essaim.localhost',
    given_name: 'Nadia',
    usual_name: 'Modératrice',
    role: 'modératrice (relie les comptes aux structures)',
  },
];

export interface DemoProvider {
  issuer: string;
  /** Settings for the service's OIDC client. */
  client: OidcConfig;
  close(): Promise<void>;
}

function page(uid: string): string {
  const buttons = DEMO_ACCOUNTS.map(
    (a) =>
      `<li><button type="submit" name="compte" value="${a.id}">${escapeHtml(`${a.given_name} ${a.usual_name}`)}</button> — ${escapeHtml(a.role)}</li>`,
  ).join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Connexion de démonstration</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<main><h1>Fournisseur d’identité de démonstration</h1>
<p><strong>Démonstration hors ligne : ne l’utilisez jamais en production.</strong> En production, l’espace professionnel
utilise ProConnect (ou un autre fournisseur OpenID Connect) configuré par les variables ESSAIM_OIDC_*.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/connexion"><p>Se connecter avec le compte :</p><ul>${buttons}</ul></form>
</main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/** Starts the demo provider on `port` (0: any free port) for a service whose callback is `redirectUri`. */
export async function startDemoProvider(redirectUri: string, port = 0, host = '127.0.0.1'): Promise<DemoProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'demo', alg: 'RS256', use: 'sig' };
  const clientId = 'essaim-demo';
  const clientSecret = crypto.randomBytes(24).toString('base64url');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'] },
    scopes: ['openid', 'email', 'given_name', 'usual_name'],
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount(_ctx, id) {
      const account = DEMO_ACCOUNTS.find((a) => a.id === id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          given_name: account.given_name,
          usual_name: account.usual_name,
        }),
      };
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([\w-]+)(\/connexion)?$/.exec(url.pathname);
    if (!match) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (!match[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          return void res.end(page(details.uid));
        }
        const accountId = (await readForm(req)).get('compte') ?? '';
        if (!DEMO_ACCOUNTS.some((a) => a.id === accountId)) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          return void res.end('Compte de démonstration inconnu.');
        }
        const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Connexion de démonstration expirée : recommencez depuis le portail.');
      }
    })();
  });
  return {
    issuer,
    client: {
      issuer,
      clientId,
      clientSecret,
      redirectUri,
      scopes: 'openid email given_name usual_name',
      demo: true,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
