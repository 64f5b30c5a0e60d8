/**
 * The deployment files and the operator's guide say what the code does: every variable the
 * configuration reads is in the guide's table with its real default, and the container image
 * runs unprivileged, keeps the database on a volume, installs production dependencies only and
 * checks its own health.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/content/paths.js';
import { loadConfig } from '../../src/server/config.js';

const read = (rel: string): string => fs.readFileSync(path.join(repoRoot, rel), 'utf8');

/** The rows of the guide's variable table: name → default cell. */
function variableTable(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of read('docs/exploitation.md').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+) \|/gm))
    rows.set(m[1]!, m[2]!.trim());
  return rows;
}

const PEM = '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----';
/** Environments that take every branch of `loadConfig` (GitHub settings are read only with an access). */
const ENVS: Record<string, string>[] = [
  {},
  { ESSAIM_REPO: 'o/r', ESSAIM_GITHUB_TOKEN: 't' },
  { ESSAIM_REPO: 'o/r', GITHUB_APP_ID: '1', GITHUB_APP_INSTALLATION_ID: '2', GITHUB_APP_PRIVATE_KEY: PEM },
  { ESSAIM_OIDC_ISSUER: 'https://idp.example.org', ESSAIM_OIDC_CLIENT_ID: 'c', ESSAIM_OIDC_CLIENT_SECRET: 's' },
];

/** The variables `loadConfig` reads, observed rather than parsed from its source. */
function variablesRead(): Set<string> {
  const seen = new Set<string>();
  for (const env of ENVS) {
    const spy = new Proxy(env, {
      get(target, key) {
        if (typeof key === 'string') seen.add(key);
        return target[key as string];
      },
    });
    loadConfig(spy);
  }
  return seen;
}

describe('tableau des variables de docs/exploitation.md', () => {
  const table = variableTable();

  it('contient chaque variable lue par la configuration du service', () => {
    const read = [...variablesRead()];
    expect(read.length).toBeGreaterThan(25);
    expect(read.filter((v) => !table.has(v))).toEqual([]);
  });

  it('ne contient que des variables lues par le code', () => {
    const fromConfig = variablesRead();
    const elsewhere = [...table.keys()].filter((v) => !fromConfig.has(v));
    // Read outside config.ts (the validators' cache); each must really be read somewhere in src/.
    expect(elsewhere).toEqual(['ESSAIM_CACHE_DIR']);
    expect(read('src/content/schemas.ts')).toContain('process.env.ESSAIM_CACHE_DIR');
  });

  it('contient chaque variable de .env.example', () => {
    const example = [...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    expect(example.length).toBeGreaterThan(20);
    expect(example.filter((v) => !table.has(v))).toEqual([]);
  });

  it('donne les vrais défauts : définir une variable à la valeur indiquée ne change rien', () => {
    let checked = 0;
    for (const [name, cell] of table) {
      const literal = /^`([^`]*)`$/.exec(cell)?.[1];
      if (literal === undefined) continue;
      const base = ENVS[1]!; // with a GitHub access, so that the GitHub settings are read too
      expect({ name, config: loadConfig({ ...base, [name]: literal }) }).toEqual({ name, config: loadConfig(base) });
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('« aucun » veut dire : rien de configuré quand la variable est absente', () => {
    const none = [...table].filter(([, cell]) => cell === '*(aucun)*' || cell === '*(aucune)*').map(([name]) => name);
    expect(none).toContain('ESSAIM_METRICS_TOKEN');
    const config = loadConfig({});
    expect(config.github).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
    expect(config.protection.altchaSecret).toBeUndefined();
    expect(config.protection.allowedOrigins).toEqual([]);
    expect(config.protection.trustProxy).toEqual([]);
  });
});

interface Stage {
  name: string;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM')
      out.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? String(out.length), instructions: [] });
    out.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return out;
}

describe('deploy/Dockerfile', () => {
  const all = stages(read('deploy/Dockerfile'));
  const final = all.at(-1)!;
  const args = (op: string): string[] => final.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('a plusieurs étapes, et l’image finale tourne sous un utilisateur non privilégié', () => {
    expect(all.length).toBeGreaterThan(1);
    const users = args('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // The user is set after the last RUN: nothing of the running service runs as root.
    const last = (op: string): number => final.instructions.map((i) => i.op).lastIndexOf(op);
    expect(last('USER')).toBeGreaterThan(last('RUN'));
  });

  it('met la base (ESSAIM_DATA_DIR) sur un volume déclaré', () => {
    const env = args('ENV').join(' ');
    const dataDir = /\bESSAIM_DATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeDefined();
    const volumes = args('VOLUME').flatMap((v) => (v.startsWith('[') ? (JSON.parse(v) as string[]) : v.split(/\s+/)));
    expect(volumes).toContain(dataDir);
  });

  it('n’installe que les dépendances de production dans l’image finale', () => {
    const copied = args('COPY').filter((c) => /node_modules/.test(c));
    expect(copied).toHaveLength(1);
    const from = /--from=(\S+)/.exec(copied[0]!)?.[1];
    const source = all.find((s) => s.name === from);
    expect(source).toBeDefined();
    const runs = source!.instructions
      .filter((i) => i.op === 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(runs).toMatch(/npm ci\b[^\n]*--omit=dev/);
    expect(args('RUN').join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('vérifie sa santé par /api/health, et lance le service', () => {
    const health = args('HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]).toMatch(/CMD .*\/api\/health/);
    expect(args('CMD').at(-1)).toContain('src/server/main.ts');
    expect(fs.existsSync(path.join(repoRoot, 'src/server/main.ts'))).toBe(true);
  });
});

describe('unités systemd', () => {
  it('le service tourne sous son utilisateur, avec sa base dans son dossier d’état', () => {
    const unit = read('deploy/essaim.service');
    expect(unit).toMatch(/^User=essaim$/m);
    expect(unit).toMatch(/^StateDirectory=essaim$/m);
    expect(unit).toMatch(/ESSAIM_DATA_DIR=\/var\/lib\/essaim/);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node --import tsx src\/server\/main\.ts$/m);
  });

  it('la sauvegarde planifiée lance la commande essaim sauvegarde', () => {
    const unit = read('deploy/essaim-sauvegarde.service');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node cli\/bin\.mjs sauvegarde \S+ --garder \d+$/m);
    expect(read('deploy/essaim-sauvegarde.timer')).toMatch(/^OnCalendar=/m);
  });
});
