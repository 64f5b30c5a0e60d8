/** A browser and a static server of a built site for one test file: opened before its tests, closed after. */
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type Browser } from './browser.js';
import { serveStatic, type StaticServer } from './serve.js';

/** `built`: the output folder of the site (built first if needed). Read `server` and `browser` inside tests. */
export function siteInBrowser(built: () => Promise<string>): { server: StaticServer; browser: Browser } {
  const opened: { server?: StaticServer; browser?: Browser } = {};
  beforeAll(async () => {
    opened.server = await serveStatic(await built());
    opened.browser = await launchBrowser();
  });
  afterAll(async () => {
    // Set by beforeAll, unless it failed first.
    await opened.browser?.close();
    await opened.server?.close();
  });
  return {
    get server() {
      if (!opened.server) throw new Error('Le serveur du site n’est pas ouvert (beforeAll a échoué ?).');
      return opened.server;
    },
    get browser() {
      if (!opened.browser) throw new Error('Le navigateur n’est pas lancé (beforeAll a échoué ?).');
      return opened.browser;
    },
  };
}
