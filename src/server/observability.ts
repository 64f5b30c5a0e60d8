/**
 * Health and metrics. `/api/health` is public (the form reads the mode from it, the container's
 * HEALTHCHECK and the supervision call it) and answers 503 when the database no longer takes
 * writes. `/api/metrics`, in Prometheus' text format, is for the operator only: with
 * ESSAIM_METRICS_TOKEN set, the bearer token is required; without it, only loopback and private
 * addresses get it.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerOptions } from './config.js';
import { SCHEMA_VERSION } from './migrations.js';
import type { MailQueue, MailStatus } from '../mail/queue.js';
import type { Outbox, SubmissionStatus } from './store.js';

export interface ObservabilityOptions {
  options: ServerOptions;
  outbox: Outbox;
  /** The mail queue (alerts, follow-up e-mails), when the service sends mail. */
  mail?: MailQueue;
  /** Whether submissions must carry a proof-of-work (the form reads it). */
  proofOfWork: boolean;
  now?: () => number;
}

/** The write probe is a real commit (an fsync): at most one every so often, however often health is asked. */
const PROBE_EVERY_MS = 5000;

const LOCAL = new net.BlockList();
LOCAL.addSubnet('127.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('10.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('172.16.0.0', 12, 'ipv4');
LOCAL.addSubnet('192.168.0.0', 16, 'ipv4');
LOCAL.addAddress('::1', 'ipv6');
LOCAL.addSubnet('fc00::', 7, 'ipv6');

export function isLocalAddress(address: string): boolean {
  const ip = address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
  const family = net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : undefined;
  return family !== undefined && LOCAL.check(ip, family);
}

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Prometheus text format: one metric, its help, type and samples. */
function metric(
  name: string,
  type: 'counter' | 'gauge',
  help: string,
  samples: [labels: Record<string, string>, value: number][],
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`)
      .join(',');
    lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
  }
  return lines.join('\n');
}

function observability(app: FastifyInstance, o: ObservabilityOptions, done: (error?: Error) => void): void {
  const { options, outbox } = o;
  const now = o.now ?? Date.now;
  const refused = new Map<number, number>();
  let probe: { at: number; writable: boolean } | undefined;

  const writable = (): boolean => {
    const t = now();
    if (!probe || t - probe.at >= PROBE_EVERY_MS) {
      try {
        outbox.probeWrite(t);
        probe = { at: t, writable: true };
      } catch (error) {
        probe = { at: t, writable: false };
        app.log.error({ err: error }, 'la base des propositions n’accepte plus d’écriture');
      }
    }
    return probe.writable;
  };

  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'POST' && req.routeOptions.url === '/api/submissions' && reply.statusCode >= 400) {
      refused.set(reply.statusCode, (refused.get(reply.statusCode) ?? 0) + 1);
    }
  });

  app.get('/api/health', async (_req, reply) => {
    const ok = writable();
    const { pending, failed, oldestPendingAt, lastOpenedAt } = outbox.observe();
    reply.header('cache-control', 'no-store');
    return reply.code(ok ? 200 : 503).send({
      statut: ok ? 'ok' : 'degrade',
      mode: options.github ? 'github' : 'local',
      preuveDeTravail: o.proofOfWork,
      delaiMinimalMs: options.protection.minFillMs,
      base: { inscriptible: ok, versionSchema: SCHEMA_VERSION },
      boiteEnvoi: {
        enAttente: pending,
        plusAncienneEnAttenteS:
          oldestPendingAt === undefined ? null : Math.max(0, Math.floor((now() - oldestPendingAt) / 1000)),
      },
      echecs: failed,
      derniereTransmission: lastOpenedAt === undefined ? null : new Date(lastOpenedAt).toISOString(),
    });
  });

  /** Without a token: a local address, and one that is really the client's (not a proxy's without trustProxy). */
  const allowed = (req: FastifyRequest): 'ok' | 401 | 403 => {
    if (options.metricsToken) {
      const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      return given !== undefined && sameSecret(given, options.metricsToken) ? 'ok' : 401;
    }
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (forwarded && options.protection.trustProxy.length === 0) return 403;
    return isLocalAddress(req.ip) ? 'ok' : 403;
  };

  app.get('/api/metrics', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const access = allowed(req);
    if (access === 401) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="essaim-metriques"')
        .send({ erreur: 'Jeton des métriques absent ou incorrect (Authorization: Bearer …).' });
    }
    if (access === 403)
      return reply.code(403).send({
        erreur:
          'Les métriques ne sont accessibles que depuis la machine ou le réseau local, ou avec le jeton des métriques.',
      });
    const counts = outbox.counts();
    const { oldestPendingAt, lastOpenedAt } = outbox.observe();
    const statuses = Object.keys(counts) as SubmissionStatus[];
    const body = [
      metric(
        'essaim_submissions_accepted_total',
        'counter',
        'Propositions acceptées (enregistrées dans la base), depuis la création de la base.',
        [[{}, statuses.reduce((n, s) => n + counts[s], 0)]],
      ),
      metric(
        'essaim_submissions_refused_total',
        'counter',
        'Propositions refusées depuis le démarrage, par code HTTP.',
        [...refused].sort(([a], [b]) => a - b).map(([code, n]) => [{ code: String(code) }, n]),
      ),
      metric('essaim_outbox_pending', 'gauge', 'Propositions en attente de transmission.', [
        [{}, counts.recue + counts['en-cours']],
      ]),
      metric(
        'essaim_outbox_oldest_pending_age_seconds',
        'gauge',
        'Âge de la plus ancienne proposition en attente (0 : aucune).',
        [[{}, oldestPendingAt === undefined ? 0 : Math.max(0, (now() - oldestPendingAt) / 1000)]],
      ),
      metric(
        'essaim_outbox_submissions',
        'gauge',
        'Propositions de la base, par statut.',
        statuses.map((s) => [{ statut: s }, counts[s]]),
      ),
      metric('essaim_dead_letters', 'gauge', 'Propositions en échec définitif (file des échecs).', [
        [{}, counts.echec],
      ]),
      metric(
        'essaim_last_transmission_timestamp_seconds',
        'gauge',
        'Date de la dernière transmission réussie (0 : aucune).',
        [[{}, lastOpenedAt === undefined ? 0 : lastOpenedAt / 1000]],
      ),
      metric('essaim_database_writable', 'gauge', 'Base inscriptible (1) ou non (0).', [[{}, writable() ? 1 : 0]]),
    ];
    if (o.mail) {
      const mails = o.mail.counts();
      body.push(
        metric(
          'essaim_mail_queue',
          'gauge',
          'Courriels de la file (alertes, suivi des propositions), par statut.',
          (Object.keys(mails) as MailStatus[]).map((s) => [{ statut: s }, mails[s]]),
        ),
      );
    }
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(`${body.join('\n')}\n`);
  });
  done();
}

// Not encapsulated: the hook that counts refusals must see the submissions route of the parent.
export default Object.assign(observability, { [Symbol.for('skip-override')]: true });
