/**
 * `npm start`: build the app if needed, then serve it (and, from the sync issue on, the council sync server)
 * on one port: PORT, default 8080.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { readConfig } from './config';
import { lockDataDir } from './dataDirLock';
import { startServer } from './app';
import { isBuildStale } from './build';
import { cannotStart } from './startProblem';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = join(projectDir, 'dist');

async function main(): Promise<void> {
  const config = readConfig(process.env, distDir);
  // Before the build: a second `npm start` on the folder is refused at once, not after rebuilding the app that
  // the first one serves.
  const dataDirLock = lockDataDir(config.dataDir);
  if (isBuildStale(projectDir, distDir)) {
    console.log('Building the app (first start, or the sources changed)…');
    const { build } = await import('vite');
    await build({ root: projectDir, logLevel: 'warn' });
  }
  const running = await startServer({ ...config, dataDirLock });
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(
    `Neighbourhood Co-design is running at http://${shown}:${running.port}/ (data in ${config.dataDir})`,
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
