/**
 * Editing an existing entry through the service: read from the base branch, the pull request (or
 * local branch) changes that file only, its body has the French semantic diff and the reason; a
 * change made on the base branch meanwhile is merged when it touches other fields, else refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../src/server/index.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { CONTACT, git, makeRepo, tempDir } from './helpers.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';
const PATH = 'content/funders/fondation-solidarite.yaml';
const ENTRY = '/api/entrees/funders/fondation-solidarite';

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

const OPTIONS = {
  dataDir: '',
  staticDir: undefined,
  logLevel: false as const,
  noWorker: true,
  worker: { baseDelayMs: 50, maxAttempts: 1 },
  protection: { ratePerMinute: 0, minFillMs: 0 },
};

async function local(): Promise<{ repo: string; service: Service }> {
  const repo = makeRepo();
  const service = await createService({ ...OPTIONS, repoDir: repo, dataDir: tempDir('essaim-donnees-') });
  open.push({ service });
  return { repo, service };
}

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile() && !rel.startsWith('.git')) out[rel] = fs.readFileSync(abs, 'utf8');
  }
  return out;
}

async function withGitHub(): Promise<{ sim: GitHubSimulator; service: Service; repo: string }> {
  const sim = await startGitHubSimulator({ tokens: { 'jeton-robot': 'essaim-robot' } });
  const repo = makeRepo();
  await sim.createRepo({ owner: OWNER, name: REPO, files: filesOf(repo), pushers: ['essaim-robot'] });
  const service = await createService({
    ...OPTIONS,
    repoDir: repo,
    dataDir: tempDir('essaim-donnees-'),
    github: { repository: `${OWNER}/${REPO}`, token: 'jeton-robot', apiUrl: sim.baseUrl, writeIntervalMs: 0 },
  });
  open.push({ sim, service });
  return { sim, service, repo };
}

interface Loaded {
  sha: string;
  chemin: string;
  donnees: Record<string, unknown> & { appels: Record<string, unknown>[] };
  texte: string;
}

async function load(service: Service): Promise<Loaded> {
  const r = await service.app.inject({ url: ENTRY });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Loaded>();
}

/** The form's envelope for an edit of the funder: the deadline of its call moved, and `change` applied. */
function edit(loaded: Loaded, change: (d: Loaded['donnees']) => void = () => undefined): Record<string, unknown> {
  const donnees = structuredClone(loaded.donnees);
  donnees.appels[0]!.cloture = '2027-04-15';
  change(donnees);
  return {
    collection: 'funders',
    donnees,
    contact: CONTACT,
    modification: { id: 'fondation-solidarite', sha: loaded.sha, motif: 'Le site de la fondation annonce un report.' },
  };
}

async function send(service: Service, body: Record<string, unknown>) {
  return service.app.inject({ method: 'POST', url: '/api/submissions', payload: body });
}

/** Commits a change of the funder's file on `main` (the base branch moving while the form is open). */
function commitOnMain(repo: string, from: string, to: string): void {
  const file = path.join(repo, PATH);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
  git(repo, 'commit', '-q', '-am', 'changement sur la base');
}

