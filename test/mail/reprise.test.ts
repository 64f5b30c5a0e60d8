/**
 * `essaim lettre --alertes --envoyer` killed in the middle of its batch (SIGKILL while the SMTP
 * server holds the 3rd alert), then run again as an operator would: every subscriber ends with
 * exactly one alert, the one cut off included, and none gets a second.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Subscriptions } from '../../src/mail/alerts.js';
import { Outbox } from '../../src/server/store.js';
import { bin, runCli } from '../helpers/tree.js';
import { makeRepo, tempDir } from '../server/helpers.js';
import { recipients, startSmtp, type TestSmtp } from './smtp.js';

const SUBSCRIBERS = Array.from({ length: 8 }, (_, i) => `abonne-${i + 1}@example.org`);
const ARGS = ['lettre', '--depuis', '2026-06-05', '--au', '2026-06-15', '--jours', '0', '--alertes', '--envoyer'];

let smtp: TestSmtp;
let repo: string;
let dataDir: string;
const running: { kill?: () => void } = {};

beforeAll(async () => {
  // The process dies while the server holds the 3rd message, before it answers.
  smtp = await startSmtp({ onMessage: (_m, n) => n === 3 && running.kill?.() });
  repo = makeRepo();
  const commit = (date: string): void => {
    const env = { ...process.env, GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` };
    execFileSync('git', ['-C', repo, 'add', '-A'], { env });
    const identity = ['-c', 'user.name=t', '-c', 'user.email=t@t'];
    execFileSync('git', ['-C', repo, ...identity, 'commit', '-q', '--allow-empty', '-m', date], { env });
  };
  commit('2026-06-01');
  const sheet = path.join(repo, 'content/practices/distribution/epicerie-solidaire-mobile.md');
  fs.writeFileSync(sheet, fs.readFileSync(sheet, 'utf8').replace(/^resume: .*$/m, 'resume: Nouveau résumé.'));
  commit('2026-06-10');
  dataDir = tempDir('essaim-reprise-');
  const outbox = new Outbox(dataDir);
  const subscriptions = new Subscriptions(outbox.db);
  for (const email of SUBSCRIBERS)
    subscriptions.confirm(subscriptions.create(email, { territoires: [], maillons: [], contenus: [] }).id);
  outbox.close();
}, 60_000);

afterAll(async () => {
  await smtp.close();
});

it('après un arrêt brutal au milieu de l’envoi, la relance envoie le reste et rien deux fois', async () => {
  const env = {
    ...process.env,
    ESSAIM_DEBUG: '',
    ESSAIM_DATA_DIR: dataDir,
    ESSAIM_SMTP_URL: smtp.url,
    ESSAIM_PUBLIC_URL: 'http://portail.test',
    ESSAIM_MAIL_PER_SECOND: '1000',
  };
  const child = spawn(process.execPath, [bin, ...ARGS], { cwd: repo, env, stdio: 'ignore' });
  running.kill = () => child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  expect(child.signalCode).toBe('SIGKILL');
  expect(smtp.received).toHaveLength(3);

  const again = await runCli(ARGS, repo, env);
  expect(again.code).toBe(0);
  // Already queued: nothing is queued again; the one cut off may have left, so it is not resent.
  expect(again.stdout).toContain('Alertes mises en file : 0 message');
  expect(again.stdout).toContain('Envoi : 5 envoyé(s)');
  await smtp.waitFor(SUBSCRIBERS.length);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(recipients(smtp.received)).toEqual([...SUBSCRIBERS].sort());
}, 60_000);
