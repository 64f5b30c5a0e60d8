/**
 * The alerts API: subscribe (double opt-in), confirm, read, change and delete an alert from the
 * signed link of any message, resume sending to an address suspended after bounces, and the
 * one-click unsubscribe of RFC 8058. Same protections as the
 * submissions: rate limit, small bodies, origin check, the proof of work when it is enabled.
 * The answer to a subscription never says whether the address is already known.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readCriteria } from '../content/digest.js';
import {
  alertLinks,
  confirmationMessage,
  criteriaText,
  verifyToken,
  type Subscription,
  type Subscriptions,
} from '../mail/alerts.js';
import type { MailQueue } from '../mail/queue.js';
import { originAllowed, type ProofOfWork } from './protection.js';
import { SubmissionError } from './submission.js';

export interface AlertsDeps {
  subscriptions: Subscriptions;
  queue: MailQueue;
  secret: string;
  publicUrl: string;
  allowedOrigins: readonly string[];
  proofOfWork?: ProofOfWork;
  /** Route config of the rate limit (shared with the submissions). */
  limited: Record<string, unknown>;
  /** A message was queued (wakes the sender). */
  onQueued: () => void;
  now: () => number;
}

/** The only check of an address: its shape, linear in its length, after its length. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

const CRITERIA_SCHEMA = {
  type: 'object',
  maxProperties: 3,
  additionalProperties: { type: 'array', maxItems: 30, items: { type: 'string', maxLength: 60 } },
} as const;

const SUBSCRIBE_SCHEMA = {
  type: 'object',
  required: ['courriel', 'criteres'],
  additionalProperties: false,
  properties: {
    courriel: { type: 'string', maxLength: 254 },
    criteres: CRITERIA_SCHEMA,
    site: { type: 'string', maxLength: 200 },
    altcha: { type: 'object' },
  },
} as const;

const BODY_LIMIT = 8 * 1024;

interface TokenQuery {
  Querystring: { jeton?: string };
}

export default async function alertsRoutes(app: FastifyInstance, deps: AlertsDeps): Promise<void> {
  const { subscriptions, queue, secret } = deps;
  // RFC 8058: mail providers post `List-Unsubscribe=One-Click` as a form; nowhere else is a form accepted.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, body, done) => done(null, body),
  );

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    const send = (status: number, erreur: string): FastifyReply =>
      reply.code(status).type('application/json; charset=utf-8').send({ erreur });
    if (error instanceof SubmissionError) return send(error.status, error.message);
    if (error.validation) return send(400, `Demande d’alerte invalide (${error.message}).`);
    if (error.statusCode === 413) return send(413, 'Demande d’alerte trop volumineuse.');
    if (error.statusCode === 415) return send(415, 'Format refusé : envoyez la demande en JSON.');
    // Anything else (rate limit, internal errors) is answered by the service's handler.
    throw error;
  });

  const sameOrigin = (req: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, `${req.protocol}://${req.host}`, deps.allowedOrigins))
      done(new SubmissionError(403, 'Cette adresse n’est pas autorisée à gérer les alertes de ce service.'));
    else done();
  };
  const subscriptionOf = (req: FastifyRequest<TokenQuery>): Subscription => {
    const id = verifyToken(secret, 'gerer', req.query.jeton);
    const s = id ? subscriptions.get(id) : undefined;
    if (s) return s;
    throw new SubmissionError(
      404,
      'Ce lien d’alerte n’est pas valide, ou l’alerte a déjà été supprimée. Vous pouvez en créer une nouvelle sur la page Alertes.',
    );
  };
  const criteriaOf = (input: unknown): ReturnType<typeof readCriteria> & object => {
    const c = readCriteria(input);
    if (typeof c === 'string') throw new SubmissionError(400, c);
    return c;
  };

  app.post<{ Body: { courriel: string; criteres: unknown; site?: string; altcha?: unknown } }>(
    '/api/alertes',
    { config: deps.limited, bodyLimit: BODY_LIMIT, schema: { body: SUBSCRIBE_SCHEMA }, onRequest: sameOrigin },
    async (req, reply) => {
      const answer = {
        message:
          'Demande enregistrée. Un message de confirmation part vers cette adresse : ouvrez le lien qu’il contient pour activer l’alerte.',
      };
      const { courriel, criteres, site } = req.body;
      if (site && site.trim() !== '') return reply.code(202).send(answer);
      const email = courriel.trim();
      if (!EMAIL.test(email))
        throw new SubmissionError(400, 'Adresse électronique invalide : vérifiez-la (par exemple nom@exemple.fr).');
      const criteria = criteriaOf(criteres);
      if (deps.proofOfWork) {
        const refused = await deps.proofOfWork.verify(req.body.altcha);
        if (refused) throw new SubmissionError(400, refused);
      }
      const s = subscriptions.create(email, criteria, deps.now());
      queue.enqueue([confirmationMessage(s, alertLinks(deps.publicUrl, secret, s.id))], deps.now());
      deps.onQueued();
      return reply.code(202).send(answer);
    },
  );

  // The link of the confirmation message (a GET, as every mail client opens it).
  app.get<TokenQuery>('/api/alertes/confirmer', { config: deps.limited }, async (req, reply) => {
    const id = verifyToken(secret, 'confirmer', req.query.jeton);
    if (!id || !subscriptions.confirm(id, deps.now())) return reply.redirect('/alertes?etat=lien-invalide', 303);
    const manage = new URL(alertLinks(deps.publicUrl, secret, id).manage).search;
    return reply.redirect(`/alertes${manage}&etat=confirmee`, 303);
  });

  app.get<TokenQuery>('/api/alertes/abonnement', { config: deps.limited }, async (req, reply) => {
    const s = subscriptionOf(req);
    reply.header('cache-control', 'no-store');
    return {
      courriel: s.email,
      criteres: s.criteria,
      description: criteriaText(s.criteria),
      confirmee: s.confirmedAt !== null,
      // Nothing is sent to an address whose mailbox refused several messages (see `essaim rebonds`).
      suspendue: queue.bounced(s.email),
    };
  });

  // The reader fixed their mailbox: sending resumes (another run of refusals suspends it again).
  app.post<TokenQuery>(
    '/api/alertes/reprise',
    { config: deps.limited, bodyLimit: BODY_LIMIT, onRequest: sameOrigin },
    (req, reply) => {
      const s = subscriptionOf(req);
      const lifted = queue.liftBounces(s.email);
      return reply.send({
        message: lifted
          ? 'Envois repris : les prochaines alertes partiront vers cette adresse.'
          : 'Aucun envoi n’était suspendu pour cette adresse.',
      });
    },
  );

  app.post<TokenQuery & { Body: { criteres: unknown } }>(
    '/api/alertes/abonnement',
    {
      config: deps.limited,
      bodyLimit: BODY_LIMIT,
      schema: {
        body: {
          type: 'object',
          required: ['criteres'],
          additionalProperties: false,
          properties: { criteres: CRITERIA_SCHEMA },
        },
      },
      onRequest: sameOrigin,
    },
    (req, reply) => {
      const { id } = subscriptionOf(req);
      const criteria = criteriaOf(req.body.criteres);
      subscriptions.update(id, criteria, deps.now());
      return reply.send({ message: `Alerte modifiée : ${criteriaText(criteria)}.`, criteres: criteria });
    },
  );

  app.post<TokenQuery>(
    '/api/alertes/suppression',
    { config: deps.limited, bodyLimit: BODY_LIMIT, onRequest: sameOrigin },
    (req, reply) => {
      subscriptions.remove(subscriptionOf(req).id);
      return reply.send({ message: 'Alerte supprimée, et votre adresse avec elle.' });
    },
  );

  // One-click unsubscribe (RFC 8058): a POST from the mail client or provider, no origin, no cookie.
  app.post<TokenQuery>('/api/alertes/desabonnement', { config: deps.limited }, async (req, reply: FastifyReply) => {
    const id = verifyToken(secret, 'gerer', req.query.jeton);
    if (id) subscriptions.remove(id);
    if (!id) return reply.code(404).type('text/plain; charset=utf-8').send('Lien de désabonnement invalide.');
    return reply
      .type('text/plain; charset=utf-8')
      .send('Désabonnement fait : l’alerte et votre adresse sont supprimées.');
  });
  // Opened in a browser (or by a link scanner): nothing is deleted, the manage page asks.
  app.get<TokenQuery>('/api/alertes/desabonnement', async (req, reply) => {
    const token = typeof req.query.jeton === 'string' ? req.query.jeton : '';
    return reply.redirect(`/alertes?jeton=${encodeURIComponent(token)}&etat=desabonnement`, 303);
  });
}
