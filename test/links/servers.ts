/** Local HTTP servers for the link checker's tests and benchmark: loopback addresses only. */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestServer {
  /** `http://127.0.0.x:port` */
  origin: string;
  /** Every request received, in order. */
  hits: Array<{ method: string; path: string; at: number }>;
  /** Highest number of requests in flight at once, as seen by this server. */
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts a server on a loopback address (127.0.0.2, 127.0.0.3… count as different hosts).
 * `routes` maps a path to a handler; `hit` counts the requests to that path, from 1.
 */
export async function startServer(
  address: string,
  routes: Record<string, Handler>,
  /** Optional counter shared by several servers, to see the global concurrency. */
  shared?: { inFlight: number; max: number },
): Promise<TestServer> {
  if (!address.startsWith('127.')) throw new Error('Loopback addresses only');
  let inFlight = 0;
  const perPath = new Map<string, number>();
  const server = createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    if (shared) shared.max = Math.max(shared.max, ++shared.inFlight);
    res.on('close', () => {
      inFlight--;
      if (shared) shared.inFlight--;
    });
    const path = req.url ?? '/';
    state.hits.push({ method: req.method ?? 'GET', path, at: Date.now() });
    const hit = (perPath.get(path) ?? 0) + 1;
    perPath.set(path, hit);
    const handler = routes[path];
    if (handler) handler(req, res, hit);
    else res.writeHead(404).end('introuvable');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const state: TestServer = {
    origin: `http://${address}:${port}`,
    hits: [],
    maxInFlight: 0,
    reset() {
      state.hits = [];
      state.maxInFlight = 0;
      perPath.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

/** A handler answering `status` (with optional headers) after `delayMs`. */
export function reply(status: number, headers: Record<string, string> = {}, delayMs = 0): Handler {
  return (_req, res) => {
    const send = () => res.writeHead(status, headers).end(status < 300 ? 'contenu' : '');
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
}
