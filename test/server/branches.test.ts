/**
 * An acknowledged submission never overwrites anything, and nothing overwrites it: the service and
 * `essaim propose` never move each other's branches, and a "new entry" never replaces an existing
 * one — against the GitHub simulator and with the local proposer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { proposeLocally } from '../../src/github/local.js';
import { proposeChange } from '../../src/github/pull-request.js';
import { createService } from '../../src/server/index.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { git, makeRepo, platform, tempDir } from './helpers.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';
const TITLE = 'Carte des distributions alimentaires';
const ID = 'carte-des-distributions-alimentaires';
const PATH = `content/platforms/${ID}.yaml`;
const FORM_BRANCH = `formulaire/platforms/${ID}`;

type Service = Awaited<ReturnType<typeof createService>>;
const open: { sim?: GitHubSimulator; service: Service }[] = [];
afterEach(async () => {
  for (const { sim, service } of open.splice(0)) {
    await service.close();
    if (sim) {
      expect(sim.contractViolations).toEqual([]);
      await sim.close();
    }
  }
});

async function withGitHub(): Promise<{ sim: GitHubSimulator; service: Service }> {
  const sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot', 'jeton-alice': 'alice' } });
  await sim.createRepo({
    owner: OWNER,
    name: REPO,
    files: { 'README.md': '# Essaim\n' },
    pushers: ['essaim-robot', 'alice'],
  });
  const service = await createService({
    repoDir: makeRepo(),
    dataDir: tempDir('essaim-donnees-'),
    staticDir: undefined,
    logLevel: false,
    noWorker: true,
    github: { repository: `${OWNER}/${REPO}`, token: 'jeton-robot', apiUrl: sim.baseUrl, writeIntervalMs: 0 },
    worker: { baseDelayMs: 50, maxAttempts: 2 },
    protection: { ratePerMinute: 0, minFillMs: 0 },
  });
  open.push({ sim, service });
  return { sim, service };
}

async function submit(service: Service, body: Record<string, unknown>): Promise<string> {
  const r = await service.app.inject({ method: 'POST', url: '/api/submissions', payload: body });
  expect(r.statusCode, r.body).toBe(202);
  return r.json<{ id: string }>().id;
}

async function process(service: Service): Promise<void> {
  service.worker.start();
  await service.worker.idle();
}

/** A maintainer's proposal as `essaim propose` makes it (same client, no service marker). */
function maintainerProposes(sim: GitHubSimulator, branch: string, content: string, title = 'Travail de l’équipe') {
  const octokit = createGitHubClient({ token: 'jeton-alice', baseUrl: sim.baseUrl, writeIntervalMs: 0 });
  return proposeChange(octokit, {
    owner: OWNER,
    repo: REPO,
    base: 'main',
    branch,
    files: [{ path: PATH, content }],
    commitMessage: 'Travail de l’équipe',
    title,
    body: 'Relu par l’équipe.',
  });
}

describe('GitHub', () => {
  it('le service ne déplace pas la branche d’une mainteneuse ni ne réécrit sa pull request : il prend un nom libre', async () => {
    const { sim, service } = await withGitHub();
    const mine = await maintainerProposes(sim, FORM_BRANCH, 'titre: version de l’équipe\n');
    const id = await submit(service, platform(TITLE));
    await process(service);
    const row = service.outbox.get(id)!;
    expect(row.status).toBe('ouverte');
    expect(row.branch).toBe(`${FORM_BRANCH}.2`);
    expect(await sim.readFile(OWNER, REPO, FORM_BRANCH, PATH)).toBe('titre: version de l’équipe\n');
    expect(await sim.readFile(OWNER, REPO, row.branch, PATH)).toBe(row.content);
    const pulls = sim.pulls(OWNER, REPO);
    expect(pulls.find((p) => p.number === mine.number)?.title).toBe('Travail de l’équipe');
    expect(pulls).toHaveLength(2);
  });

  it('essaim propose ne déplace pas une branche du service : il prend un nom libre', async () => {
    const { sim, service } = await withGitHub();
    const id = await submit(service, platform(TITLE));
    await process(service);
    const row = service.outbox.get(id)!;
    expect(row.branch).toBe(FORM_BRANCH);
    const before = sim.pulls(OWNER, REPO)[0]!;
    const theirs = await maintainerProposes(sim, FORM_BRANCH, 'titre: autre chose\n', 'Autre titre');
    expect(theirs.branch).toBe(`${FORM_BRANCH}.2`);
    expect(await sim.readFile(OWNER, REPO, FORM_BRANCH, PATH)).toBe(row.content);
    const after = sim.pulls(OWNER, REPO).find((p) => p.number === before.number)!;
    expect(after.title).toBe(before.title);
    expect(after.body).toBe(before.body);
    // Re-run: the same suffixed branch is found and updated, the service's is still untouched.
    expect((await maintainerProposes(sim, FORM_BRANCH, 'titre: encore autre chose\n', 'Autre titre')).branch).toBe(
      `${FORM_BRANCH}.2`,
    );
    expect(await sim.readFile(OWNER, REPO, FORM_BRANCH, PATH)).toBe(row.content);
  });

  it('une nouvelle entrée dont l’identifiant est arrivé sur la base entre-temps est refusée, sans rien écrire', async () => {
    const { sim, service } = await withGitHub();
    const id = await submit(service, platform(TITLE));
    // Merged on GitHub after the submission was accepted (the service's local tree does not have it).
    const merged = await maintainerProposes(sim, 'essaim/platforms/carte', 'titre: déjà là\n');
    git(sim.repoDir(OWNER, REPO), 'update-ref', 'refs/heads/main', merged.commit);
    await process(service);
    const s = (await service.app.inject({ url: `/api/submissions/${id}` })).json<{
      statut: string;
      message: string;
    }>();
    expect(s.statut).toBe('echec');
    expect(s.message).toMatchInlineSnapshot(
      `"La proposition n’a pas pu être transmise. Une entrée « carte-des-distributions-alimentaires » existe déjà sur la branche « main » (content/platforms/carte-des-distributions-alimentaires.yaml) : une nouvelle entrée ne peut pas remplacer une entrée existante. L’équipe éditoriale la reprendra sous un autre identifiant. L’équipe du portail en a la trace et reviendra vers vous."`,
    );
    expect(await sim.readFile(OWNER, REPO, 'main', PATH)).toBe('titre: déjà là\n');
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
  });
});

