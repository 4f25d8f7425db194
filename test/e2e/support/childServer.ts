/**
 * The council server as `npm run server` runs it, in a child process of its own (node --import tsx, one process,
 * so SIGKILL hits the server itself), serving the built app on 127.0.0.1. It can be killed and started again on
 * the same port and DATA_DIR, so the browsers' origin (service worker, IndexedDB) stays the same. The admin
 * commands run as `npm run admin` does, as another process on the same SQLite file (WAL).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { DIST } from './server';

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..', '..');

const run = promisify(execFile);

/**
 * How long a child node process (the server, an admin command) may take to start: node --import tsx compiles
 * the server's modules first, which takes seconds of CPU and several times that on a shared machine under load.
 * Generous: a process that is up answers at once; one that failed says so before this ends.
 */
const CHILD_START_MS = 90_000;

/** A port nobody listens on right now: bound on 127.0.0.1 by the system, then released. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface ChildAppServer {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** What the server wrote (stdout lines and stderr), for failure messages. */
  output: string[];
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
}

/** Starts `src/server/serve.ts` with PORT, HOST=127.0.0.1 and DATA_DIR; resolves once it says it is listening. */
export async function startChildServer(port: number, dataDir: string): Promise<ChildAppServer> {
  if (!existsSync(resolve(DIST, 'index.html'))) {
    throw new Error('No build in dist/: run `npm run build` first (npm run test:e2e does).');
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/serve.ts'], {
    cwd: PROJECT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: DIST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const listening = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start: ${output.join('\n')}`)),
      CHILD_START_MS,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      try {
        const parsed = JSON.parse(line) as { event?: string; port?: number };
        if (parsed.event === 'listening' && typeof parsed.port === 'number') {
          clearTimeout(timer);
          resolvePort(parsed.port);
        }
      } catch {
        // a line that is not JSON: kept in output
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}): ${output.join('\n')}`));
    });
  });
  return { child, port: listening, url: `http://127.0.0.1:${listening}/`, output, exited };
}

/** SIGKILL, as a crash or `kill -9`: resolves with the exit code (null: ended by the signal). */
export async function killChildServer(server: ChildAppServer): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  return server.exited;
}

/** `npm run admin -- <args>` on DATA_DIR, as a separate process; resolves with what it printed. */
export async function admin(dataDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', ...args], {
    cwd: PROJECT_DIR,
    env: { ...process.env, DATA_DIR: dataDir },
    timeout: CHILD_START_MS,
  });
  return stdout;
}

/** A one-time enrolment code from `admin enrol --json`. */
export async function enrolCode(
  dataDir: string,
  role: 'facilitator' | 'officer',
  name: string,
): Promise<string> {
  const printed = await admin(dataDir, 'enrol', '--role', role, '--name', name, '--json');
  const { code } = JSON.parse(printed) as { code: string };
  return code;
}

export interface AdminDevice {
  id: string;
  name: string;
  role: string;
  revokedAt: string | null;
}

/** `admin devices --json`. */
export async function adminDevices(dataDir: string): Promise<AdminDevice[]> {
  return JSON.parse(await admin(dataDir, 'devices', '--json')) as AdminDevice[];
}
