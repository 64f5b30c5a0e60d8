/**
 * The professionals' space of the service: sign-in (OpenID Connect), the session, and the restricted
 * part of actors. The restricted part is answered only to a signed-in professional, with
 * `cache-control: private, no-store` so that no shared cache keeps it; it is changed only by the
 * manager of that actor or a moderator, with the session's CSRF token and from an allowed origin.
 * Nothing restricted is ever logged.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OidcClient, OidcError, type OidcConfig } from './oidc.js';
import { ProStore, type Session } from './store.js';

export interface ProConfig {
  oidc: OidcConfig;
  /** E-mails of the moderators (lower case). */
  moderators: string[];
  sessionHours: number;
}

const SESSION_COOKIE = 'essaim_session';
const LOGIN_COOKIE = 'essaim_connexion';
/** Unconfirmed restricted data is shown with its age, and hidden after this long (the Soliguide practice). */
export const HIDE_AFTER_MS = 365 * 24 * 3600 * 1000;
const CONFIRM_EVERY_MS = 182 * 24 * 3600 * 1000;

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;

/** The restricted part of an actor: what only professionals see. */
export const RESTRICTED_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    contacts: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['nom'],
        properties: {
          nom: { type: 'string', minLength: 2, maxLength: 120 },
          fonction: text(120),
          telephone: { type: 'string', maxLength: 30, pattern: '^[0-9 +().-]*$' },
          courriel: { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
        },
      },
    },
    horaires_partenaires: text(500),
    capacite: text(300),
    besoins: {
      type: 'object',
      additionalProperties: false,
      properties: { benevoles: text(500), logistique: text(500), produits: text(500) },
    },
  },
} as const;

export interface ProDeps {
  db: ConstructorParameters<typeof ProStore>[0];
  config: ProConfig;
  /** Is `actorId` an actor of the content (the public part exists)? */
  actorExists: (actorId: string) => boolean;
  originAllowed: (req: FastifyRequest) => boolean;
  now: () => number;
}

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ erreur: message });
}

const CONTACT_RULES: Record<string, string> = {
  nom: 'nom : de 2 à 120 caractères, obligatoire pour chaque contact',
  fonction: 'fonction : 120 caractères au plus',
  telephone: 'téléphone : chiffres, espaces et + ( ) . - seulement, 30 caractères au plus',
  courriel: 'courriel : une adresse comme nom@exemple.org',
};
const FIELD_RULES: Record<string, string> = {
  contacts: 'Contacts : 10 au plus',
  courriel: 'Courriel du compte : une adresse comme nom@exemple.org',
  horaires_partenaires: 'Horaires pour les partenaires : 500 caractères au plus',
  capacite: 'Capacité : 300 caractères au plus',
  'besoins.benevoles': 'Besoins en bénévoles : 500 caractères au plus',
  'besoins.logistique': 'Besoins en logistique : 500 caractères au plus',
  'besoins.produits': 'Besoins en produits : 500 caractères au plus',
};

/** The French message for the first problem a body schema of these routes found: the field, and what it takes. */
export function restrictedFieldError(
  issues: readonly { instancePath: string; keyword: string; params: Record<string, unknown> }[],
): string {
  const issue = issues[0];
  if (issue?.keyword === 'additionalProperties')
    return `Champ inattendu : « ${String(issue.params.additionalProperty).slice(0, 60)} ». Retirez-le et recommencez.`;
  const steps = issue?.instancePath.split('/').filter(Boolean) ?? [];
  if (issue?.keyword === 'required') steps.push(String(issue.params.missingProperty));
  if (steps.length === 0) return 'Informations refusées : envoyez un objet JSON.';
  const [first, index, field] = steps;
  const rule =
    first === 'contacts' && index !== undefined && field !== undefined
      ? `Contact ${Number(index) + 1}, ${CONTACT_RULES[field] ?? field}`
      : (FIELD_RULES[steps.join('.')] ?? `« ${steps.join('.')} » : valeur refusée`);
  return `${rule}. Corrigez ce champ et recommencez.`;
}

/** A path of the portal to come back to after signing in (never another site). */
function safeReturn(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[^\s]*$/.test(raw) && raw.length < 500 ? raw : '/';
}

