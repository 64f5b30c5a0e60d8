/**
 * Follow-up: the status page shows the pull request's state read from GitHub (simulator), with the
 * maintainers' reason when it is closed; with consent, one e-mail when it is merged or closed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { createService } from '../../src/server/index.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { CONTACT, makeRepo, practice, tempDir } from './helpers.js';

type Service = Awaited<ReturnType<typeof createService>>;
const open: { sim: GitHubSimulator; service: Service }[] = [];
afterEach(async () => {
  for (const { sim, service } of open.splice(0)) {
    await service.close();
    expect(sim.contractViolations).toEqual([]);
    await sim.close();
  }
});

interface Status {
  statut: string;
  etatPr?: string;
  message: string;
  motif?: string;
}

it('état de la pull request lu sur GitHub, motif de fermeture, courriel seulement avec consentement', async () => {
  const sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot' } });
  await sim.createRepo({
    owner: 'cocolupa',
    name: 'essaim',
    files: { 'README.md': '# Essaim\n' },
    pushers: ['essaim-robot'],
  });
  const service = await createService({
    repoDir: makeRepo(),
    dataDir: tempDir('essaim-donnees-'),
    staticDir: undefined,
    logLevel: false,
    noWorker: true,
    github: { repository: 'cocolupa/essaim', token: 'jeton-robot', apiUrl: sim.baseUrl, writeIntervalMs: 0 },
    protection: { ratePerMinute: 0, minFillMs: 0 },
  });
  open.push({ sim, service });
  const submit = async (body: Record<string, unknown>): Promise<string> => {
    const r = await service.app.inject({ method: 'POST', url: '/api/submissions', payload: body });
    expect(r.statusCode, r.body).toBe(202);
    return r.json<{ id: string }>().id;
  };
  const status = async (id: string): Promise<Status> =>
    (await service.app.inject({ url: `/api/submissions/${id}` })).json<Status>();

  const agreed = await submit({ ...practice(), contact: { ...CONTACT, suivi: true } });
  const silent = await submit({ ...practice('Cantine solidaire du quartier'), contact: { ...CONTACT, suivi: false } });
  service.worker.start();
  await service.worker.idle();
  expect(await status(agreed)).toMatchObject({ statut: 'ouverte', etatPr: 'ouverte' });

  const pulls = sim.state.repos.get('cocolupa/essaim')!.issues;
  const [merged, closed] = [agreed, silent].map((id) =>
    pulls.find((p) => p.number === service.outbox.get(id)!.prNumber)!,
  );
  Object.assign(merged!, { state: 'closed', closedAt: new Date().toISOString() });
  merged!.pull!.mergedAt = new Date().toISOString();
  const octokit = createGitHubClient({ token: 'jeton-robot', baseUrl: sim.baseUrl, writeIntervalMs: 0 });
  await octokit.rest.issues.createComment({
    owner: 'cocolupa',
    repo: 'essaim',
    issue_number: closed!.number,
    body: 'Cette pratique est déjà décrite dans la fiche « Cantine du quartier ».',
  });
  Object.assign(closed!, { state: 'closed', closedAt: new Date().toISOString() });

  const shown = ({ etatPr, message, motif }: Status) => ({ etatPr, message, motif });
  expect(shown(await status(agreed))).toMatchInlineSnapshot(`
    {
      "etatPr": "fusionnee",
      "message": "Proposition acceptée : elle sera en ligne à la prochaine mise à jour du portail. Merci !",
      "motif": undefined,
    }
  `);
  expect(shown(await status(silent))).toMatchInlineSnapshot(`
    {
      "etatPr": "fermee",
      "message": "Proposition fermée par l’équipe éditoriale sans être publiée.",
      "motif": "Cette pratique est déjà décrite dans la fiche « Cantine du quartier ».",
    }
  `);
  const mailDir = path.join(service.options.dataDir, 'courriels');
  const mails = fs.readdirSync(mailDir).map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8'));
  expect(mails).toHaveLength(1);
  expect(mails[0]).toContain(`To: ${CONTACT.courriel}`);
  const mail = await simpleParser(mails[0]!);
  expect(mail.subject).toBe('Votre proposition « Paniers solidaires du marché » est publiée');
  // Once only.
  await status(agreed);
  await service.refreshPulls();
  expect(fs.readdirSync(mailDir)).toHaveLength(1);
});
