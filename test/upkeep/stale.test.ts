import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsBefore } from '../../src/upkeep/stale.js';

const run = promisify(execFile);
const bin = path.resolve('cli/bin.mjs');
let dir: string;

const files: Record<string, string> = {
  'content/practices/distribution/fiche-ancienne.md': `---
id: fiche-ancienne
titre: Une fiche relue il y a longtemps
resume: Une fiche dont la dernière revue date de plus d’un an, pour le test.
maillons: [distribution]
criteres: [lien-social]
stade: deploiement
nature: type
niveau_preuve: aucune
territoires: [national]
porteur: { nom: Une association, type: association }
derniere_revue: 2025-05-31
date_maj: 2025-05-31
---
Texte avec un [lien cassé](https://casse.example/page).
`,
  'content/practices/distribution/fiche-recente.md': `---
id: fiche-recente
titre: Une fiche relue récemment
resume: Une fiche dont la dernière revue date de moins d’un an, pour le test.
maillons: [distribution]
criteres: [lien-social]
stade: deploiement
nature: type
niveau_preuve: aucune
territoires: [national]
porteur: { nom: Une association, type: association }
derniere_revue: 2025-06-01
date_maj: 2025-06-01
---
Texte.
`,
  'content/funders/un-financeur.yaml': `id: un-financeur
titre: Un financeur
resume: Un financeur avec un appel clos et un appel ouvert, pour le test.
type: fondation
site: https://financeur.example
territoires: [national]
appels:
  - id: appel-clos
    titre: Appel clos
    resume: Un appel dont la date limite est passée.
    ouverture: 2025-01-01
    cloture: 2026-05-31
    url: https://financeur.example/clos
    territoires: [national]
  - id: appel-ouvert
    titre: Appel ouvert
    resume: Un appel dont la date limite n’est pas passée.
    ouverture: 2026-01-01
    cloture: 2026-06-01
    url: https://financeur.example/ouvert
    territoires: [national]
date_maj: 2026-01-01
`,
  'content/funders/financeur-permanent.yaml': `id: financeur-permanent
titre: Un financeur au dispositif permanent
resume: Un financeur mis à jour il y a plus d’un an, dont le dispositif n’a pas de date limite.
type: fondation
site: https://permanent.example
territoires: [national]
appels:
  - id: dispositif-permanent
    titre: Dispositif permanent
    resume: Un dispositif ouvert toute l’année, sans date limite.
    recurrence: permanent
    url: https://permanent.example/dispositif
    territoires: [national]
date_maj: 2025-05-15
`,
  'content/events/webinaire-passe.yaml': `id: webinaire-passe
titre: Un webinaire passé
resume: Un événement terminé la veille du jour du rapport.
type: webinaire
debut: 2026-05-31T10:00:00+02:00
organisateur: Une association
territoires: [national]
date_maj: 2026-01-01
`,
  // A past event with a replay stays on the agenda, under « Revoir »: nothing to do.
  'content/events/webinaire-a-revoir.yaml': `id: webinaire-a-revoir
titre: Un webinaire à revoir
resume: Un événement terminé dont l’enregistrement reste en ligne.
type: webinaire
debut: 2026-01-15T10:00:00+01:00
organisateur: Une association
replay: https://exemple.org/replay
territoires: [national]
date_maj: 2026-01-20
`,
  'content/events/rencontre-a-venir.yaml': `id: rencontre-a-venir
titre: Une rencontre à venir
resume: Un événement qui commence le jour du rapport.
type: rencontre
debut: 2026-06-01
organisateur: Une association
territoires: [national]
date_maj: 2026-01-01
`,
  '.essaim/liens.json': JSON.stringify({
    version: 1,
    entries: {
      'https://casse.example/page': { ok: false, status: 404, message: 'Page introuvable (404)' },
      'https://financeur.example': { ok: true, status: 200 },
    },
  }),
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-stale-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const stale = async (...args: string[]) => run('node', [bin, 'stale', '--today', '2026-06-01', ...args], { cwd: dir });

describe('essaim stale', () => {
  it('liste fiches à relire, appels clos, événements passés et liens cassés, à date fixe', async () => {
    const { stdout } = await stale();
    expect(stdout).toMatchInlineSnapshot(`
      "Entrées à relire (2) :
        content/funders/financeur-permanent.yaml:14:11  Un financeur au dispositif permanent — Dernière mise à jour le 15/05/2025, il y a plus de 6 mois.
        content/practices/distribution/fiche-ancienne.md:12:17  Une fiche relue il y a longtemps — Dernière revue le 31/05/2025, il y a plus de 12 mois.
      Appels à projets clos ou à confirmer (2) :
        content/funders/financeur-permanent.yaml:11:17  Un financeur au dispositif permanent — Dispositif permanent — Dispositif permanent non confirmé depuis le 15/05/2025 : vérifiez qu’il existe toujours, puis mettez à jour date_maj.
        content/funders/un-financeur.yaml:12:14  Un financeur — Appel clos — Clos depuis le 31/05/2026 : mettez à jour ou retirez l’appel.
      Événements passés (1) :
        content/events/webinaire-passe.yaml:5:8  Un webinaire passé — Passé depuis le 31/05/2026 : archivez-le ou retirez-le de l’agenda.
      Liens cassés (dernière vérification) (1) :
        content/practices/distribution/fiche-ancienne.md:15:15  Une fiche relue il y a longtemps — https://casse.example/page : Page introuvable (404)
      6 points d’entretien.
      "
    `);
  });

  it('respecte --mois', async () => {
    const { stdout } = await stale('--mois', '24', '--format', 'json');
    const report = JSON.parse(stdout) as { aRelire: unknown[]; appelsClos: unknown[] };
    expect(report.aRelire).toHaveLength(0);
    // --mois sets the review interval only: the closed call, and the permanent call unconfirmed for a year, stay.
    expect(report.appelsClos).toHaveLength(2);
  });

  it('produit le tableau markdown du ticket d’entretien', async () => {
    const { stdout } = await stale('--format', 'markdown');
    expect(stdout).toMatchInlineSnapshot(`
      "Rapport d’entretien du 01/06/2026 : 6 points à traiter.

      ### Entrées à relire (2)

      | Entrée | Fichier | Détail |
      | --- | --- | --- |
      | Un financeur au dispositif permanent | \`content/funders/financeur-permanent.yaml:14\` | Dernière mise à jour le 15/05/2025, il y a plus de 6 mois. |
      | Une fiche relue il y a longtemps | \`content/practices/distribution/fiche-ancienne.md:12\` | Dernière revue le 31/05/2025, il y a plus de 12 mois. |

      ### Appels à projets clos ou à confirmer (2)

      | Entrée | Fichier | Détail |
      | --- | --- | --- |
      | Un financeur au dispositif permanent — Dispositif permanent | \`content/funders/financeur-permanent.yaml:11\` | Dispositif permanent non confirmé depuis le 15/05/2025 : vérifiez qu’il existe toujours, puis mettez à jour date_maj. |
      | Un financeur — Appel clos | \`content/funders/un-financeur.yaml:12\` | Clos depuis le 31/05/2026 : mettez à jour ou retirez l’appel. |

      ### Événements passés (1)

      | Entrée | Fichier | Détail |
      | --- | --- | --- |
      | Un webinaire passé | \`content/events/webinaire-passe.yaml:5\` | Passé depuis le 31/05/2026 : archivez-le ou retirez-le de l’agenda. |

      ### Liens cassés (dernière vérification) (1)

      | Entrée | Fichier | Détail |
      | --- | --- | --- |
      | Une fiche relue il y a longtemps | \`content/practices/distribution/fiche-ancienne.md:15\` | https://casse.example/page : Page introuvable (404) |
      "
    `);
  });

  it('refuse un nombre de mois invalide (code 2, message en français)', async () => {
    await expect(stale('--mois', 'douze')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('nombre entier de mois') as unknown,
    });
  });

  it('calcule la limite au même jour du mois, ou au dernier jour du mois le plus court', () => {
    expect(monthsBefore('2026-06-01', 12)).toBe('2025-06-01');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
  });
});
