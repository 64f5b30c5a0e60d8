/**
 * `tsx src/server/main.ts`: the service alone, configured by environment variables (`.env.example`).
 */
import { UsageError } from '../content/problems.js';
import { loadConfig, startServer } from './index.js';

try {
  const server = await startServer(loadConfig(process.env));
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`ESSAIM_SERVICE_URL=${server.url}\n`);
} catch (error) {
  process.stderr.write(
    `${error instanceof UsageError ? error.message : String(error instanceof Error ? error.stack : error)}\n`,
  );
  process.exitCode = 2;
}
