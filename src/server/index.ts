/**
 * The submission service: `startServer(options)` serves the built portal and the API on one port,
 * and runs the worker that turns stored submissions into pull requests (or local branches).
 */
import type { FastifyInstance } from 'fastify';
import { collections, type CollectionName } from '../content/collections.js';
import { buildApp } from './app.js';
import { withDefaults, type ServerOptions } from './config.js';
import { alertsSecret, Subscriptions } from '../mail/alerts.js';
import { createMailer } from '../mail/mailer.js';
import { MailQueue, MailSender } from '../mail/queue.js';
import { gitHubPullReader, refreshOpenPulls, refreshPull, type PullReader } from './follow-up.js';
import type { Submission } from './store.js';
import { deliverReports, gitHubIssueOpener, Reports, type IssueOpener } from './reports.js';
import { gitHubBaseFiles, localBaseFiles, rebasing, type BaseFiles } from './edits.js';
import { gitHubClients, githubProposer, localProposer, type Proposer } from './proposers.js';
import { Outbox } from './store.js';
import { Worker } from './worker.js';

export { loadConfig, withDefaults, type ServerOptions } from './config.js';

export interface RunningServer {
  app: FastifyInstance;
  outbox: Outbox;
  reports: Reports;
  /** Sends the reports that are due (GitHub mode); resolves when done. */
  deliverReports(): Promise<void>;
  /** Reads the state of the open pull requests and sends the follow-up e-mails (GitHub mode). */
  refreshPulls(): Promise<void>;
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
  /** Where the logs go (tests read them). */
  logStream?: NodeJS.WritableStream;
};

/** Where proposals go, and where edited entries are read: GitHub when configured, else the local repository. */
function backendFor(o: ServerOptions): {
  files: BaseFiles;
  propose: Proposer;
  openIssue?: IssueOpener;
  readPull?: PullReader;
} {
  const prLabelOf = (s: { collection: CollectionName }): string =>
    collections.get(s.collection)?.prLabel ?? s.collection;
  // Offline, reports stay in the database (`essaim signalements`).
  if (!o.github)
    return { files: localBaseFiles(o.repoDir, o.baseBranch), propose: localProposer(o.repoDir, o.baseBranch) };
  const octokitFor = gitHubClients(o.github);
  return {
    files: gitHubBaseFiles(octokitFor, o.github.repository, o.baseBranch),
    propose: githubProposer(o.github, o.baseBranch, prLabelOf, octokitFor),
    openIssue: gitHubIssueOpener(octokitFor, o.github.repository),
    readPull: gitHubPullReader(octokitFor, o.github.repository),
  };
}

/** Builds the app, the outbox and the worker without listening (for `inject` tests). */
export async function createService(
  start: StartOptions,
): Promise<Omit<RunningServer, 'url'> & { options: ServerOptions }> {
  const { proposer, noWorker, logStream, ...partial } = start;
  const options = withDefaults(partial);
  const outbox = new Outbox(options.dataDir);
  const backend = backendFor(options);
  const reports = new Reports(outbox.db);
  const { openIssue, readPull } = backend;
  // One mailer: the alerts' paced queue and the follow-up of submissions.
  const mailer = createMailer(options.mail);
  const mailQueue = new MailQueue(outbox.db);
  const mailSender: MailSender = new MailSender(mailQueue, mailer, options.mail, (error) =>
    app.log.error({ err: error }, 'envoi des courriels'),
  );
  const alerts = {
    subscriptions: new Subscriptions(outbox.db),
    queue: mailQueue,
    secret: options.mail.alertsSecret ?? alertsSecret({}, options.dataDir),
    onQueued: () => mailSender.wake(),
  };
  const refresh = readPull ? (s: Submission) => refreshPull(outbox, readPull, mailer, s) : undefined;
  let delivering = Promise.resolve();
  const deliver = (): Promise<void> =>
    (delivering = openIssue ? delivering.then(() => deliverReports(reports, openIssue)) : delivering);
  // Requests, and so `onAccepted`, only come once the server listens: `worker` is set by then.
  const app = await buildApp({
    options,
    outbox,
    alerts,
    files: backend.files,
    reports,
    onReport: () => void deliver(),
    ...(refresh ? { refreshPull: refresh } : {}),
    onAccepted: () => worker.arrived(),
    ...(logStream ? { logStream } : {}),
  });
  const retryReports = setInterval(() => void deliver(), 60_000);
  retryReports.unref();
  // Pull requests merged or closed while nobody looked at the status page: the e-mail still goes.
  let sweeping = Promise.resolve();
  const sweep = (): Promise<void> =>
    (sweeping = readPull ? sweeping.then(() => refreshOpenPulls(outbox, readPull, mailer)) : sweeping);
  const sweepPulls = setInterval(() => void sweep(), 10 * 60_000);
  sweepPulls.unref();
  const worker = new Worker({
    outbox,
    propose: rebasing(backend.files, proposer ?? backend.propose),
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
    reports,
    deliverReports: deliver,
    refreshPulls: sweep,
    async close() {
      clearInterval(retryReports);
      clearInterval(sweepPulls);
      await delivering;
      await sweeping;
      await worker.stop();
      await mailSender.stop();
      mailer.close();
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
