/**
 * Schema migrations: a database of every earlier version opens in the current service with its
 * submissions intact and the same schema as a new database; a migration that fails changes
 * nothing; a database newer than the code is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/content/paths.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersion } from '../../src/server/migrations.js';
import { DATABASE_FILE, Outbox } from '../../src/server/store.js';
import { tempDir } from '../server/helpers.js';

const VERSION_0 = fs.readFileSync(path.join(repoRoot, 'test/ops/fixtures/schema-0.sql'), 'utf8');

/** A data directory whose database is at `version`, holding one pending submission, one opened, one used proof-of-work. */
function databaseAt(version: number): string {
  const dir = tempDir(`essaim-schema-${version}-`);
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  if (version === 0) db.exec(VERSION_0);
  else migrate(db, version);
  expect(schemaVersion(db)).toBe(version);
  // Written with the columns of that time (those of version 0 so far), not through today's code.
  const insert =
    db.prepare(`INSERT INTO submissions (id, collection, entry_id, path, content, title, pr_title, pr_body, commit_message, branch,
    contact_name, contact_email, credit, status, attempts, next_attempt_at, last_error, pr_number, pr_url, commit_sha, created_at, updated_at)
    VALUES (?, 'practices', ?, ?, ?, 'Titre', 'Titre de PR', 'Corps', 'Message', ?, 'Camille Martin', 'camille@example.org', 1, ?, ?, 1000, ?, ?, ?, ?, 500, 900)`);
  insert.run(
    'en-attente',
    'paniers',
    'content/practices/paniers.md',
    '---\ntitre: Paniers\n---\nTexte « accentué ».\n',
    'formulaire/paniers',
    'en-cours',
    2,
    'GitHub indisponible',
    null,
    null,
    null,
  );
  insert.run(
    'ouverte',
    'cantine',
    'content/practices/cantine.md',
    '---\ntitre: Cantine\n---\n',
    'formulaire/cantine',
    'ouverte',
    1,
    null,
    12,
    'https://github.com/o/r/pull/12',
    'abc123',
  );
  db.prepare('INSERT INTO pow_used (signature, expires_at) VALUES (?, ?)').run(
    'preuve-deja-utilisee',
    8_000_000_000_000,
  );
  db.close();
  return dir;
}

function schemaOf(db: Database.Database): unknown[] {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
}

describe('migrations du schéma de la base', () => {
  const fresh = new Outbox(tempDir('essaim-neuve-'));
  const freshSchema = schemaOf(fresh.db);
  fresh.close();

  it('le schéma courant est le dernier des migrations', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  for (let version = 0; version < SCHEMA_VERSION; version++) {
    it(`depuis la version ${version} : propositions intactes, même schéma qu’une base neuve`, () => {
      const dir = databaseAt(version);
      const outbox = new Outbox(dir);
      try {
        expect(schemaVersion(outbox.db)).toBe(SCHEMA_VERSION);
        expect(schemaOf(outbox.db)).toEqual(freshSchema);
        expect(outbox.get('en-attente')).toEqual({
          id: 'en-attente',
          collection: 'practices',
          entryId: 'paniers',
          path: 'content/practices/paniers.md',
          content: '---\ntitre: Paniers\n---\nTexte « accentué ».\n',
          title: 'Titre',
          prTitle: 'Titre de PR',
          prBody: 'Corps',
          commitMessage: 'Message',
          branch: 'formulaire/paniers',
          contactName: 'Camille Martin',
          contactEmail: 'camille@example.org',
          credit: true,
          status: 'en-cours',
          attempts: 2,
          nextAttemptAt: 1000,
          lastError: 'GitHub indisponible',
          prNumber: null,
          prUrl: null,
          commit: null,
          createdAt: 500,
          updatedAt: 900,
          baseSha: null,
          baseContent: null,
          notify: false,
          prState: null,
          prReason: null,
          notifiedAt: null,
        });
        expect(outbox.get('ouverte')).toMatchObject({
          status: 'ouverte',
          prNumber: 12,
          prUrl: 'https://github.com/o/r/pull/12',
          commit: 'abc123',
        });
        // The worker finds the pending one again, a used proof stays used, the health probe writes.
        expect(outbox.due(2000, 10).map((s) => s.id)).toEqual(['en-attente']);
        expect(outbox.usePow('preuve-deja-utilisee', 8_000_000_000_000, 3000)).toBe(false);
        outbox.probeWrite();
        expect(outbox.observe()).toEqual({ pending: 1, failed: 0, oldestPendingAt: 500, lastOpenedAt: 900 });
      } finally {
        outbox.close();
      }
      // Opening again runs nothing.
      const again = new Database(path.join(dir, DATABASE_FILE));
      expect(migrate(again)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
      again.close();
    });
  }

  it('une migration qui échoue ne change rien : la base reste à sa version', () => {
    const dir = databaseAt(SCHEMA_VERSION - 1);
    const db = new Database(path.join(dir, DATABASE_FILE));
    const before = schemaOf(db);
    // Something already uses a name the last migration creates (its last index: after its other changes).
    const name = [...(MIGRATIONS.at(-1) ?? '').matchAll(/CREATE INDEX (\w+)/g)].at(-1)?.[1] ?? '';
    db.exec(`CREATE VIEW ${name} AS SELECT 1`);
    const withView = schemaOf(db);
    expect(() => migrate(db)).toThrow(`already a table named ${name}`);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION - 1);
    expect(schemaOf(db)).toEqual(withView);
    expect(withView).toHaveLength(before.length + 1);
    db.close();
  });

  it('refuse une base plus récente que le code, avec un message en français', () => {
    const dir = tempDir('essaim-future-');
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    let message = '';
    try {
      new Outbox(dir).close();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(
      message
        .replace(dir, '<donnees>')
        .replace(`schéma ${SCHEMA_VERSION + 1}`, 'schéma N+1')
        .replace(`(${SCHEMA_VERSION})`, '(N)'),
    ).toMatchInlineSnapshot(
      `"La base des propositions (<donnees>/soumissions.sqlite) est au schéma N+1, plus récent que celui que connaît cette version d’Essaim (N) : mettez Essaim à jour, ou restaurez la sauvegarde faite avant la mise à jour."`,
    );
  });
});
