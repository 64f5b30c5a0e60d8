// A validation thread for tests: answers at once, except for the text "boucle", which never ends.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (job.texte === 'boucle') for (;;);
  parentPort.postMessage({
    ok: true,
    entry: { path: `content/news/${job.entryId}.md`, content: job.texte, title: job.entryId },
  });
});
parentPort.postMessage({ ready: true });