/** Changed lines between two texts (order kept), as `- old` / `+ new`. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return [
    ...a.filter((l) => !b.includes(l)).map((l) => `- ${l}`),
    ...b.filter((l) => !a.includes(l)).map((l) => `+ ${l}`),
  ];
}

describe('modifier une entrée (dépôt local)', () => {
  it('pré-remplit le formulaire depuis la branche de base, sans les champs calculés', async () => {
    const { repo, service } = await local();
    const loaded = await load(service);
    expect(loaded.chemin).toBe(PATH);
    expect(loaded.sha).toBe(git(repo, 'rev-parse', `main:${PATH}`));
    expect(loaded.donnees.titre).toBe('Fondation Solidarité Alimentaire');
    expect(loaded.donnees.appels[0]!.cloture).toBe('2026-04-30');
    expect(Object.keys(loaded.donnees)).not.toContain('date_maj');
    expect(Object.keys(loaded.donnees)).not.toContain('id');
    expect((await service.app.inject({ url: '/api/entrees/funders/inconnu' })).statusCode).toBe(404);
  });

  it('ouvre une branche qui modifie ce fichier seulement : ce champ et la date de mise à jour', async () => {
    const { repo, service } = await local();
    const r = await send(service, edit(await load(service)));
    expect(r.statusCode, r.body).toBe(202);
    const id = r.json<{ id: string }>().id;
    service.worker.start();
    await service.worker.idle();
    const s = service.outbox.get(id)!;
    expect(s.status).toBe('ouverte');
    expect(s.branch).toMatch(/^formulaire\/modification\/funders\/fondation-solidarite-/);
    expect(git(repo, 'diff', '--name-only', 'main', s.branch)).toBe(PATH);
    const changed = changedLines(git(repo, 'show', `main:${PATH}`), git(repo, 'show', `${s.branch}:${PATH}`));
    expect(changed.filter((l) => !l.includes('date_maj'))).toEqual([
      '-     cloture: 2026-04-30',
      '+     cloture: 2027-04-15',
    ]);
    expect(s.prTitle).toBe('Mise à jour du financeur « Fondation Solidarité Alimentaire »');
    expect(s.prBody).toContain('**Motif donné par la personne :**\n\n> Le site de la fondation annonce un report.');
    expect(s.prBody).toContain('Date limite** : 30/04/2026 → 15/04/2027');
  });

  it('refuse une modification qui ne change rien', async () => {
    const { service } = await local();
    const loaded = await load(service);
    const r = await send(service, { ...edit(loaded), donnees: loaded.donnees });
    expect(r.statusCode).toBe(422);
    expect(r.json<{ erreur: string }>().erreur).toMatchInlineSnapshot(
      `"Vous n’avez rien modifié : changez au moins un champ avant d’envoyer."`,
    );
  });

  it('la base a changé un autre champ entre l’ouverture et l’envoi : les deux changements sont gardés', async () => {
    const { repo, service } = await local();
    const loaded = await load(service);
    commitOnMain(repo, 'site: https://fondation-solidarite.example.org', 'site: https://fondation.example.org');
    const r = await send(service, edit(loaded));
    expect(r.statusCode, r.body).toBe(202);
    service.worker.start();
    await service.worker.idle();
    const s = service.outbox.get(r.json<{ id: string }>().id)!;
    const text = git(repo, 'show', `${s.branch}:${PATH}`);
    expect(text).toContain('site: https://fondation.example.org');
    expect(text).toContain('cloture: 2027-04-15');
  });

  it('la base a changé le même champ : refus clair en français, rien n’est enregistré', async () => {
    const { repo, service } = await local();
    const loaded = await load(service);
    commitOnMain(repo, 'cloture: 2026-04-30', 'cloture: 2026-05-31');
    const r = await send(service, edit(loaded));
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchInlineSnapshot(`
      {
        "erreur": "Pendant que vous rédigiez, cette entrée a été modifiée sur le portail, et les mêmes champs que les vôtres ont changé (« Appels à projets »). Rechargez la page pour partir de la version à jour, puis refaites votre modification.",
        "problemes": [
          {
            "champ": "appels",
            "message": "Ce champ a été modifié entre-temps par quelqu’un d’autre.",
          },
        ],
      }
    `);
    expect(service.outbox.counts()).toEqual({ recue: 0, 'en-cours': 0, ouverte: 0, echec: 0 });
  });

  it('la base change après l’accusé de réception : fusionnée si possible, sinon échec expliqué, jamais écrasée', async () => {
    const { repo, service } = await local();
    const loaded = await load(service);
    const ok = (await send(service, edit(loaded))).json<{ id: string }>();
    const clash = (
      await send(
        service,
        edit(loaded, (d) => (d.titre = 'Fondation Solidarité')),
      )
    ).json<{ id: string }>();
    commitOnMain(repo, 'titre: Fondation Solidarité Alimentaire', 'titre: Fondation pour l’alimentation');
    service.worker.start();
    await service.worker.idle();
    const merged = service.outbox.get(ok.id)!;
    expect(merged.status).toBe('ouverte');
    const text = git(repo, 'show', `${merged.branch}:${PATH}`);
    expect(text).toContain('titre: Fondation pour l’alimentation');
    expect(text).toContain('cloture: 2027-04-15');
    const refused = (await service.app.inject({ url: `/api/submissions/${clash.id}` })).json<{
      statut: string;
      message: string;
    }>();
    expect(refused.statut).toBe('echec');
    expect(refused.message).toMatchInlineSnapshot(
      `"La proposition n’a pas pu être transmise. Pendant que vous rédigiez, cette entrée a été modifiée sur le portail, et les mêmes champs que les vôtres ont changé (« Titre »). Rechargez la page pour partir de la version à jour, puis refaites votre modification. L’équipe du portail en a la trace et reviendra vers vous."`,
    );
  });
});

describe('modifier une entrée (GitHub)', () => {
  it('lit l’entrée sur GitHub et ouvre une pull request qui modifie ce fichier', async () => {
    const { sim, service } = await withGitHub();
    const loaded = await load(service);
    const r = await send(service, edit(loaded));
    expect(r.statusCode, r.body).toBe(202);
    service.worker.start();
    await service.worker.idle();
    const s = service.outbox.get(r.json<{ id: string }>().id)!;
    expect(s.status).toBe('ouverte');
    const [pull] = sim.pulls(OWNER, REPO);
    expect(pull?.body).toContain('Date limite** : 30/04/2026 → 15/04/2027');
    const before = await sim.readFile(OWNER, REPO, 'main', PATH);
    const after = await sim.readFile(OWNER, REPO, s.branch, PATH);
    expect(changedLines(before, after).filter((l) => !l.includes('date_maj'))).toEqual([
      '-     cloture: 2026-04-30',
      '+     cloture: 2027-04-15',
    ]);
    expect((await sim.listFiles(OWNER, REPO, s.branch)).sort()).toEqual(
      (await sim.listFiles(OWNER, REPO, 'main')).sort(),
    );
  });

  it('la base a changé sur GitHub : le même champ est refusé, un autre champ fusionné (version de départ lue par son blob)', async () => {
    const { sim, service } = await withGitHub();
    const loaded = await load(service);
    const bare = sim.repoDir(OWNER, REPO);
    const work = tempDir('essaim-clone-');
    git(work, 'clone', '-q', bare, '.');
    commitOnMain(work, 'cloture: 2026-04-30', 'cloture: 2026-05-31');
    git(work, 'push', '-q', 'origin', 'main');
    const r = await send(service, edit(loaded));
    expect(r.statusCode).toBe(409);
    const again = await send(
      service,
      edit(loaded, (d) => (d.resume = 'Fondation qui soutient l’accès digne.')),
    );
    expect(again.statusCode).toBe(409);
    const fresh = await load(service);
    expect(fresh.donnees.appels[0]!.cloture).toBe('2026-05-31');
    // Another field changes on GitHub while the person edits from the fresh version: merged.
    commitOnMain(work, 'site: https://fondation-solidarite.example.org', 'site: https://fondation.example.org');
    git(work, 'push', '-q', 'origin', 'main');
    const ok = await send(service, edit(fresh));
    expect(ok.statusCode, ok.body).toBe(202);
    service.worker.start();
    await service.worker.idle();
    const s = service.outbox.get(ok.json<{ id: string }>().id)!;
    const text = await sim.readFile(OWNER, REPO, s.branch, PATH);
    expect(text).toContain('site: https://fondation.example.org');
    expect(text).toContain('cloture: 2027-04-15');
  });
});
