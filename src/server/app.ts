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
import alertsRoutes from './alerts.js';
import { inlineScriptHashes } from './csp.js';
import observability from './observability.js';
import { proRoutes } from './pro/routes.js';
import { originAllowed, ProofOfWork } from './protection.js';
import { EDIT_BRANCH_PREFIX, FORM_BRANCH_PREFIX, labelsFor } from './proposers.js';
import type { MailQueue } from '../mail/queue.js';
import type { Subscriptions } from '../mail/alerts.js';
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
import { readReport, REPORT_SCHEMA, reportedEntry, Reports } from './reports.js';
import { findEntryPath, formValues, localBaseFiles, readVersion, startEdit, type BaseFiles } from './edits.js';
import { collections, type CollectionName } from '../content/collections.js';
import { diffEntries } from '../content/diff.js';
import { searchTerritories } from '../content/geography.js';
import { COMPUTED_FIELDS } from '../content/form-schema.js';
import { parseEntry } from '../content/parse.js';

export interface AppDeps {
  options: ServerOptions;
  outbox: Outbox;
  /** The base branch's files (edits); the local repository's by default. */
  files?: BaseFiles;
  /** The error reports (same database as the outbox by default). */
  reports?: Reports;
  /** Reads a transmitted submission's pull request state (GitHub mode); the status page calls it. */
  refreshPull?: (s: Submission) => Promise<Submission>;
  /** Called after a report is stored. */
  onReport?: () => void;
  /** Called after a submission is stored (wakes the worker). */
  onAccepted?: (id: string) => void;
  /** Clock (tests). */
  now?: () => number;
  /** The alerts (their subscriptions and the mail queue); undefined: no alerts API. */
  alerts?: { subscriptions: Subscriptions; queue: MailQueue; secret: string; onQueued: () => void };
  /** Where the logs go (standard output by default; tests read them). */
  logStream?: NodeJS.WritableStream;
}

const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,32}$/;
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REPORT_THANKS = 'Merci : votre signalement est enregistré, l’équipe éditoriale va vérifier l’entrée.';
export const STATUS_PAGE = '/contribuer/suivi';
/** Pages where the form validates as you type: rjsf's validator (ajv) compiles the schema with `new Function`. */
const FORM_PAGES = new Set(['/contribuer/proposer']);

/**
 * The portal's Content-Security-Policy. Scripts: the site's own files, plus Docusaurus' small
 * inline scripts (colour mode…) allowed by their hashes — never 'unsafe-inline'. Only the form page
 * adds 'unsafe-eval', which ajv needs to compile the collection's schema in the browser.
 * Styles allow inline style attributes (set by React and Docusaurus), which cannot run code.
 */
/**
 * Files under `assets/` carry a hash of their content in their name (Docusaurus' bundler output):
 * they never change, and are cached for a year. Everything else (pages, data, images of `static/`)
 * keeps its address across builds, so the browser asks again each time (cheap with the ETag).
 */
