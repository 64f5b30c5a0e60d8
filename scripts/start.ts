/**
 * `npm start`: builds the portal when build/ is missing or out of date, then serves it at
 * http://localhost:3000 — through the submission service (src/server/) when it is there, so that
 * the web form works, otherwise with `docusaurus serve`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { precompress } from './precompress.js';
import { needsBuild } from './site-inputs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';

if (needsBuild(root)) {
  process.stdout.write('Construction du portail (build/ absent ou plus ancien que le contenu)…\n');
  const r = spawnSync('npx', ['--no-install', 'docusaurus', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('La construction du portail a échoué : voir les messages ci-dessus.\n');
    process.exit(r.status ?? 1);
  }
  await precompress(path.join(root, 'build'));
} else {
  process.stdout.write('build/ est à jour.\n');
}

const service = path.join(root, 'src/server/index.ts');
if (fs.existsSync(service)) {
  const { loadConfig, startServer } = (await import(
    pathToFileURL(service).href
  )) as typeof import('../src/server/index.js');
  let env: NodeJS.ProcessEnv = { ...process.env, PORT: port };
  let demo: { close(): Promise<void> } | undefined;
  if (!env.ESSAIM_OIDC_ISSUER) {
    // No identity provider configured: a local one with demo accounts, so that the professionals' space works offline.
    const { startDemoProvider, DEMO_ACCOUNTS } = await import('../src/server/pro/demo-provider.js');
    const publicUrl = (env.ESSAIM_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
    const provider = await startDemoProvider(`${publicUrl}/api/pro/retour`, Number(env.ESSAIM_OIDC_DEMO_PORT ?? 0));
    demo = provider;
    env = {
      ...env,
      ESSAIM_OIDC_ISSUER: provider.issuer,
      ESSAIM_OIDC_CLIENT_ID: provider.client.clientId,
      ESSAIM_OIDC_CLIENT_SECRET: provider.client.clientSecret,
      ESSAIM_OIDC_DEMO: '1',
      ESSAIM_MODERATEURS: env.ESSAIM_MODERATEURS ?? DEMO_ACCOUNTS.find((a) => a.id === 'nadia')?.email,
    };
    process.stdout.write(
      `Espace professionnel : fournisseur d’identité de DÉMONSTRATION (${provider.issuer}), comptes ${DEMO_ACCOUNTS.map((a) => a.given_name).join(', ')} — configurez ESSAIM_OIDC_* pour ProConnect.\n`,
    );
  }
  const server = await startServer(loadConfig(env));
  process.stdout.write(`Portail et service de propositions : ${server.url.replace('127.0.0.1', 'localhost')}\n`);
  const stop = (): void => {
    void server
      .close()
      .then(() => demo?.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const child = spawn('npx', ['--no-install', 'docusaurus', 'serve', '--port', port, '--no-open'], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
