/**
 * Online backups of the service's database and their restoration: a backup taken by
 * `essaim sauvegarde` (another process) while the service accepts submissions holds every
 * submission acknowledged before it started, intact; a restore refuses a damaged or foreign file,
 * and a running service.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';
import { repoRoot } from '../../src/content/paths.js';
import { backupDatabase, restoreDatabase } from '../../src/server/backup.js';
import { createService } from '../../src/server/index.js';
import { SCHEMA_VERSION } from '../../src/server/migrations.js';
import { DATABASE_FILE, Outbox, type NewSubmission } from '../../src/server/store.js';
import { makeRepo, practice, tempDir } from '../server/helpers.js';

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

type Service = Awaited<ReturnType<typeof createService>>;

async function service(dataDir: string, repoDir: string): Promise<Service> {
  const s = await createService({
    repoDir,
    dataDir,
    staticDir: undefined,
    noWorker: true,
    logLevel: false,
    protection: { minFillMs: 0, ratePerMinute: 0 },
  });
  closers.push(() => s.close());
  return s;
}

function io(env: Record<string, string>): Io & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (t) => lines.push(t),
    err: (t) => lines.push(t),
    cwd: repoRoot,
    interactive: false,
    env: { ...process.env, ...env },
  };
}

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'cli/bin.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

function submission(i: number): NewSubmission {
  return {
    id: `remplissage-${String(i).padStart(6, '0')}`,
    collection: 'practices',
    entryId: `remplissage-${i}`,
    path: `content/practices/remplissage-${i}.md`,
    content: `---\ntitre: Remplissage ${i}\n---\n${'Texte de la fiche. '.repeat(100)}`,
    title: `Remplissage ${i}`,
    prTitle: `Fiche : Remplissage ${i}`,
    prBody: 'Corps',
    commitMessage: 'Ajout',
    branch: `formulaire/remplissage-${i}`,
    contactName: 'Camille Martin',
    contactEmail: 'camille@example.org',
    credit: false,
  };
}

describe('essaim sauvegarde pendant que le service reçoit des propositions', () => {
  it('la sauvegarde restaurée dans un nouveau service contient, intactes, toutes les propositions acquittées avant son début', async () => {
    const repoDir = makeRepo();
    const dataDir = tempDir('essaim-donnees-');
    const live = await service(dataDir, repoDir);
    // A database of a few megabytes, so that the copy is not instantaneous.
    live.outbox.transaction(() => {
      for (let i = 0; i < 2000; i++) live.outbox.insert(submission(i));
    });

    const acked: string[] = [];
    const state = { writing: true };
    const writer = (async () => {
      for (let i = 0; state.writing; i++) {
        const r = await live.app.inject({
          method: 'POST',
          url: '/api/submissions',
          payload: practice(`Fiche envoyée pendant la sauvegarde numéro ${i}`),
        });
        expect(r.statusCode).toBe(202);
        acked.push(r.json<{ id: string }>().id);
      }
    })();
    while (acked.length < 10) await new Promise((r) => setTimeout(r, 10));

    const before = [...acked];
    const backups = tempDir('essaim-sauvegardes-');
    const backup = await runCli(['sauvegarde', backups, '--garder', '3'], { ESSAIM_DATA_DIR: dataDir });
    const during = acked.length - before.length;
    state.writing = false;
    await writer;
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    // The service kept accepting submissions while the backup ran.
    expect(during).toBeGreaterThan(0);
    const files = fs.readdirSync(backups);
    expect(files).toHaveLength(1);
    const file = path.join(backups, files[0]!);
    expect(
      backup.out
        .replace(file, '<fichier>')
        .replace(/\d+ propositions/, 'N propositions')
        .replace(/\d+ Kio/, 'T Kio'),
    ).toMatchInlineSnapshot(`
      "Sauvegarde faite : <fichier> (N propositions, schéma ${SCHEMA_VERSION}, T Kio, intégrité vérifiée).
      "
    `);

    const restoredDir = tempDir('essaim-restauree-');
    const restoreIo = io({ ESSAIM_DATA_DIR: restoredDir });
    expect(await main(['restauration', file], restoreIo)).toBe(0);
    const restored = await service(restoredDir, repoDir);
    for (const id of before) {
      const r = await restored.app.inject({ method: 'GET', url: `/api/submissions/${id}` });
      expect(r.statusCode).toBe(200);
      expect(restored.outbox.get(id)).toEqual(live.outbox.get(id));
    }
    expect(restored.outbox.get(submission(1999).id)).toEqual(live.outbox.get(submission(1999).id));
    // Whatever the copy holds of the submissions that arrived during it is whole, never half-written.
    for (const id of acked.slice(before.length)) {
      const copy = restored.outbox.get(id);
      if (copy) expect(copy).toEqual(live.outbox.get(id));
    }
  });
});

describe('sauvegardes', () => {
  it('garde les N plus récentes, sans fichier partiel', async () => {
    const dataDir = tempDir('essaim-donnees-');
    const outbox = new Outbox(dataDir);
    outbox.insert(submission(1));
    const dest = tempDir('essaim-sauvegardes-');
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    const removed: string[] = [];
    for (let h = 0; h < 4; h++)
      removed.push(
        ...(await backupDatabase(dataDir, dest, { keep: 2, now: t0 + h * 3_600_000 })).removed.map((f) =>
          path.basename(f),
        ),
      );
    outbox.close();
    expect(fs.readdirSync(dest).sort()).toEqual([
      'soumissions-2026-05-01T12-00-00Z.sqlite',
      'soumissions-2026-05-01T13-00-00Z.sqlite',
    ]);
    expect(removed).toEqual(['soumissions-2026-05-01T10-00-00Z.sqlite', 'soumissions-2026-05-01T11-00-00Z.sqlite']);
  });

  it('dit où chercher quand il n’y a pas de base', async () => {
    const empty = tempDir('essaim-vide-');
    const cli = io({ ESSAIM_DATA_DIR: empty });
    expect(await main(['sauvegarde', tempDir('essaim-sauvegardes-')], cli)).toBe(2);
    expect(cli.lines.join('\n').replace(empty, '<donnees>')).toMatchInlineSnapshot(
      `"Erreur : Aucune base à sauvegarder : <donnees>/soumissions.sqlite n’existe pas. Vérifiez ESSAIM_DATA_DIR (le dossier de données du service)."`,
    );
    expect(await main(['sauvegarde', empty, '--garder', '0'], cli)).toBe(2);
    expect(cli.lines.at(-1)).toMatchInlineSnapshot(
      `"Erreur : --garder « 0 » : indiquez le nombre de sauvegardes à garder (un entier, 1 au moins)."`,
    );
  });
});

describe('essaim restauration', () => {
  async function oneBackup(): Promise<{ file: string; id: string }> {
    const dataDir = tempDir('essaim-donnees-');
    const outbox = new Outbox(dataDir);
    outbox.insert(submission(7));
    const r = await backupDatabase(dataDir, tempDir('essaim-sauvegardes-'), { keep: 1 });
    outbox.close();
    return { file: r.file, id: submission(7).id };
  }

  it('refuse tant que le service tourne, sans rien changer ; restaure une fois le service arrêté', async () => {
    const { file, id } = await oneBackup();
    const dataDir = tempDir('essaim-donnees-');
    const running = new Outbox(dataDir);
    running.insert(submission(42));
    const cli = io({ ESSAIM_DATA_DIR: dataDir });
    expect(await main(['restauration', file], cli)).toBe(2);
    expect(cli.lines.join('\n').replace(dataDir, '<donnees>')).toMatchInlineSnapshot(
      `"Erreur : Le service semble en marche : la base <donnees>/soumissions.sqlite est ouverte par un autre processus (le service ou une sauvegarde). Arrêtez le service (par exemple systemctl stop essaim) puis relancez la restauration. Rien n’a été modifié."`,
    );
    expect(fs.readdirSync(dataDir).filter((f) => !f.startsWith(DATABASE_FILE + '-'))).toEqual([DATABASE_FILE]);
    running.insert(submission(43)); // still usable
    expect(running.get(submission(42).id)).toBeDefined();
    running.close();

    const done = io({ ESSAIM_DATA_DIR: dataDir });
    expect(await main(['restauration', file], done)).toBe(0);
    const previous = fs.readdirSync(dataDir).find((f) => f.startsWith(`${DATABASE_FILE}.avant-restauration-`));
    expect(previous).toBeDefined();
    expect(
      done.lines
        .join('\n')
        .replace(dataDir, '<donnees>')
        .replace(previous!, '<ancienne>')
        .replace(dataDir, '<donnees>'),
    ).toMatchInlineSnapshot(`
      "Sauvegarde restaurée dans <donnees> : 1 proposition, schéma ${SCHEMA_VERSION} (intégrité vérifiée).
      La base remplacée est gardée sous <donnees>/<ancienne>.
      Démarrez le service : il mettra la base au schéma courant et reprendra les propositions en attente."
    `);
    const after = new Outbox(dataDir);
    expect(after.get(id)).toBeDefined();
    expect(after.get(submission(42).id)).toBeUndefined();
    after.close();
    // The database moved aside is whole: what the service had written is in it.
    const old = new Database(path.join(dataDir, previous!), { readonly: true });
    expect((old.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n).toBe(2);
    old.close();
  });

  it('refuse un fichier qui n’est pas une base, une base endommagée, une base étrangère, un schéma plus récent', async () => {
    const dir = tempDir('essaim-mauvaises-');
    const target = tempDir('essaim-donnees-');
    const refusal = async (file: string): Promise<string> => {
      const cli = io({ ESSAIM_DATA_DIR: target });
      expect(await main(['restauration', file], cli)).toBe(2);
      return cli.lines.join('\n').replace(file, '<fichier>');
    };

    const text = path.join(dir, 'texte.sqlite');
    fs.writeFileSync(text, 'ceci n’est pas une base\n'.repeat(100));
    expect(await refusal(text)).toMatchInlineSnapshot(
      `"Erreur : <fichier> n’est pas une base SQLite lisible (file is not a database)."`,
    );

    const { file } = await oneBackup();
    const damaged = path.join(dir, 'abimee.sqlite');
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scrambles the second page (the submissions table's b-tree root).
    for (let i = pageSize; i < pageSize * 2; i += 7) bytes[i] = 0xa5;
    fs.writeFileSync(damaged, bytes);
    expect(await refusal(damaged)).toMatch(
      /^Erreur : <fichier> (est endommagé \(PRAGMA integrity_check : |n’est pas une base SQLite lisible \()/,
    );

    const foreign = path.join(dir, 'etrangere.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE autre (x)');
    f.close();
    expect(await refusal(foreign)).toMatchInlineSnapshot(
      `"Erreur : <fichier> n’est pas une base du service de propositions d’Essaim (pas de table submissions)."`,
    );

    const newer = path.join(dir, 'future.sqlite');
    fs.copyFileSync(file, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    n.close();
    expect(
      (await refusal(newer)).replace(String(SCHEMA_VERSION + 1), 'N+1').replace(`(${SCHEMA_VERSION})`, '(N)'),
    ).toMatchInlineSnapshot(
      `"Erreur : <fichier> est au schéma N+1, plus récent que celui de cette version d’Essaim (N) : mettez Essaim à jour avant de restaurer cette sauvegarde."`,
    );

    // Nothing was put in place.
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('restaure dans un dossier vide (machine neuve)', async () => {
    const { file, id } = await oneBackup();
    const dataDir = path.join(tempDir('essaim-neuf-'), 'donnees');
    const r = await restoreDatabase(file, dataDir);
    expect(r.previous).toBeUndefined();
    const outbox = new Outbox(dataDir);
    expect(outbox.get(id)?.contactEmail).toBe('camille@example.org');
    outbox.close();
  });
});