export function cacheControlFor(root: string, file: string): string {
  return file.startsWith(path.join(root, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

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
    if (s.prState) out.etatPr = s.prState === 'open' ? 'ouverte' : s.prState === 'merged' ? 'fusionnee' : 'fermee';
    if (s.prState === 'merged')
      out.message = 'Proposition acceptée : elle sera en ligne à la prochaine mise à jour du portail. Merci !';
    if (s.prState === 'closed') {
      out.message = 'Proposition fermée par l’équipe éditoriale sans être publiée.';
      if (s.prReason) out.motif = s.prReason;
    }
  }
  return out;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { options, outbox } = deps;
  const now = deps.now ?? Date.now;
  const files = deps.files ?? localBaseFiles(options.repoDir, options.baseBranch);
  const reports = deps.reports ?? new Reports(outbox.db);
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

  const root = options.staticDir && fs.existsSync(options.staticDir) ? options.staticDir : undefined;
  const hashes = options.staticDir ? inlineScriptHashes(options.staticDir) : [];
  // Security headers from helmet; the Content-Security-Policy is set below, per page.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false, hsts: false });
  const csp = contentSecurityPolicy(hashes, false);
  const cspForm = contentSecurityPolicy(hashes, true);
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '';
    // The portal's files differ by Accept-Encoding (precompressed copies): caches must know it.
    if (root && !path.startsWith('/api/')) {
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
    }
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
      const what = req.url.startsWith('/api/submissions') ? 'Trop de propositions envoyées' : 'Trop de demandes';
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

  await app.register(observability, {
    options,
    outbox,
    ...(deps.alerts ? { mail: deps.alerts.queue } : {}),
    proofOfWork: pow !== undefined,
    now,
  });

  app.get('/api/altcha/challenge', { config: limited }, async (_req, reply) => {
    if (!pow) return jsonError(reply, 404, 'La preuve de travail n’est pas activée sur ce service.');
    reply.header('cache-control', 'no-store');
    return pow.challenge();
  });

  /** Only JSON, only from an allowed origin: checked before the body is read. */
  const jsonPost = async (req: FastifyRequest): Promise<void> => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
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
    return Promise.resolve();
  };

  /** The anti-robot checks; false when the hidden field was filled (then answer as if accepted, keep nothing). */
  const human = async (f: { honeypot: string; renduA: number | undefined; altcha: unknown }): Promise<boolean> => {
    if (f.honeypot.trim() !== '') return false;
    if (prot.minFillMs > 0) {
      if (f.renduA === undefined)
        throw new SubmissionError(
          400,
          'Le formulaire est incomplet (horodatage manquant) : rechargez la page et renvoyez-le.',
        );
      const elapsed = now() - f.renduA;
      if (elapsed < prot.minFillMs) {
        throw new SubmissionError(
          400,
          `Formulaire envoyé trop vite (${Math.max(0, elapsed / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s après son affichage) : relisez votre proposition et renvoyez-la dans quelques secondes.`,
        );
      }
    }
    if (pow) {
      const refused = await pow.verify(f.altcha);
      if (refused) throw new SubmissionError(400, refused);
    }
    return true;
  };

  app.post<{ Body: Record<string, unknown> }>(
    '/api/signalements',
    { config: limited, schema: { body: REPORT_SCHEMA }, onRequest: jsonPost },
    async (req, reply) => {
      const body = req.body;
      const fake = crypto.randomBytes(12).toString('base64url');
      const robotFree = await human({
        honeypot: typeof body.site_web === 'string' ? body.site_web : '',
        renduA: typeof body.rendu_a === 'number' ? body.rendu_a : undefined,
        altcha: body.altcha,
      });
      if (!robotFree) return reply.code(202).send({ id: fake, message: REPORT_THANKS });
      const input = readReport(body);
      const entry = reportedEntry(options.repoDir, input.collection, input.entryId);
      reports.add({
        id: fake,
        collection: input.collection.name,
        entryId: input.entryId,
        title: entry.title,
        url: `${ownOrigin(req)}${entry.route}`,
        message: input.message,
        contactEmail: input.courriel,
        createdAt: now(),
      });
      req.log.info({ signalement: fake, collection: input.collection.name }, 'signalement reçu');
      deps.onReport?.();
      return reply.code(202).send({ id: fake, message: REPORT_THANKS });
    },
  );

  app.post(
    '/api/submissions',
    {
      config: limited,
      schema: { body: ENVELOPE_SCHEMA },
      // Before the body is read: a refused origin costs nothing.
      onRequest: jsonPost,
    },
    async (req, reply) => {
      {
        const env = readEnvelope(req.body);
        if (!(await human(env))) {
          // A robot filled the hidden field: answer as if accepted, keep nothing.
          req.log.info('envoi ignoré (champ piège rempli)');
          const fake = crypto.randomBytes(12).toString('base64url');
          return reply
            .code(202)
            .send({ id: fake, statusUrl: `/api/submissions/${fake}`, suiviUrl: `${STATUS_PAGE}?id=${fake}` });
        }
        const refsNow = repoRefs();
        const id = crypto.randomBytes(12).toString('base64url');
        const edit = env.modification
          ? await startEdit(files, options.repoDir, env.collection, env.modification, env.donnees, env.texte)
          : undefined;
        // A courtesy here (the id is checked again against the base branch when proposing); reserved
        // at once, so that two submissions validated at the same time never get the same id.
        const entryId =
          env.modification?.id ??
          chooseEntryId(
            env.collection,
            env.donnees,
            (c, eid) => refsNow.has(`${c.name}/${eid}`) || outbox.entryIdTaken(c.name, eid),
          );
        const release = edit ? () => undefined : outbox.reserve(env.collection.name, entryId);
        let prepared;
        try {
          const reply = await pool.run({
            collection: env.collection.name,
            donnees: edit?.donnees ?? env.donnees,
            texte: edit?.texte ?? env.texte,
            entryId,
            today: todayIso(),
          });
          if (!reply.ok) throw new SubmissionError(reply.status, reply.message, reply.problemes);
          prepared = { collection: env.collection, entryId, ...reply.entry };
        } catch (error) {
          release();
          throw error;
        }
        let diff;
        if (edit) {
          if (prepared.path !== edit.path)
            throw new SubmissionError(
              422,
              `Cette modification déplacerait le fichier (${edit.path} → ${prepared.path}) : écrivez plutôt à l’équipe éditoriale avec « Signaler une erreur ».`,
            );
          diff = diffEntries(
            parseEntry(env.collection, edit.path, edit.current.content),
            parseEntry(env.collection, edit.path, prepared.content),
          );
          const computed = new Set<string>(COMPUTED_FIELDS);
          if (diff.sections.length === 0 && diff.fields.every((f) => computed.has(f.path[0] ?? '')))
            throw new SubmissionError(422, 'Vous n’avez rien modifié : changez au moins un champ avant d’envoyer.');
        }
        const text = pullRequestText(
          prepared,
          id,
          env.contact,
          diff && env.modification ? { diff, motif: env.modification.motif } : undefined,
        );
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
            branch: edit
              ? branchName(prepared.collection.name, `${prepared.entryId}-${id.slice(0, 8)}`, EDIT_BRANCH_PREFIX)
              : branchName(prepared.collection.name, prepared.entryId, FORM_BRANCH_PREFIX),
            contactName: env.contact.nom,
            contactEmail: env.contact.courriel,
            credit: env.contact.credit,
            notify: env.contact.suivi,
            baseSha: edit?.current.sha ?? null,
            baseContent: edit?.current.content ?? null,
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

  if (deps.alerts)
    await app.register(alertsRoutes, {
      ...deps.alerts,
      publicUrl: options.mail.publicUrl,
      allowedOrigins: prot.allowedOrigins,
      ...(pow ? { proofOfWork: pow } : {}),
      limited,
      now,
    });
  app.get<{ Params: { collection: string; id: string } }>(
    '/api/entrees/:collection/:id',
    { config: limited },
    async (req, reply) => {
      const c = collections.get(req.params.collection as CollectionName);
      const entryId = req.params.id;
      if (!c || !ENTRY_ID.test(entryId)) return jsonError(reply, 404, 'Entrée inconnue.');
      const file = findEntryPath(options.repoDir, c, entryId);
      const current = file ? await files.read(file) : undefined;
      if (!file || !current)
        return jsonError(reply, 404, `Aucune entrée « ${entryId} » dans la collection ${c.label}.`);
      reply.header('cache-control', 'no-store');
      return {
        collection: c.name,
        id: entryId,
        chemin: file,
        sha: current.sha,
        ...formValues(readVersion(c, file, current.content)),
      };
    },
  );

  // The form's territory field: communes, EPCI, départements and régions by name, code or postal code.
  app.get<{ Querystring: { q?: string } }>('/api/territoires', async (req, reply) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    reply.header('cache-control', 'public, max-age=3600');
    return { territoires: searchTerritories(q, 20).map((t) => ({ code: t.code, libelle: t.label, type: t.kind })) };
  });

  app.get<{ Params: { id: string } }>('/api/submissions/:id', async (req, reply) => {
    const { id } = req.params;
    const s = SUBMISSION_ID.test(id) ? outbox.get(id) : undefined;
    reply.header('cache-control', 'no-store');
    if (!s) return jsonError(reply, 404, 'Aucune proposition ne porte ce numéro de suivi.');
    let fresh = s;
    try {
      if (deps.refreshPull) fresh = await deps.refreshPull(s);
    } catch (error) {
      req.log.warn({ err: error }, 'état de la pull request illisible');
    }
    return statusOf(fresh, !options.github);
  });

  if (root)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      // A list: with `preCompressed`, @fastify/static looks an index up only in a list.
      index: ['index.html'],
      redirect: false,
      // The `.br`/`.gz` copies written after the build (scripts/precompress.ts), chosen by Accept-Encoding.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', cacheControlFor(root, file));
      },
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
