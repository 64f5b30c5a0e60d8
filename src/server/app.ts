/**
 * The HTTP face of the service: the submission API and (when built) the portal, on one port.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { knownRefs } from '../content/load.js';
import { todayIso } from '../content/validate.js';
import { branchName } from '../github/names.js';
import type { ServerOptions } from './config.js';
import { inlineScriptHashes } from './csp.js';
import observability from './observability.js';
import { proRoutes } from './pro/routes.js';
import { originAllowed, ProofOfWork } from './protection.js';
import { FORM_BRANCH_PREFIX, labelsFor } from './proposers.js';
import type { Outbox, Submission } from './store.js';
import {
  chooseEntryId,
  ENVELOPE_SCHEMA,
  envelopeError,
  pullRequestText,
  readEnvelope,
  SubmissionError,
  type EnvelopeIssue,
} from './submission.js';
import { ValidationPool } from './validation-pool.js';

export interface AppDeps {
  options: ServerOptions;
  outbox: Outbox;
  /** Called after a submission is stored (wakes the worker). */
  onAccepted?: (id: string) => void;
  /** Clock (tests). */
  now?: () => number;
  /** Where the logs go (standard output by default; tests read them). */
  logStream?: NodeJS.WritableStream;
}

const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,32}$/;
export const STATUS_PAGE = '/contribuer/suivi';
/** Pages where the form validates as you type: rjsf's validator (ajv) compiles the schema with `new Function`. */
const FORM_PAGES = new Set(['/contribuer/proposer']);

/**
 * The portal's Content-Security-Policy. Scripts: the site's own files, plus Docusaurus' small
 * inline scripts (colour mode…) allowed by their hashes — never 'unsafe-inline'. Only the form page
 * adds 'unsafe-eval', which ajv needs to compile the collection's schema in the browser.
 * Styles allow inline style attributes (set by React and Docusaurus), which cannot run code.
 */
export function contentSecurityPolicy(hashes: readonly string[], allowEval: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self'${allowEval ? " 'unsafe-eval'" : ''}${hashes.map((h) => ` '${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function jsonError(
  reply: FastifyReply,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ erreur: message, ...extra });
}

const STATUS_MESSAGES: Record<Submission['status'], string> = {
  recue: 'Proposition reçue : elle est enregistrée et sera transmise à l’équipe éditoriale dans un instant.',
  'en-cours': 'Proposition en cours de transmission à l’équipe éditoriale.',
  ouverte: 'Proposition ouverte : l’équipe éditoriale va la relire.',
  echec: 'La proposition n’a pas pu être transmise.',
};

