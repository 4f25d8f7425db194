/**
 * `npm start`: build the app if needed, then serve it (and, from the sync issue on, the council sync server)
 * on one port: PORT, default 8080.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, readConfig } from './config';
import { startServer } from './app';
import { isBuildStale } from './build';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = join(projectDir, 'dist');

async function main(): Promise<void> {
  const config = readConfig(process.env, distDir);
  if (isBuildStale(projectDir, distDir)) {
    console.log('Building the app (first start, or the sources changed)…');
    const { build } = await import('vite');
    await build({ root: projectDir, logLevel: 'warn' });
  }
  const running = await startServer(config);
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(
    `Neighbourhood Co-design is running at http://${shown}:${running.port}/ (data in ${config.dataDir})`,
  );
  const stop = (): void => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(`Cannot start: ${e.message}`);
  else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `Cannot start: port ${process.env.PORT ?? 8080} is already in use. Set PORT to a free port.`,
    );
  } else console.error('Cannot start:', e);
  process.exit(1);
});