export async function proRoutes(app: FastifyInstance, deps: ProDeps): Promise<void> {
  const { config, now } = deps;
  const store = new ProStore(deps.db);
  const oidc = new OidcClient(config.oidc);
  await app.register(cookie);
  app.setErrorHandler((error: Error & { validation?: Parameters<typeof restrictedFieldError>[0] }, _req, reply) => {
    if (error.validation) return refuse(reply, 400, restrictedFieldError(error.validation));
    // Anything else is answered by the service's handler.
    throw error;
  });
  // Secure always: browsers accept it from http://localhost too, so the offline demo works.
  const cookieOptions = { path: '/', httpOnly: true, secure: true } as const;

  const sessionOf = (req: FastifyRequest): Session | undefined => {
    const id = req.cookies[SESSION_COOKIE];
    return id ? store.session(id, now()) : undefined;
  };
  /** State-changing requests: a session, its CSRF token in a header, and an allowed origin. */
  const guard = (req: FastifyRequest, reply: FastifyReply): Session | undefined => {
    const session = sessionOf(req);
    if (!session) {
      refuse(reply, 401, 'Connectez-vous à l’espace professionnel.');
      return undefined;
    }
    if (req.headers['x-csrf-token'] !== session.csrf || !deps.originAllowed(req)) {
      refuse(reply, 403, 'Requête refusée : rechargez la page et recommencez.');
      return undefined;
    }
    return session;
  };

  app.get('/api/pro/connexion', async (req, reply) => {
    const query = req.query as { retour?: string };
    try {
      const start = await oidc.start();
      store.startLogin(
        start.state,
        { nonce: start.nonce, verifier: start.verifier, returnTo: safeReturn(query.retour) },
        now() + 10 * 60_000,
      );
      // Lax: the provider sends the browser back here with a top-level GET.
      reply.setCookie(LOGIN_COOKIE, start.state, { ...cookieOptions, sameSite: 'lax', maxAge: 600 });
      return await reply.header('cache-control', 'no-store').redirect(start.url, 303);
    } catch (error) {
      req.log.error({ err: error }, 'connexion professionnelle impossible');
      return refuse(reply, 502, 'Le service d’identification ne répond pas : réessayez dans un moment.');
    }
  });

  app.get('/api/pro/retour', async (req, reply) => {
    const query = req.query as { state?: string; code?: string; error?: string };
    const state = req.cookies[LOGIN_COOKIE];
    reply.clearCookie(LOGIN_COOKIE, { path: '/' });
    if (query.error) return refuse(reply, 403, 'Connexion annulée ou refusée par le service d’identification.');
    if (!state || !query.state || query.state !== state || !query.code)
      return refuse(reply, 400, 'Connexion expirée ou ouverte dans un autre navigateur : recommencez.');
    const login = store.takeLogin(state, now());
    if (!login) return refuse(reply, 400, 'Connexion expirée : recommencez.');
    let identity;
    try {
      identity = await oidc.finish(query.code, login);
    } catch (error) {
      req.log.warn({ err: error instanceof OidcError ? error.message : error }, 'connexion professionnelle refusée');
      return refuse(reply, 403, 'Connexion refusée : l’identité renvoyée n’a pas pu être vérifiée.');
    }
    const { sessionId } = store.signIn(identity, config.moderators, now(), config.sessionHours * 3600_000);
    reply.setCookie(SESSION_COOKIE, sessionId, {
      ...cookieOptions,
      sameSite: 'strict',
      maxAge: config.sessionHours * 3600,
    });
    req.log.info('connexion professionnelle');
    // A page of the portal, not a redirect: a Strict cookie set during a cross-site navigation is only
    // sent from the next same-site request, which this page makes.
    const back = encodeURI(login.returnTo);
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="fr"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${back}"><title>Connexion réussie</title><p>Connexion réussie. <a href="${back}">Continuer</a></p></html>`,
      );
  });

  app.get('/api/pro/session', async (req, reply) => {
    reply.header('cache-control', 'private, no-store').header('vary', 'cookie');
    const session = sessionOf(req);
    if (!session) return { connecte: false, demo: config.oidc.demo === true };
    return {
      connecte: true,
      demo: config.oidc.demo === true,
      nom: session.account.name ?? session.account.email ?? 'professionnel',
      roles: [
        'professionnel',
        ...(session.manages.length ? ['gestionnaire'] : []),
        ...(session.account.moderator ? ['moderateur'] : []),
      ],
      gere: session.manages,
      csrf: session.csrf,
    };
  });

  app.post('/api/pro/deconnexion', async (req, reply) => {
    const session = guard(req, reply);
    if (!session) return reply;
    store.signOut(req.cookies[SESSION_COOKIE] ?? '');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.header('cache-control', 'no-store').send({ connecte: false });
  });

  app.get<{ Params: { id: string } }>('/api/acteurs/:id/restreint', async (req, reply) => {
    reply.header('cache-control', 'private, no-store').header('vary', 'cookie');
    const session = sessionOf(req);
    if (!session) return refuse(reply, 401, 'Réservé aux professionnels : connectez-vous.');
    const { id } = req.params;
    if (!deps.actorExists(id)) return refuse(reply, 404, 'Acteur inconnu.');
    const record = store.restricted(id);
    const canEdit = session.account.moderator || session.manages.includes(id);
    if (!record) return { acteur: id, renseigne: false, modifiable: canEdit };
    const age = now() - record.confirmedAt;
    const base = {
      acteur: id,
      renseigne: true,
      modifiable: canEdit,
      confirmeLe: new Date(record.confirmedAt).toISOString(),
      aConfirmer: age > CONFIRM_EVERY_MS,
    };
    // Too old to be trusted: hidden from readers, still shown to whoever can confirm it.
    if (age > HIDE_AFTER_MS && !canEdit) return { ...base, masque: true };
    return { ...base, masque: false, donnees: record.data };
  });

  app.put<{ Params: { id: string }; Body: unknown }>(
    '/api/acteurs/:id/restreint',
    { schema: { body: RESTRICTED_SCHEMA } },
    async (req, reply) => {
      const session = guard(req, reply);
      if (!session) return reply;
      const { id } = req.params;
      if (!deps.actorExists(id)) return refuse(reply, 404, 'Acteur inconnu.');
      if (!session.account.moderator && !session.manages.includes(id))
        return refuse(reply, 403, 'Seuls les gestionnaires de cette structure et les modérateurs peuvent la modifier.');
      store.saveRestricted(id, req.body, session.account.sub, now());
      req.log.info({ acteur: id }, 'partie réservée enregistrée');
      return reply.header('cache-control', 'no-store').send({ acteur: id, enregistre: true });
    },
  );

  app.post<{ Params: { id: string } }>('/api/acteurs/:id/confirmation', async (req, reply) => {
    const session = guard(req, reply);
    if (!session) return reply;
    const { id } = req.params;
    if (!deps.actorExists(id)) return refuse(reply, 404, 'Acteur inconnu.');
    if (!session.account.moderator && !session.manages.includes(id))
      return refuse(reply, 403, 'Seuls les gestionnaires de cette structure et les modérateurs peuvent la confirmer.');
    if (!store.confirmRestricted(id, session.account.sub, now()))
      return refuse(reply, 404, 'Aucune information réservée à confirmer pour cet acteur.');
    return reply.header('cache-control', 'no-store').send({ acteur: id, confirme: true });
  });

  app.post<{ Params: { id: string }; Body: { courriel: string } }>(
    '/api/acteurs/:id/gestionnaires',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['courriel'],
          properties: { courriel: { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' } },
        },
      },
    },
    async (req, reply) => {
      const session = guard(req, reply);
      if (!session) return reply;
      if (!session.account.moderator) return refuse(reply, 403, 'Réservé aux modérateurs.');
      const { id } = req.params;
      if (!deps.actorExists(id)) return refuse(reply, 404, 'Acteur inconnu.');
      if (!store.addManager(req.body.courriel, id, now()))
        return refuse(
          reply,
          404,
          'Aucun compte professionnel avec ce courriel : la personne doit se connecter une première fois.',
        );
      return reply.header('cache-control', 'no-store').send({ acteur: id, gestionnaire: true });
    },
  );
}
