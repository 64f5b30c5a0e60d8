/**
 * The submission service: `startServer(options)` serves the built portal and the API on one port,
 * and runs the worker that turns stored submissions into pull requests (or local branches).
 */
import type { FastifyInstance } from 'fastify';
import { collections, type CollectionName } from '../content/collections.js';
import { buildApp } from './app.js';
import { withDefaults, type ServerOptions } from './config.js';
import { githubProposer, localProposer, type Proposer } from './proposers.js';
import { alertsSecret, Subscriptions } from '../mail/alerts.js';
import { createMailer } from '../mail/mailer.js';
import { MailQueue, MailSender } from '../mail/queue.js';
import { Outbox } from './store.js';
import { Worker } from './worker.js';

export { loadConfig, withDefaults, type ServerOptions } from './config.js';

export interface RunningServer {
  app: FastifyInstance;
  outbox: Outbox;
  worker: Worker;
  mailQueue: MailQueue;
  mailSender: MailSender;
  /** `http://host:port` actually listened on. */
  url: string;
  close(): Promise<void>;
}

export type StartOptions = Parameters<typeof withDefaults>[0] & {
  /** Replaces the GitHub or local proposer (tests). */
  proposer?: Proposer;
  /** Do not start the worker (tests of the API alone). */
  noWorker?: boolean;
};

function proposerFor(o: ServerOptions): Proposer {
  const prLabelOf = (s: { collection: CollectionName }): string =>
    collections.get(s.collection)?.prLabel ?? s.collection;
  return o.github ? githubProposer(o.github, o.baseBranch, prLabelOf) : localProposer(o.repoDir, o.baseBranch);
}

/** Builds the app, the outbox and the worker without listening (for `inject` tests). */
export async function createService(
  start: StartOptions,
): Promise<Omit<RunningServer, 'url'> & { options: ServerOptions }> {
  const { proposer, noWorker, ...partial } = start;
  const options = withDefaults(partial);
  const outbox = new Outbox(options.dataDir);
  const mailQueue = new MailQueue(outbox.db);
  const mailSender: MailSender = new MailSender(mailQueue, createMailer(options.mail), options.mail, (error) =>
    app.log.error({ err: error }, 'envoi des courriels'),
  );
  const alerts = {
    subscriptions: new Subscriptions(outbox.db),
    queue: mailQueue,
    secret: options.mail.alertsSecret ?? alertsSecret({}, options.dataDir),
    onQueued: () => mailSender.wake(),
  };
  // Requests, and so `onAccepted`, only come once the server listens: `worker` is set by then.
  const app = await buildApp({ options, outbox, alerts, onAccepted: () => worker.arrived() });
  const worker = new Worker({
    outbox,
    propose: proposer ?? proposerFor(options),
    config: options.worker,
    log: app.log,
  });
  if (!noWorker) {
    worker.start();
    mailSender.start();
  }
  return {
    app,
    outbox,
    worker,
    mailQueue,
    mailSender,
    options,
    async close() {
      await worker.stop();
      await mailSender.stop();
      await app.close();
      outbox.close();
    },
  };
}

export async function startServer(start: StartOptions): Promise<RunningServer> {
  const service = await createService(start);
  const address = await service.app.listen({ port: service.options.port, host: service.options.host });
  service.app.log.info(
    { mode: service.options.github ? `GitHub (${service.options.github.repository})` : 'local (branches du dépôt)' },
    'service de propositions démarré',
  );
  return { ...service, url: address };
}
