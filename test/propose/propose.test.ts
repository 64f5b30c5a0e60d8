/**
 * `essaim propose` end to end: the real binary, run in a clone of a repository served by the GitHub
 * simulator (real bare Git repositories, GitHub's OpenAPI contract checked on every exchange).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRemote } from '../../cli/commands/propose.js';
import { startGitHubSimulator, type GitHubSimulator } from '../github-simulator/index.js';
import { edit, fixture, fixturesDir, runCli, type CliResult } from '../helpers/tree.js';
import { git, read, write } from '../diff/git-repo.js';

const OWNER = 'cocolupa';
const REPO = 'essaim';
const SHEET = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const NEW_SHEET = 'content/practices/distribution/cantine-prix-libre.md';
const NEW_BRANCH = 'essaim/practices/cantine-prix-libre';
const FUNDER = 'content/funders/fondation-solidarite.yaml';
const PULLS = '/repos/{owner}/{repo}/pulls';

const newSheet = edit(
  edit(fixture('valide', SHEET), 'id: epicerie-solidaire-mobile', 'id: cantine-prix-libre'),
  /titre: .*/,
  'titre: Cantine solidaire à prix libre',
);

const temps: string[] = [];
let fakeBin: string;
let sim: GitHubSimulator;
let running: GitHubSimulator | undefined;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Every file of the `valide` fixture tree, repository-relative. */
function fixtureFiles(): Record<string, string> {
  const root = path.join(fixturesDir, 'valide');
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, item.name);
      if (item.isDirectory()) walk(abs);
      else out[path.relative(root, abs).split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return out;
}

