/**
 * OpenID Connect sign-in of professionals (relying party side): authorization code flow with PKCE
 * (S256), `state` bound to the browser, `nonce` bound to the ID token. Works with ProConnect (the
 * State's identity provider for professionals) and any standard provider: everything is read from
 * the provider's discovery document. The ID token's signature (the provider's JWKS), issuer,
 * audience, expiry and nonce are verified with `jose`.
 */
import crypto from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface OidcConfig {
  /** Issuer URL, e.g. https://auth.agentconnect.gouv.fr/api/v2 for ProConnect. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The service's callback, e.g. https://portail.example.org/api/pro/retour. */
  redirectUri: string;
  scopes: string;
  /** A local provider with demo accounts (`npm start` without configuration). */
  demo?: boolean;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  end_session_endpoint?: string;
}

export interface LoginStart {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

export interface Identity {
  sub: string;
  email?: string;
  name?: string;
  idToken: string;
}

export class OidcError extends Error {}

const random = (): string => crypto.randomBytes(32).toString('base64url');

export class OidcClient {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(readonly config: OidcConfig) {}

  private async provider(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const url = `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new OidcError(`découverte du fournisseur d’identité impossible (${res.status} sur ${url})`);
      const d = (await res.json()) as Discovery;
      if (d.issuer !== this.config.issuer)
        throw new OidcError(`le fournisseur annonce l’émetteur ${d.issuer}, attendu ${this.config.issuer}`);
      return d;
    })().catch((error: unknown) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  async start(): Promise<LoginStart> {
    const d = await this.provider();
    const state = random();
    const nonce = random();
    const verifier = random();
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    const url = new URL(d.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), state, nonce, verifier };
  }

  /** Exchanges the code for tokens and verifies the ID token. */
  async finish(code: string, expected: { nonce: string; verifier: string }): Promise<Identity> {
    const d = await this.provider();
    const res = await fetch(d.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.config.redirectUri,
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        code_verifier: expected.verifier,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const tokens = (await res.json().catch(() => ({}))) as {
      id_token?: string;
      access_token?: string;
      error?: string;
    };
    if (!res.ok || !tokens.id_token)
      throw new OidcError(`échange du code refusé par le fournisseur (${tokens.error ?? res.status})`);
    this.jwks ??= createRemoteJWKSet(new URL(d.jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(tokens.id_token, this.jwks, {
        issuer: d.issuer,
        audience: this.config.clientId,
      }));
    } catch (error) {
      throw new OidcError(`jeton d’identité invalide (${(error as Error).message})`);
    }
    if (payload.nonce !== expected.nonce) throw new OidcError('jeton d’identité invalide (nonce différent)');
    if (!payload.sub) throw new OidcError('jeton d’identité sans identifiant (sub)');
    // ProConnect, like most providers, gives the e-mail and names at the userinfo endpoint only.
    const claims =
      payload.email || !tokens.access_token ? payload : await this.userinfo(d, tokens.access_token, payload.sub);
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    // ProConnect gives given_name and usual_name; other providers, name.
    const name =
      str(claims.name) ?? ([str(claims.given_name), str(claims.usual_name)].filter(Boolean).join(' ') || undefined);
    const email = str(claims.email);
    return { sub: payload.sub, idToken: tokens.id_token, ...(email ? { email } : {}), ...(name ? { name } : {}) };
  }

  /** The claims of the userinfo endpoint, plain JSON or a signed JWT (ProConnect); for the same `sub` only. */
  private async userinfo(d: Discovery, accessToken: string, sub: string): Promise<JWTPayload> {
    if (!d.userinfo_endpoint) return { sub };
    const res = await fetch(d.userinfo_endpoint, {
      headers: { authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new OidcError(`informations de l’utilisateur refusées (${res.status})`);
    let claims: JWTPayload;
    if ((res.headers.get('content-type') ?? '').startsWith('application/jwt')) {
      this.jwks ??= createRemoteJWKSet(new URL(d.jwks_uri));
      ({ payload: claims } = await jwtVerify(await res.text(), this.jwks, {
        issuer: d.issuer,
        audience: this.config.clientId,
      }));
    } else claims = (await res.json()) as JWTPayload;
    if (claims.sub !== sub) throw new OidcError('informations de l’utilisateur d’une autre personne (sub différent)');
    return claims;
  }

  /** Where to send the browser to end the provider's session too (when it has one). */
  async logoutUrl(idToken: string, returnTo: string): Promise<string | undefined> {
    const d = await this.provider().catch(() => undefined);
    if (!d?.end_session_endpoint) return undefined;
    const url = new URL(d.end_session_endpoint);
    url.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: returnTo }).toString();
    return url.toString();
  }
}
