/**
 * Online backup and restore of the service's database.
 *
 * Backup: SQLite's online backup API, from a connection of its own, while the service runs. The
 * pages are copied in one step, inside one read transaction: in WAL mode that snapshot never
 * blocks the service's writers, and it holds every transaction committed before it began (so
 * every submission acknowledged before the backup started). Copying in small steps instead would
 * restart the copy at each write of the service, and might never finish under a steady flow.
 *
 * Restore: only into a stopped service. SQLite's own lock decides: the restore takes an
 * exclusive lock on the database in place, which SQLite refuses while any other connection (the
 * service, a backup) has it open, and keeps it until the new file is in place. The lock belongs
 * to the process and disappears with it, even after a `kill -9`: no lock file to clean up.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../content/problems.js';
import { SCHEMA_VERSION, schemaVersion } from './migrations.js';
import { DATABASE_FILE } from './store.js';

/** `soumissions-2026-05-01T10-00-00Z.sqlite`: sorts by date, UTC. */
const BACKUP_NAME = /^soumissions-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/;

export function backupName(now: number): string {
  return `soumissions-${new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.sqlite`;
}

export interface DatabaseSummary {
  /** `PRAGMA user_version`. */
  version: number;
  submissions: number;
}

export interface BackupResult extends DatabaseSummary {
  file: string;
  bytes: number;
  /** Older backups removed to keep the last N. */
  removed: string[];
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks a closed database file: readable by SQLite, intact, an Essaim outbox, of a schema this code knows. */
export function inspectDatabase(file: string): DatabaseSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new UsageError(`${file} : fichier introuvable ou illisible.`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new UsageError(
        `${file} n’est pas une base SQLite lisible (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new UsageError(
        `${file} est endommagé (PRAGMA integrity_check : ${problems.slice(0, 3).join(' ; ')}) : prenez une sauvegarde plus ancienne.`,
      );
    }
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new UsageError(
        `${file} est au schéma ${version}, plus récent que celui de cette version d’Essaim (${SCHEMA_VERSION}) : mettez Essaim à jour avant de restaurer cette sauvegarde.`,
      );
    }
    if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'submissions'").get()) {
      throw new UsageError(
        `${file} n’est pas une base du service de propositions d’Essaim (pas de table submissions).`,
      );
    }
    const submissions = (db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
    return { version, submissions };
  } finally {
    db.close();
  }
}

/**
 * Copies the database of `dataDir` into `destDir` while the service runs, checks the copy, and
 * keeps the `keep` most recent backups of that folder.
 */
export async function backupDatabase(
  dataDir: string,
  destDir: string,
  options: { keep: number; now?: number },
): Promise<BackupResult> {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(source))
    throw new UsageError(
      `Aucune base à sauvegarder : ${source} n’existe pas. Vérifiez ESSAIM_DATA_DIR (le dossier de données du service).`,
    );
  fs.mkdirSync(destDir, { recursive: true });
  const file = path.join(destDir, backupName(options.now ?? Date.now()));
  if (fs.existsSync(file))
    throw new UsageError(`${file} existe déjà : une sauvegarde vient d’être faite, relancez dans une seconde.`);
  // Never a half-written file under a backup's name: the copy is made aside, checked, then renamed.
  const partial = `${file}.partiel`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first step only starts the backup; the second copies every page at once.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    // A self-contained file (no -wal beside it), whatever the journal mode of the service.
    const copy = new Database(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const summary = inspectDatabase(partial);
    fsyncPath(partial);
    fs.renameSync(partial, file);
    fsyncPath(destDir);
    const removed = fs
      .readdirSync(destDir)
      .filter((n) => BACKUP_NAME.test(n))
      .sort()
      .reverse()
      .slice(options.keep)
      .map((n) => path.join(destDir, n));
    for (const old of removed) fs.rmSync(old, { force: true });
    return { file, bytes: fs.statSync(file).size, removed, ...summary };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

export interface RestoreResult extends DatabaseSummary {
  /** Where the database that was in place was moved (undefined when there was none). */
  previous?: string;
}

/** Tries to take SQLite's exclusive lock on the database in place; undefined when there is no database. */
function lockExclusively(target: string): Database.Database | undefined {
  if (!fs.existsSync(target)) return undefined;
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    // EXCLUSIVE locking mode keeps the lock after the transaction, until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    // Whatever the service left in the WAL goes into the file that is moved aside.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new UsageError(
        `Le service semble en marche : la base ${target} est ouverte par un autre processus (le service ou une sauvegarde). Arrêtez le service (par exemple systemctl stop essaim) puis relancez la restauration. Rien n’a été modifié.`,
      );
    }
    throw error;
  }
}

/** Puts the backup `file` in place of the database of `dataDir`, after checking it; the service must be stopped. */
export async function restoreDatabase(
  file: string,
  dataDir: string,
  options: { now?: number } = {},
): Promise<RestoreResult> {
  const summary = inspectDatabase(file);
  fs.mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, DATABASE_FILE);
  const incoming = `${target}.restauration-partielle`;
  fs.rmSync(incoming, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  let lock: Database.Database | undefined;
  try {
    fsyncPath(incoming);
    lock = lockExclusively(target);
    let previous: string | undefined;
    if (lock) {
      previous = `${target}.avant-restauration-${backupName(options.now ?? Date.now()).slice('soumissions-'.length, -'.sqlite'.length)}`;
      fs.renameSync(target, previous);
      // The old journal files would be read as the new database's: they go too.
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    }
    fs.renameSync(incoming, target);
    fsyncPath(dataDir);
    return { ...summary, ...(previous ? { previous } : {}) };
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  } finally {
    lock?.close();
  }
}
