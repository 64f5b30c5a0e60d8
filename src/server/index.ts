/**
 * The submission service: `startServer(options)` serves the built portal and the API on one port,
 * and runs the worker that turns stored submissions into pull requests (or local branches).
 */
import type { FastifyInstance } from 'fastify';
import { collections, type CollectionName } from '../content/collections.js';
import { buildApp } from './app.js';
import { withDefaults, type ServerOptions } from './config.js';
import { githubProposer, localProposer, type Proposer } from './proposers.js';
import { Outbox } from './store.js';
import { Worker } from './worker.js';

export { loadConfig, withDefaults, type ServerOptions } from './config.js';

export interface RunningServer {
  app: FastifyInstance;
  outbox: Outbox;
  worker: Worker;
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

function proposerFor(o: ServerOptions): Proposer {
  const prLabelOf = (s: { collection: CollectionName }): string =>
    collections.get(s.collection)?.prLabel ?? s.collection;
  return o.github ? githubProposer(o.github, o.baseBranch, prLabelOf) : localProposer(o.repoDir, o.baseBranch);
}

/** Builds the app, the outbox and the worker without listening (for `inject` tests). */
export async function createService(
  start: StartOptions,
): Promise<Omit<RunningServer, 'url'> & { options: ServerOptions }> {
  const { proposer, noWorker, logStream, ...partial } = start;
  const options = withDefaults(partial);
  const outbox = new Outbox(options.dataDir);
  let worker: Worker | undefined;
  const app = await buildApp({
    options,
    outbox,
    onAccepted: () => worker?.arrived(),
    ...(logStream ? { logStream } : {}),
  });
  worker = new Worker({ outbox, propose: proposer ?? proposerFor(options), config: options.worker, log: app.log });
  if (!noWorker) worker.start();
  const w = worker;
  return {
    app,
    outbox,
    worker: w,
    options,
    async close() {
      await w.stop();
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
