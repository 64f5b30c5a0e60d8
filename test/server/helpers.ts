/** Shared fixtures for the service tests: a throw-away Git repository and valid submissions. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../src/content/paths.js';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  }).trim();
}

/** A Git repository (branch main) holding the valid fixtures' content, committed. */
export function makeRepo(): string {
  const dir = tempDir('essaim-depot-');
  fs.cpSync(path.join(repoRoot, 'test/fixtures/valide/content'), path.join(dir, 'content'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'test/fixtures/valide/static'), path.join(dir, 'static'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

export const CONTACT = { nom: 'Camille Martin', courriel: 'camille@example.org', credit: false };

/** A complete practice sheet as the form sends it. */
export function practice(titre = 'Paniers solidaires du marché'): Record<string, unknown> {
  return {
    collection: 'practices',
    donnees: {
      titre,
      resume: 'Des paniers de légumes du marché à prix choisi, préparés avec les habitants du quartier.',
      maillons: ['distribution', 'approvisionnement'],
      criteres: ['dignite-libre-choix'],
      stade: 'experimentation',
      nature: 'projet',
      niveau_preuve: 'aucune',
      territoires: ['dep-34', 'reg-76'],
      porteur: { nom: 'Association Le Panier', type: 'association' },
    },
    texte: '## De quoi s’agit-il ?\n\nChaque samedi, des paniers composés avec les maraîchers du marché.\n',
    contact: CONTACT,
    rendu_a: Date.now() - 60_000,
  };
}

/** A complete platform entry (YAML collection). */
export function platform(titre = 'Carte des distributions alimentaires'): Record<string, unknown> {
  return {
    collection: 'platforms',
    donnees: {
      titre,
      resume: 'Une carte en ligne des lieux de distribution alimentaire, mise à jour par les associations.',
      usage: 'Trouver un lieu de distribution alimentaire près de chez soi.',
      url: 'https://carte.example.org',
      editeur: 'Collectif Carto',
      gratuit: true,
      territoires: ['national'],
    },
    contact: CONTACT,
    rendu_a: Date.now() - 60_000,
  };
}
