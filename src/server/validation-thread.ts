/**
 * A validation worker thread: runs the core's validation of one submission at a time, so that a
 * slow or pathological entry never holds the service's event loop (see `validation-pool.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allCollections } from '../content/collections.js';
import { knownRefs } from '../content/load.js';
import { validatorFor } from '../content/schemas.js';
import { prepareEntry, SubmissionError, type EntryJob } from './submission.js';
import type { ThreadReply } from './validation-pool.js';

const { repoDir } = workerData as { repoDir: string };
const REFS_TTL_MS = 10_000;
let refs: { at: number; set: Set<string> } | undefined;

for (const c of allCollections()) validatorFor(c);

parentPort!.on('message', (job: EntryJob) => {
  let reply: ThreadReply;
  try {
    if (!refs || Date.now() - refs.at > REFS_TTL_MS) refs = { at: Date.now(), set: knownRefs(repoDir) };
    const e = prepareEntry(job, repoDir, refs.set);
    reply = { ok: true, entry: { path: e.path, content: e.content, title: e.title, diff: e.diff } };
  } catch (error) {
    if (error instanceof SubmissionError)
      reply = { ok: false, status: error.status, message: error.message, problemes: error.problemes };
    else if (error instanceof RangeError) {
      // The stack ran out: nesting deeper than the core bounds (quotes in quotes…).
      const message =
        'Le texte est imbriqué trop profondément (citations ou listes les unes dans les autres) : simplifiez-le.';
      reply = { ok: false, status: 422, message, problemes: [{ champ: 'texte', message }] };
    } else throw error;
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
