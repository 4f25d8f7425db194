/**
 * `npm run server`: the council sync server alone (no build step). It still serves dist/ when a build is there.
 * Prints one JSON line {"event":"listening","port":N} once it accepts connections (PORT=0 picks a free port).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './app';
import { readConfig } from './config';
import { cannotStart } from './startProblem';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const config = readConfig(process.env, process.env.DIST_DIR?.trim() || join(projectDir, 'dist'));
  const running = await startServer(config);
  process.stdout.write(
    JSON.stringify({ event: 'listening', port: running.port, host: config.host, dataDir: config.dataDir }) +
      '\n',
  );
  const stop = (): void => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// process.stderr, not console.error: a server that failed while starting may still route console.error into its
// log as a `library-error` line (log.ts), which the guide calls a bug to report.
const say = (text: string): void => void process.stderr.write(`${text}\n`);

main().catch((e: unknown) => {
  say(cannotStart(e, process.env));
  process.exit(1);
});
