import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve('cli/bin.mjs');
let dir: string;
let server: http.Server;
let base: string;
const hits: string[] = [];

const sheet = (id: string, body: string, extra = ''): string => `---
id: ${id}
titre: Fiche ${id}
resume: Une fiche de test pour la vérification des liens internes.
maillons: [distribution]
criteres: [lien-social]
stade: deploiement
nature: type
niveau_preuve: aucune
territoires: [national]
porteur: { nom: Une association, type: association }
${extra}derniere_revue: 2026-01-01
date_maj: 2026-01-01
---
${body}
`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.statusCode = req.url === '/absent' ? 404 : 200;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-liens-'));
  const files: Record<string, string> = {
    'content/practices/distribution/cible.md': sheet(
      'cible',
      '## De quoi s’agit-il ?\n\nTexte.\n\n## Pour qui ?\n\nTexte.',
    ),
    'content/practices/distribution/source.md': sheet(
      'source',
      [
        'Liens bons : [cible](/fiches/cible), [ancre](/fiches/cible#pour-qui-), [section](/fiches/cible#de-quoi-sagit-il-), [catalogue](/etudes), [ici](#section), [page](/faq).',
        '',
        '## Section',
        '',
        'Liens cassés : [absente](/fiches/absente), [ancre](/fiches/cible#nulle-part), [fichier](../distribution/absent.md), [page](/nulle-part).',
        '',
        '![logo](/img/logo.png) ![manque](/img/manque.png)',
        '',
        `Externes : [ok](${base}/present), [cassé](${base}/absent).`,
      ].join('\n'),
      'ressources_liees: [practices/cible, studies/inconnue]\n',
    ),
    'static/img/logo.png': 'png',
    'src/pages/faq.md': '# FAQ',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
});
afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('essaim links', () => {
  it('signale références, pages, ancres, fichiers et images introuvables, avec fichier et ligne', async () => {
    const result = await run('node', [bin, 'links'], { cwd: dir }).catch(
      (e: unknown) => e as { code: number; stdout: string },
    );
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stdout).toMatchInlineSnapshot(`
      "content/practices/distribution/source.md:12:37  lien-interne  La ressource liée « studies/inconnue » n’existe pas.
          → Vérifiez la collection et l’identifiant.
      content/practices/distribution/source.md:20:16  lien-interne-introuvable  La page « /fiches/absente » n’existe pas sur le portail.
          → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).
      content/practices/distribution/source.md:20:44  lien-interne  L’ancre « #nulle-part » n’existe pas sur la page /fiches/cible.
          → Ancres possibles : #de-quoi-sagit-il-, #pour-qui-.
      content/practices/distribution/source.md:20:79  lien-chemin-interdit  Le lien « ../distribution/absent.md » est refusé : un chemin relatif mène ailleurs selon la page qui affiche le texte (catalogue, édition, liste des actualités).
          → Écrivez l’adresse de la page depuis la racine du portail, par exemple /fiches/identifiant, ou une adresse https://.
      content/practices/distribution/source.md:20:117  lien-interne-introuvable  La page « /nulle-part » n’existe pas sur le portail.
          → Vérifiez l’adresse : /fiches/<identifiant>, /etudes/<identifiant>… (sans extension .md).
      content/practices/distribution/source.md:22:24  image-introuvable  L’image « /img/manque.png » est introuvable : le fichier static/img/manque.png n’existe pas.
          → Déposez l’image dans static/img/ et écrivez ![description](/img/nom-du-fichier.png).
      ✖ 6 problèmes dans 1 fichier (2 vérifiés).
      "
    `);
    expect(hits).toHaveLength(0);
  });

  it('vérifie aussi les adresses externes avec --external, puis les reprend du cache', async () => {
    const first = await run('node', [bin, 'links', '--external', '--format', 'json'], { cwd: dir }).catch(
      (e: unknown) => e as { stdout: string },
    );
    const report = JSON.parse(first.stdout) as { externe: { results: { url: string; status: string }[] } };
    expect(report.externe.results.map((r) => [r.url.replace(base, ''), r.status])).toEqual([
      ['/present', 'ok'],
      ['/absent', 'broken'],
    ]);
    const requests = hits.length;
    expect(requests).toBeGreaterThanOrEqual(2);
    await run('node', [bin, 'links', '--external', '--format', 'json'], { cwd: dir }).catch((e: unknown) => e);
    expect(hits.length).toBe(requests);
    expect(fs.existsSync(path.join(dir, '.essaim/liens.json'))).toBe(true);
  });
});