beforeAll(() => {
  // A `gh` that is never logged in, so that no real GitHub CLI on the machine provides a token.
  fakeBin = tempDir('essaim-fake-gh-');
  fs.writeFileSync(path.join(fakeBin, 'gh'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
});

afterEach(async () => {
  const done = running;
  running = undefined;
  if (done) {
    // Every request and answer followed GitHub's OpenAPI description.
    expect(done.contractViolations).toEqual([]);
    await done.close();
  }
});

afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A simulated `cocolupa/essaim` holding the valid fixtures (alice can push, bob cannot), and a clone of it. */
async function setup(): Promise<string> {
  sim = await startGitHubSimulator({ tokens: { 'token-alice': 'alice', 'token-bob': 'bob' } });
  running = sim;
  await sim.createRepo({ owner: OWNER, name: REPO, files: fixtureFiles(), pushers: ['alice'] });
  const clone = path.join(tempDir('essaim-clone-'), REPO);
  git(os.tmpdir(), 'clone', '-q', sim.repoDir(OWNER, REPO), clone);
  git(clone, 'config', 'user.name', 'Camille Contributrice');
  git(clone, 'config', 'user.email', 'camille@example.org');
  // As after `git clone https://github.com/cocolupa/essaim`: the CLI finds the repository from it.
  git(clone, 'remote', 'set-url', 'origin', `https://github.com/${OWNER}/${REPO}.git`);
  return clone;
}

/** `null`: no token at all. */
function env(token: string | null): NodeJS.ProcessEnv {
  return {
    GITHUB_TOKEN: token ?? '',
    GH_TOKEN: '',
    ESSAIM_GITHUB_API_URL: sim.baseUrl,
    PATH: `${fakeBin}${path.delimiter}${process.env.PATH ?? ''}`,
  };
}

function propose(clone: string, args: string[], token: string | null = 'token-alice'): Promise<CliResult> {
  return runCli(['propose', ...args], clone, env(token));
}

const count = (method: string, template: string): number =>
  sim.requests.filter((r) => r.method === method && r.template === template).length;

async function branchFiles(branch: string): Promise<string[]> {
  return git(sim.repoDir(OWNER, REPO), 'diff', '--name-only', 'main', branch).split('\n').filter(Boolean);
}

describe('essaim propose against the GitHub simulator', () => {
  it('turns a new sheet into a pull request whose branch passes essaim validate', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    const r = await propose(clone, []);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✔ Pull request ouverte : ${sim.webUrl}/${OWNER}/${REPO}/pull/1`);

    const pulls = sim.pulls(OWNER, REPO);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0]!;
    expect(pull).toMatchObject({
      title: 'Nouvelle fiche pratique : « Cantine solidaire à prix libre »',
      labels: ['fiches', 'nouvelle-entrée'],
      pull: { headRepo: `${OWNER}/${REPO}`, headRef: NEW_BRANCH, baseRef: 'main', draft: false },
    });
    expect(pull.body).toContain(`| Fiches pratiques | Cantine solidaire à prix libre<br>\`${NEW_SHEET}\` | ajoutée |`);
    expect(pull.body).toContain('### 🆕 Fiche pratique « Cantine solidaire à prix libre » — ajout');
    expect(pull.body).toContain('- **Territoires** : Hérault (34)');
    expect(pull.body).toContain('- [ ] **Aucune donnée personnelle**');

    // The branch holds exactly the new file, in one commit on top of main.
    expect(await branchFiles(NEW_BRANCH)).toEqual([NEW_SHEET]);
    expect(await sim.readFile(OWNER, REPO, NEW_BRANCH, NEW_SHEET)).toBe(newSheet);
    expect(git(sim.repoDir(OWNER, REPO), 'log', '-1', '--format=%s', NEW_BRANCH)).toBe(
      'Ajoute la fiche pratique « Cantine solidaire à prix libre »',
    );

    // Checked out, the branch is valid.
    const checkout = path.join(tempDir('essaim-checkout-'), 'pr');
    git(os.tmpdir(), 'clone', '-q', '--branch', NEW_BRANCH, sim.repoDir(OWNER, REPO), checkout);
    const validated = await runCli(['validate'], checkout);
    expect(validated.stdout).toMatch(/^✔ 10 fichiers vérifiés, aucun problème\.$/m);
    expect(validated.code).toBe(0);
  }, 60_000);

  it('updates the same branch and pull request when re-run', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    expect((await propose(clone, [])).code).toBe(0);
    const first = git(sim.repoDir(OWNER, REPO), 'rev-parse', NEW_BRANCH);

    const corrected = edit(
      newSheet,
      /resume: .*/,
      'resume: Une cantine ouverte à toutes et à tous, où chacun paie ce qu’il peut.',
    );
    write(clone, NEW_SHEET, corrected);
    const r = await propose(clone, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✔ Pull request mise à jour : ${sim.webUrl}/${OWNER}/${REPO}/pull/1`);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    expect(count('POST', PULLS)).toBe(1);
    expect(git(sim.repoDir(OWNER, REPO), 'rev-parse', NEW_BRANCH)).not.toBe(first);
    expect(await sim.readFile(OWNER, REPO, NEW_BRANCH, NEW_SHEET)).toBe(corrected);
    expect(git(sim.repoDir(OWNER, REPO), 'rev-list', '--count', `main..${NEW_BRANCH}`)).toBe('1');
  }, 60_000);

  it('goes through a fork when the token cannot push', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    const r = await propose(clone, [], 'token-bob');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Vous n’avez pas le droit d’écrire dans ${OWNER}/${REPO} : les modifications sont sur votre copie bob/${REPO}, branche « ${NEW_BRANCH} ».`,
    );
    const [pull] = sim.pulls(OWNER, REPO);
    expect(pull).toMatchObject({
      user: 'bob',
      pull: { headRepo: `bob/${REPO}`, headRef: NEW_BRANCH, baseRef: 'main' },
    });
    expect(await sim.readFile('bob', REPO, NEW_BRANCH, NEW_SHEET)).toBe(newSheet);
    expect(await sim.listFiles(OWNER, REPO, 'main')).not.toContain(NEW_SHEET);
  }, 60_000);

  it('opens exactly one pull request when GitHub fails after creating it', async () => {
    const clone = await setup();
    sim.injectFault({ method: 'POST', path: PULLS, kind: 'server-error', status: 502, afterWork: true });
    write(clone, NEW_SHEET, newSheet);
    const r = await propose(clone, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ Pull request ouverte');
    expect(sim.faults[0]?.hits).toBe(1);
    expect(sim.pulls(OWNER, REPO)).toHaveLength(1);
    expect(count('POST', PULLS)).toBe(1);
  }, 60_000);

  it('refuses an invalid entry without any call to GitHub', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, edit(newSheet, 'stade: deploiement', 'stade: pilote'));
    const r = await propose(clone, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchInlineSnapshot(`
      "content/practices/distribution/cantine-prix-libre.md:12:8  schema  Valeur non reconnue pour « Stade ».
          → Valeurs possibles : experimentation, deploiement, essaimee.
      ✖ 1 problème dans 1 fichier (1 vérifié).
      "
    `);
    expect(r.stderr).toMatchInlineSnapshot(`
      "Rien n’a été envoyé : corrigez ces problèmes (npm run essaim -- validate), puis relancez npm run essaim -- propose.
      "
    `);
    expect(sim.requests).toEqual([]);
  });

  it('explains how to get a token, and mentions --local, when there is none', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    const r = await propose(clone, [], null);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatchInlineSnapshot(`
      "Erreur : Aucun jeton GitHub trouvé : essaim propose en a besoin pour ouvrir la pull request.

      Créez un jeton « fine-grained » (une minute) :
        1. Ouvrez https://github.com/settings/personal-access-tokens/new
        2. « Resource owner » : l’organisation du portail ; « Repository access » : son dépôt.
        3. « Permissions » → « Repository permissions » : donnez exactement ces deux droits :
             Contents : Read and write
             Pull requests : Read and write
        4. Générez le jeton, puis rendez-le disponible dans le terminal :
             export GITHUB_TOKEN=github_pat_…        (macOS, Linux)
             $env:GITHUB_TOKEN = "github_pat_…"      (Windows PowerShell)
           Si la commande gh est installée, « gh auth login » suffit aussi.

      Sans droit d’écriture sur le dépôt, essaim propose passe par votre copie (fork) : un jeton
      « fine-grained » ne le permet pas ; utilisez « gh auth login » ou un jeton classique
      (portée public_repo).

      Sans jeton : npm run essaim -- propose --local crée la branche et le commit dans votre dépôt ;
      il ne reste qu’à les envoyer avec git push, puis à ouvrir la pull request sur GitHub.
      "
    `);
    expect(sim.requests).toEqual([]);
  });

  it('--local makes the branch and commit in the local repository, and nothing else', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    const status = git(clone, 'status', '--porcelain');
    const r = await propose(clone, ['--local'], null);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/commit [0-9a-f]{7}/, 'commit SHA')).toMatchInlineSnapshot(`
      "✔ Branche locale « essaim/practices/cantine-prix-libre » créée : commit SHA sur « main » (1 entrée).
        Votre dossier de travail n’a pas changé.

      Pour la proposer :
        1. git push origin essaim/practices/cantine-prix-libre
           (sans droit d’écriture sur le dépôt, poussez vers votre copie : git push <votre-fork> …)
        2. Ouvrez la pull request vers « main » sur GitHub (le lien s’affiche après le push) avec :
           Titre : Nouvelle fiche pratique : « Cantine solidaire à prix libre »
           Étiquettes : fiches, nouvelle-entrée
           La description proposée : npm run essaim -- propose --dry-run
      "
    `);
    expect(git(clone, 'diff', '--name-only', 'origin/main', NEW_BRANCH)).toBe(NEW_SHEET);
    expect(git(clone, 'show', `${NEW_BRANCH}:${NEW_SHEET}`)).toBe(newSheet.replace(/\n$/, ''));
    expect(git(clone, 'log', '-1', '--format=%an <%ae> %s', NEW_BRANCH)).toBe(
      'Camille Contributrice <camille@example.org> Ajoute la fiche pratique « Cantine solidaire à prix libre »',
    );
    expect(git(clone, 'rev-parse', `${NEW_BRANCH}^`)).toBe(git(clone, 'rev-parse', 'origin/main'));
    expect(git(clone, 'status', '--porcelain')).toBe(status);
    expect(git(clone, 'branch', '--show-current')).toBe('main');
    expect(sim.requests).toEqual([]);
  });

  it('--dry-run shows the branch, files, title, labels and body, and writes nothing', async () => {
    const clone = await setup();
    write(clone, FUNDER, edit(read(clone, FUNDER), 'cloture: 2026-04-30', 'cloture: 2026-05-31'));
    const refs = git(clone, 'for-each-ref');
    const status = git(clone, 'status', '--porcelain');
    const r = await propose(clone, ['--dry-run'], null);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Simulation (--dry-run) : rien n’est envoyé ni écrit.

      Dépôt : cocolupa/essaim
      Branche de base : main
      Branche : essaim/funders/fondation-solidarite
      Fichiers :
        ~ content/funders/fondation-solidarite.yaml (modifiée)
      Titre : Mise à jour du financeur « Fondation Solidarité Alimentaire »
      Étiquettes : financements, mise-à-jour
      Brouillon : non
      Message du commit : Met à jour le financeur « Fondation Solidarité Alimentaire »

      --- Description de la pull request ---
      Proposition de contenu envoyée avec \`essaim propose\` : 1 entrée.

      | Collection | Entrée | Changement |
      | --- | --- | --- |
      | Financeurs et appels à projets | Fondation Solidarité Alimentaire<br>\`content/funders/fondation-solidarite.yaml\` | modifiée |

      ## Ce qui change

      **1 entrée** (1 modification).

      ### ✏️ Financeur « Fondation Solidarité Alimentaire » — modification

      \`content/funders/fondation-solidarite.yaml\`

      - **Appel à projets « Mieux manger pour tous 2026 » : Date limite** : 30/04/2026 → 31/05/2026

      ## Relecture

      À vérifier par l’équipe éditoriale avant de fusionner :

      - [ ] **Sources citées** : chiffres, résultats et citations renvoient à une source accessible.
      - [ ] **Aucune donnée personnelle** : seulement des contacts génériques de structures (ni nom, ni téléphone, ni courriel personnels).
      - [ ] **Neutralité et ouverture** : ton descriptif, sans promotion ni dénigrement d’une structure, d’une personne ou d’un public.
      - [ ] **Liens valides** : les adresses mènent aux pages officielles et fonctionnent (la CI les vérifie aussi).
      - [ ] **Vocabulaires justes** : maillons, territoires, publics et critères correspondent au contenu.
      - [ ] **Pratique inspirante** (fiches) : les critères d’une alimentation digne et durable retenus sont étayés dans le texte.
      - [ ] **Dates à jour** : dernière mise à jour, dates limites des appels, sessions et événements.
      - [ ] **Clarté** : titre et résumé compréhensibles sans connaître le sujet ; texte en français.
      "
    `);
    expect(git(clone, 'for-each-ref')).toBe(refs);
    expect(git(clone, 'status', '--porcelain')).toBe(status);
    expect(sim.requests).toEqual([]);
  });

  it('proposes only the given paths, with the title given by --titre, as a draft', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    write(clone, FUNDER, edit(read(clone, FUNDER), 'cloture: 2026-04-30', 'cloture: 2026-05-31'));
    const r = await propose(clone, [FUNDER, '--titre', 'Report de la date limite', '--draft']);
    expect(r.code).toBe(0);
    const [pull] = sim.pulls(OWNER, REPO);
    expect(pull).toMatchObject({
      title: 'Report de la date limite',
      labels: ['financements', 'mise-à-jour'],
      pull: { headRef: 'essaim/funders/fondation-solidarite', draft: true },
    });
    expect(pull?.body).toContain(
      '- **Appel à projets « Mieux manger pour tous 2026 » : Date limite** : 30/04/2026 → 31/05/2026',
    );
    expect(await branchFiles('essaim/funders/fondation-solidarite')).toEqual([FUNDER]);
  }, 60_000);
});

