/**
 * The weekly sending on the service's server (deploy/essaim-lettre.service and .timer): the
 * command line of the unit, run as it is (no dates: the last seven days), sends this week's
 * alerts to the subscribers through a real SMTP server, and run again the same day sends nothing
 * twice; the timer fires once a week and catches up a missed week.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../../src/content/paths.js';
import { Subscriptions } from '../../src/mail/alerts.js';
import { Outbox } from '../../src/server/store.js';
import { runCli } from '../helpers/tree.js';
import { makeRepo, tempDir } from '../server/helpers.js';
import { recipients, startSmtp, type TestSmtp } from './smtp.js';

const unit = (name: string): string => fs.readFileSync(path.join(repoRoot, 'deploy', name), 'utf8');
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let smtp: TestSmtp;
let repo: string;
let dataDir: string;

beforeAll(async () => {
  smtp = await startSmtp();
  repo = makeRepo();
  const commit = (date: string): void => {
    const env = { ...process.env, GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` };
    execFileSync('git', ['-C', repo, 'add', '-A'], { env });
    execFileSync(
      'git',
      ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', date],
      { env },
    );
  };
  commit(daysAgo(20));
  const sheet = path.join(repo, 'content/practices/distribution/epicerie-solidaire-mobile.md');
  fs.writeFileSync(sheet, fs.readFileSync(sheet, 'utf8').replace(/^resume: .*$/m, 'resume: Résumé de la semaine.'));
  commit(daysAgo(2));
  dataDir = tempDir('essaim-planification-');
  const outbox = new Outbox(dataDir);
  const subscriptions = new Subscriptions(outbox.db);
  subscriptions.confirm(subscriptions.create('hebdo@example.org', { territoires: [], maillons: [], contenus: [] }).id);
  outbox.close();
}, 60_000);

afterAll(async () => {
  await smtp.close();
});

it('la commande de l’unité systemd envoie les alertes de la semaine, une seule fois par jour', async () => {
  const execStart = /^ExecStart=(.+)$/m.exec(unit('essaim-lettre.service'))?.[1] ?? '';
  const [node, bin, ...args] = execStart.split(/\s+/);
  expect(node).toBe('/usr/bin/node');
  expect(bin).toBe('/opt/essaim/cli/bin.mjs');
  const env = {
    ESSAIM_DATA_DIR: dataDir,
    ESSAIM_SMTP_URL: smtp.url,
    ESSAIM_PUBLIC_URL: 'http://portail.test',
    ESSAIM_MAIL_PER_SECOND: '1000',
  };
  const first = await runCli(args, repo, env);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('Alertes mises en file : 1 message');
  const [letter] = await smtp.waitFor(1);
  expect(recipients([letter!])).toEqual(['hebdo@example.org']);
  const french = (iso: string): string => iso.split('-').reverse().join('/');
  expect(letter?.subject).toBe(`Lettre d’Essaim du ${french(daysAgo(7))} au ${french(daysAgo(0))}`);
  expect(letter?.text).toContain('Épicerie solidaire mobile');

  const again = await runCli(args, repo, env);
  expect(again.stdout).toContain('Alertes mises en file : 0 message');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(smtp.received).toHaveLength(1);
}, 60_000);

it('le minuteur se déclenche une fois par semaine et rattrape une semaine manquée', () => {
  const timer = unit('essaim-lettre.timer');
  expect(timer).toMatch(/^OnCalendar=Mon \*-\*-\* \d{2}:\d{2}:\d{2} Europe\/Paris$/m);
  expect(timer).toMatch(/^Persistent=true$/m);
  expect(unit('essaim-lettre.service')).toMatch(/^User=essaim$/m);
});