export function statusOf(s: Submission, local: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    statut: s.status,
    message: STATUS_MESSAGES[s.status],
    collection: s.collection,
    titre: s.title,
    fichier: s.path,
    tentatives: s.attempts,
    recueLe: new Date(s.createdAt).toISOString(),
  };
  if (s.status === 'en-cours' && s.lastError)
    out.message = `Transmission retardée, nouvelle tentative le ${new Date(s.nextAttemptAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}. ${s.lastError}`;
  if (s.status === 'echec')
    out.message =
      `${STATUS_MESSAGES.echec} ${s.lastError ?? ''} L’équipe du portail en a la trace et reviendra vers vous.`.trim();
  if (s.status === 'ouverte') {
    out.branche = s.branch;
    if (s.prUrl) out.pr = { numero: s.prNumber, url: s.prUrl };
    if (local)
      out.message = `Proposition enregistrée dans la branche locale « ${s.branch} » du dépôt (mode hors ligne, sans GitHub).`;
  }
  return out;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { options, outbox } = deps;
  const now = deps.now ?? Date.now;
  const prot = options.protection;
  const app = Fastify({
    logger:
      options.logLevel === false
        ? false
        : {
            level: options.logLevel,
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', '*.courriel', '*.contact', 'contact'],
              censor: '[masqué]',
            },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    bodyLimit: prot.bodyLimit,
    // The envelope schema refuses what it does not know, and never converts a value.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    trustProxy: prot.trustProxy.length > 0 ? prot.trustProxy : false,
    return503OnClosing: true,
  });
  // JSON only: Fastify's default text/plain parser would let a plain HTML form post here.
  app.removeContentTypeParser('text/plain');

  const pool = new ValidationPool({
    repoDir: options.repoDir,
    size: prot.validationThreads,
    timeoutMs: prot.validationTimeoutMs,
    maxQueue: prot.validationQueue,
  });
  app.addHook('onClose', () => pool.close());
  const pow = prot.altchaSecret ? new ProofOfWork(prot.altchaSecret, prot.altchaMaxCounter, outbox) : undefined;
  let refs: { at: number; set: Set<string> } | undefined;
  const repoRefs = (): Set<string> => {
    if (!refs || now() - refs.at > 10_000) refs = { at: now(), set: knownRefs(options.repoDir) };
    return refs.set;
  };

  const hashes = options.staticDir ? inlineScriptHashes(options.staticDir) : [];
  // Security headers from helmet; the Content-Security-Policy is set below, per page.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false, hsts: false });
  const csp = contentSecurityPolicy(hashes, false);
  const cspForm = contentSecurityPolicy(hashes, true);
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '';
    reply.header(
      'content-security-policy',
      FORM_PAGES.has(path.replace(/\/+$/, '').replace(/\.html$/, '')) ? cspForm : csp,
    );
    return payload;
  });

  const ownOrigin = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

  // CORS for a portal hosted elsewhere than the service: only the configured origins.
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && prot.allowedOrigins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    max: prot.rateBurst,
    // `rateBurst` submissions per window, which lasts as long as the per-minute rate takes to allow as many.
    timeWindow: prot.ratePerMinute > 0 ? Math.ceil((prot.rateBurst * 60_000) / prot.ratePerMinute) : 60_000,
    errorResponseBuilder: (req, context) => {
      const wait = Math.max(1, Math.ceil(context.ttl / 1000));
      const what = req.url.startsWith('/api/altcha') ? 'Trop de demandes' : 'Trop de propositions envoyées';
      return new SubmissionError(429, `${what} depuis votre adresse : réessayez dans ${wait} s.`);
    },
  });
  const limited = prot.ratePerMinute > 0 ? { rateLimit: {} } : { rateLimit: false as const };

  app.setErrorHandler(
    (error: Error & { statusCode?: number; code?: string; validation?: EnvelopeIssue[] }, req, reply) => {
      if (error instanceof SubmissionError)
        return jsonError(
          reply,
          error.status,
          error.message,
          error.problemes.length ? { problemes: error.problemes } : {},
        );
      if (error.validation) {
        const refused = envelopeError(error.validation);
        return jsonError(
          reply,
          refused.status,
          refused.message,
          refused.problemes.length ? { problemes: refused.problemes } : {},
        );
      }
      const status = error.statusCode ?? 500;
      if (status === 413)
        return jsonError(
          reply,
          413,
          `La proposition est trop volumineuse (${Math.round(prot.bodyLimit / 1024)} Kio au plus). Raccourcissez le texte.`,
        );
      if (status === 415)
        return jsonError(
          reply,
          415,
          'Format refusé : la proposition doit être envoyée en JSON (Content-Type: application/json).',
        );
      if (status === 400 && (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)) {
        return jsonError(reply, 400, 'Le contenu envoyé n’est pas du JSON valide.');
      }
      if (status >= 500) req.log.error({ err: error }, 'erreur interne');
      return jsonError(
        reply,
        status,
        status >= 500 ? 'Erreur interne du service ; réessayez dans un moment.' : 'Requête refusée.',
      );
    },
  );

  await app.register(observability, { options, outbox, proofOfWork: pow !== undefined, now });

  app.get('/api/altcha/challenge', { config: limited }, async (_req, reply) => {
    if (!pow) return jsonError(reply, 404, 'La preuve de travail n’est pas activée sur ce service.');
    reply.header('cache-control', 'no-store');
    return pow.challenge();
  });

  app.post(
    '/api/submissions',
    {
      config: limited,
      schema: { body: ENVELOPE_SCHEMA },
      // Before the body is read: a refused origin costs nothing.
      onRequest: async (req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'application/json')
          throw new SubmissionError(
            415,
            'Format refusé : la proposition doit être envoyée en JSON (Content-Type: application/json).',
          );
        const origin = req.headers.origin;
        // Browsers always send Origin on a POST; clients without one (scripts) cannot be a forged cross-site request.
        if (origin !== undefined && !originAllowed(origin, ownOrigin(req), prot.allowedOrigins)) {
          req.log.warn({ origine: origin }, 'origine refusée');
          throw new SubmissionError(403, 'Cette adresse n’est pas autorisée à envoyer des propositions à ce service.');
        }
      },
    },
    async (req, reply) => {
      {
        const env = readEnvelope(req.body);
        if (env.honeypot.trim() !== '') {
          // A robot filled the hidden field: answer as if accepted, keep nothing.
          req.log.info('envoi ignoré (champ piège rempli)');
          const fake = crypto.randomBytes(12).toString('base64url');
          return reply
            .code(202)
            .send({ id: fake, statusUrl: `/api/submissions/${fake}`, suiviUrl: `${STATUS_PAGE}?id=${fake}` });
        }
        if (prot.minFillMs > 0) {
          if (env.renduA === undefined)
            throw new SubmissionError(
              400,
              'Le formulaire est incomplet (horodatage manquant) : rechargez la page et renvoyez-le.',
            );
          const elapsed = now() - env.renduA;
          if (elapsed < prot.minFillMs) {
            throw new SubmissionError(
              400,
              `Formulaire envoyé trop vite (${Math.max(0, elapsed / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s après son affichage) : relisez votre proposition et renvoyez-la dans quelques secondes.`,
            );
          }
        }
        if (pow) {
          const refused = await pow.verify(env.altcha);
          if (refused) throw new SubmissionError(400, refused);
        }
        const refsNow = repoRefs();
        const id = crypto.randomBytes(12).toString('base64url');
        // A courtesy here (the id is checked again against the base branch when proposing); reserved
        // at once, so that two submissions validated at the same time never get the same id.
        const entryId = chooseEntryId(
          env.collection,
          env.donnees,
          (c, eid) => refsNow.has(`${c.name}/${eid}`) || outbox.entryIdTaken(c.name, eid),
        );
        const release = outbox.reserve(env.collection.name, entryId);
        let prepared;
        try {
          const reply = await pool.run({
            collection: env.collection.name,
            donnees: env.donnees,
            texte: env.texte,
            entryId,
            today: todayIso(),
          });
          if (!reply.ok) throw new SubmissionError(reply.status, reply.message, reply.problemes);
          prepared = { collection: env.collection, entryId, ...reply.entry };
        } catch (error) {
          release();
          throw error;
        }
        const text = pullRequestText(prepared, id, env.contact);
        // Answered only once the submission is committed to disk.
        await outbox.store(
          {
            id,
            collection: prepared.collection.name,
            entryId: prepared.entryId,
            path: prepared.path,
            content: prepared.content,
            title: prepared.title,
            prTitle: text.title,
            prBody: text.body,
            commitMessage: text.commitMessage,
            branch: branchName(prepared.collection.name, prepared.entryId, FORM_BRANCH_PREFIX),
            contactName: env.contact.nom,
            contactEmail: env.contact.courriel,
            credit: env.contact.credit,
          },
          now(),
        );
        const stored = prepared;
        req.log.info(
          {
            soumission: id,
            collection: stored.collection.name,
            fichier: stored.path,
            etiquettes: labelsFor(stored.collection.prLabel),
          },
          'proposition reçue',
        );
        deps.onAccepted?.(id);
        return reply
          .code(202)
          .send({ id, statusUrl: `/api/submissions/${id}`, suiviUrl: `${STATUS_PAGE}?id=${id}`, fichier: stored.path });
      }
    },
  );

  app.get<{ Params: { id: string } }>('/api/submissions/:id', async (req, reply) => {
    const { id } = req.params;
    const s = SUBMISSION_ID.test(id) ? outbox.get(id) : undefined;
    reply.header('cache-control', 'no-store');
    if (!s) return jsonError(reply, 404, 'Aucune proposition ne porte ce numéro de suivi.');
    return statusOf(s, !options.github);
  });

  const pro = options.pro;
  if (pro)
    await app.register(async (scope) =>
      proRoutes(scope, {
        db: outbox.db,
        config: pro,
        actorExists: (id) => repoRefs().has(`actors/${id}`),
        // State-changing requests of the professionals' space come from a page of the portal: Origin required.
        originAllowed: (req) =>
          req.headers.origin !== undefined && originAllowed(req.headers.origin, ownOrigin(req), prot.allowedOrigins),
        now,
      }),
    );

  const root = options.staticDir && fs.existsSync(options.staticDir) ? options.staticDir : undefined;
  if (root) await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html', redirect: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') return jsonError(reply, 404, 'Adresse d’API inconnue.');
    if (!root) return jsonError(reply, 404, 'Ce service ne sert que l’API des propositions.');
    {
      let url = '';
      try {
        url = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/\/+$/, ''));
      } catch {
        url = '';
      }
      if (req.method === 'GET' && url !== '' && !url.includes('..') && !url.includes('\0')) {
        for (const candidate of [`${url}/index.html`, `${url}.html`]) {
          const abs = path.join(root, candidate);
          if (abs.startsWith(root + path.sep) && fs.existsSync(abs)) return reply.sendFile(candidate.slice(1));
        }
      }
      const notFound = path.join(root, '404.html');
      if (fs.existsSync(notFound)) return reply.code(404).sendFile('404.html');
      return reply.code(404).type('text/plain; charset=utf-8').send('Page introuvable.');
    }
  });

  return app;
}