describe('essaim propose choosing what to send (no GitHub call)', () => {
  it('names the branch of several entries after their files, the same on every run', async () => {
    const clone = await setup();
    write(clone, NEW_SHEET, newSheet);
    write(clone, FUNDER, edit(read(clone, FUNDER), 'cloture: 2026-04-30', 'cloture: 2026-05-31'));
    const first = await propose(clone, ['--dry-run'], null);
    write(
      clone,
      NEW_SHEET,
      edit(newSheet, /resume: .*/, 'resume: Une cantine ouverte à toutes et à tous, où chacun paie ce qu’il peut.'),
    );
    const second = await propose(clone, ['--dry-run'], null);
    const branch = /^Branche : (.*)$/m.exec(first.stdout)?.[1];
    expect(branch).toMatch(/^essaim\/2-entrees-[0-9a-f]{8}$/);
    expect(/^Branche : (.*)$/m.exec(second.stdout)?.[1]).toBe(branch);
    expect(first.stdout).toContain('Titre : 2 entrées : 1 nouvelle, 1 mise à jour');
    expect(first.stdout).toContain('Étiquettes : fiches, financements, nouvelle-entrée, mise-à-jour');
    expect(sim.requests).toEqual([]);
  });

  it('does not send deletions, and refuses to send a moved entry', async () => {
    const clone = await setup();
    git(clone, 'rm', '-q', 'content/events/visite-epicerie-mobile.yaml');
    write(clone, NEW_SHEET, newSheet);
    const deleted = await propose(clone, ['--dry-run'], null);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatchInlineSnapshot(`
      "Note : cette suppression n’est pas proposée (essaim propose n’envoie que des ajouts et des modifications) : content/events/visite-epicerie-mobile.yaml
      "
    `);
    expect(deleted.stdout).toContain(`+ ${NEW_SHEET} (ajoutée)`);

    const moved = 'content/practices/reperage-orientation/epicerie-solidaire-mobile.md';
    write(clone, moved, read(clone, SHEET));
    fs.rmSync(path.join(clone, SHEET));
    const r = await propose(clone, ['--dry-run'], null);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatchInlineSnapshot(`
      "Erreur : essaim propose ne sait pas proposer le déplacement d’une entrée (content/practices/distribution/epicerie-solidaire-mobile.md) : faites cette pull request avec Git (git switch -c, git commit, git push), ou demandez à l’équipe éditoriale.
      "
    `);
  });

  it('says when there is nothing to propose', async () => {
    const clone = await setup();
    const r = await propose(clone, [], null);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatchInlineSnapshot(`
      "Erreur : Rien à proposer : aucune entrée ajoutée ou modifiée par rapport à « main ». Créez-en une avec « npm run essaim -- new fiche », ou indiquez les fichiers à proposer.
      "
    `);
    expect(sim.requests).toEqual([]);
  });
});

describe('parseRemote', () => {
  it('reads owner and name from https and ssh remotes', () => {
    expect(parseRemote('https://github.com/cocolupa/essaim.git')).toEqual({ owner: 'cocolupa', repo: 'essaim' });
    expect(parseRemote('https://github.com/cocolupa/essaim')).toEqual({ owner: 'cocolupa', repo: 'essaim' });
    expect(parseRemote('git@github.com:cocolupa/essaim.git')).toEqual({ owner: 'cocolupa', repo: 'essaim' });
    expect(parseRemote('ssh://git@github.com/cocolupa/essaim.git')).toEqual({ owner: 'cocolupa', repo: 'essaim' });
    expect(parseRemote('https://x-access-token:abc@github.com/cocolupa/essaim.git/')).toEqual({
      owner: 'cocolupa',
      repo: 'essaim',
    });
    expect(parseRemote('/srv/git/essaim.git')).toBeUndefined();
  });
});
