/** The real server serving the built app on 127.0.0.1 and a free port, as `npm start` does. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer, type RunningServer } from '../../../src/server/app';

/** The build under test: dist/, or E2E_DIST (so that parallel work can test its own build). */
export const DIST = process.env.E2E_DIST
  ? resolve(process.env.E2E_DIST)
  : resolve(import.meta.dirname, '../../../dist');

export async function serveApp(port = 0): Promise<RunningServer & { url: string }> {
  if (!existsSync(resolve(DIST, 'index.html'))) {
    throw new Error('No build in dist/: run `npm run build` first (npm run test:e2e does).');
  }
  const running = await startServer({ port, host: '127.0.0.1', distDir: DIST });
  return { ...running, url: `http://127.0.0.1:${running.port}/` };
}