describe('dépôt local', () => {
  async function local(): Promise<{ repo: string; service: Service }> {
    const repo = makeRepo();
    const service = await createService({
      repoDir: repo,
      dataDir: tempDir('essaim-donnees-'),
      staticDir: undefined,
      logLevel: false,
      noWorker: true,
      protection: { ratePerMinute: 0, minFillMs: 0 },
    });
    open.push({ service });
    return { repo, service };
  }

  it('dans les deux sens, personne ne déplace la branche de l’autre ; une entrée existante n’est jamais remplacée', async () => {
    const { repo, service } = await local();
    // A maintainer's branch with the service's first name.
    git(repo, 'branch', FORM_BRANCH, 'main');
    const maintainerHead = git(repo, 'rev-parse', FORM_BRANCH);
    const id = await submit(service, platform(TITLE));
    await process(service);
    const row = service.outbox.get(id)!;
    expect(row.status).toBe('ouverte');
    expect(row.branch).toBe(`${FORM_BRANCH}.2`);
    expect(git(repo, 'rev-parse', FORM_BRANCH)).toBe(maintainerHead);
    expect(git(repo, 'show', `${row.branch}:${PATH}`)).toBe(row.content.trimEnd());

    // `essaim propose --local` on the service's branch name: a free name, the service's untouched.
    const serviceHead = git(repo, 'rev-parse', row.branch);
    const theirs = await proposeLocally(repo, {
      base: 'main',
      branch: row.branch,
      files: [{ path: PATH, content: 'titre: x\n' }],
      commitMessage: 'Équipe',
    });
    expect(theirs.branch).toBe(`${FORM_BRANCH}.2.2`);
    expect(git(repo, 'rev-parse', row.branch)).toBe(serviceHead);

    // The id arrives on main after the submission was accepted: refused, nothing written.
    const later = await submit(service, platform('Annuaire des épiceries'));
    const laterRow = service.outbox.get(later)!;
    git(
      repo,
      'update-ref',
      'refs/heads/main',
      (
        await proposeLocally(repo, {
          base: 'main',
          branch: 'tmp',
          files: [{ path: laterRow.path, content: 'titre: déjà là\n' }],
          commitMessage: 'x',
        })
      ).commit,
    );
    const branches = git(repo, 'branch', '--list');
    await process(service);
    expect(service.outbox.get(later)!.status).toBe('echec');
    expect(git(repo, 'branch', '--list')).toBe(branches);
  });
});

describe('texte de la pull request', () => {
  it('« Ce qui change » décrit la nouvelle entrée, comme essaim propose pour un fichier ajouté', async () => {
    const { sim, service } = await withGitHub();
    await submit(service, platform(TITLE));
    await process(service);
    const [pull] = sim.pulls(OWNER, REPO);
    const changes = pull?.body?.split('## Ce qui change')[1]?.split('## Relecture')[0]?.trim();
    expect(changes).toMatchInlineSnapshot(`
      "**1 entrée** (1 ajout).

      ### 🆕 Plateforme « Carte des distributions alimentaires » — ajout

      \`content/platforms/carte-des-distributions-alimentaires.yaml\`

      - **Gratuit** : Oui
      - **Territoires** : National"
    `);
  });
});
