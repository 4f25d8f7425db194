/**
 * One server per data folder (dataDirLock.ts), from an admin who started the council server twice by mistake (a
 * systemd unit, then `PORT=8081 npm start` in a terminal): the second one started without a word, both opened the
 * same SQLite file, devices on one did not see the other's changes live, and the archive jobs could run twice.
 * Real server processes on 127.0.0.1, a real SQLite file in a temp dir; the admin commands as `npm run admin` runs
 * them, beside the server, as the guide says they may.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../../src/server/dataDirLock';
import { DB_FILE } from '../../../src/server/store';
import {
  acknowledged,
  connect,
  enrolDevice,
  PROJECT_DIR,
  seedSession,
  spawnServer,
  startTestServer,
  tempDir,
  type ChildServer,
} from './support';

const run = promisify(execFile);

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function dataFolder(): string {
  const t = tempDir('codesign-one-server-');
  cleanup.push(t.remove);
  return join(t.dir, 'data');
}

async function serverOn(dataDir: string): Promise<ChildServer> {
  const server = await spawnServer(dataDir);
  cleanup.push(() => void server.child.kill('SIGKILL'));
  return server;
}

interface SecondStart {
  /** The exit code, or 'listening' when it started serving (it is then killed). */
  outcome: number | null | 'listening';
  stderr: string;
}

/**
 * Starts `script` (serve.ts as `npm run server`, start.ts as `npm start`) on `dataDir` and another port, and waits
 * for it to end or to say it is listening.
 */
function startAnother(script: string, dataDir: string): Promise<SecondStart> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanup.push(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (/"event":"listening"|is running at/.test(line)) {
        child.kill('SIGKILL');
        resolve({ outcome: 'listening', stderr });
      }
    });
    child.once('exit', (code) => resolve({ outcome: code, stderr }));
  });
}

/** A hash of the bytes of each of these files in the folder (those that are there). */
function contents(dir: string, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names
      .filter((name) => existsSync(join(dir, name)))
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

const inUse = (folder: string, pid: number | undefined): string =>
  `Cannot start: The data folder ${folder} is already in use by another server (process ${pid}): stop that one first, or set DATA_DIR to another folder.`;

async function healthy(server: { base: string }): Promise<string> {
  const res = await fetch(`${server.base}/api/health`);
  return ((await res.json()) as { status: string }).status;
}

/** The status of an enrolled device's GET /api/sessions: 200 when the server knows its token. */
async function sessionsListed(server: { base: string }, token: string): Promise<number> {
  const res = await fetch(`${server.base}/api/sessions`, { headers: { Authorization: `Bearer ${token}` } });
  return res.status;
}

describe('a second server on the same data folder is refused', { timeout: 60_000 }, () => {
  it('Given a server running on a data folder, When a second one is started on it on another port, Then it exits 1 with one sentence naming the folder and the process, stored data unchanged, and the first goes on', async () => {
    const dataDir = dataFolder();
    const first = await serverOn(dataDir);
    const { token } = await enrolDevice(dataDir, first.base, 'facilitator', 'Tablet 3');
    const files = readdirSync(dataDir);
    const stored = [DB_FILE, `${DB_FILE}-wal`, 'server.lock'];
    const before = contents(dataDir, stored);

    const second = await startAnother('src/server/serve.ts', dataDir);

    expect(second.outcome).toBe(1);
    expect(second.stderr.trim()).toBe(inUse(dataDir, first.child.pid));
    expect(readdirSync(dataDir).sort()).toEqual(files.sort());
    expect(contents(dataDir, stored)).toEqual(before);
    expect(await healthy(first)).toBe('ok');
    expect(await sessionsListed(first, token)).toBe(200);
  });

  it('Given a server running on a data folder, When `npm start` is run on it too, Then it is refused the same way before it builds anything', async () => {
    const dataDir = dataFolder();
    const first = await serverOn(dataDir);

    const second = await startAnother('src/server/start.ts', dataDir);

    expect(second.outcome).toBe(1);
    expect(second.stderr.trim()).toBe(inUse(dataDir, first.child.pid));
    expect(await healthy(first)).toBe('ok');
  });

  it('Given a server that was killed with SIGKILL (as by a crash or a power cut), When a server is started on its folder, Then it starts and knows the devices enrolled before', async () => {
    const dataDir = dataFolder();
    const first = await serverOn(dataDir);
    const { token } = await enrolDevice(dataDir, first.base, 'facilitator', 'Tablet 3');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const next = await serverOn(dataDir);

    expect(await healthy(next)).toBe('ok');
    expect(await sessionsListed(next, token)).toBe(200);
  });

  it('Given a server in this process holds the folder, When another is started in this process or in another, Then both are refused; once it closes, a server starts there', async () => {
    const dataDir = dataFolder();
    const first = await startTestServer(dataDir);
    cleanup.push(() => first.close());

    const again = startTestServer(dataDir);
    await expect(again).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(again).rejects.toMatchObject({ folder: dataDir, holder: { pid: process.pid } });
    // The refusal in this process did not let go of the lock for the others.
    const other = await startAnother('src/server/serve.ts', dataDir);
    expect(other.outcome).toBe(1);
    expect(other.stderr.trim()).toBe(inUse(dataDir, process.pid));

    await first.close();
    const next = await startTestServer(dataDir);
    cleanup.push(() => next.close());
    expect(await healthy(next)).toBe('ok');
  });
});

describe('two servers started at the same moment', { timeout: 60_000 }, () => {
  /**
   * Another process reading who holds the folder, as a server refused a moment ago does (readHolder), for
   * `holdMs` after it says it is reading: its read lock is what the winner's commit met.
   */
  function readerOf(lockFile: string, holdMs: number): Promise<{ done: Promise<void> }> {
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(lockFile)}, { timeout: 0 });
      db.exec('BEGIN');
      db.prepare('SELECT pid, host FROM holder').all();
      console.log('reading');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});
    `;
    const child = spawn(process.execPath, ['-e', script], { cwd: PROJECT_DIR });
    const done = new Promise<void>((resolveDone) => child.once('exit', () => resolveDone()));
    cleanup.push(() => void child.kill('SIGKILL'));
    return new Promise((resolveReading, reject) => {
      createInterface({ input: child.stdout }).once('line', () => resolveReading({ done }));
      child.once('exit', (code) => reject(new Error(`the reader ended (${code}) before reading`)));
    });
  }

  it('Given a refused server reading who holds the folder just as the winner writes itself in, When the winner commits, Then it waits for that read and starts, not refused as well (a review saw neither start in 4 of 40 starts at the same instant)', async () => {
    const dataDir = dataFolder();
    lockDataDir(dataDir).release(); // a folder a server used before: the file and its table are there
    const reader = await readerOf(join(dataDir, LOCK_FILE), 500);

    const lock = lockDataDir(dataDir);
    cleanup.push(() => lock.release());
    await reader.done;
    const other = await startAnother('src/server/serve.ts', dataDir);
    expect(other.outcome).toBe(1);
    expect(other.stderr.trim()).toBe(inUse(dataDir, process.pid));
  });
});

describe('the admin commands still run beside the server', { timeout: 60_000 }, () => {
  const admin = async (dataDir: string, ...argv: string[]): Promise<string> =>
    (
      await run(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', ...argv], {
        cwd: PROJECT_DIR,
        env: { ...process.env, DATA_DIR: dataDir },
      })
    ).stdout;

  it('Given a server running, When the admin enrols a device, lists devices, looks for turns, erases old answers, backs up and exports a session, Then each works and the server takes the new code', async () => {
    const dataDir = dataFolder();
    const server = await serverOn(dataDir);

    const { code } = JSON.parse(
      await admin(dataDir, 'enrol', '--role', 'facilitator', '--name', 'Tablet 7', '--json'),
    ) as { code: string };
    const enrolled = await fetch(`${server.base}/api/enrol`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'Tablet 7' }),
    });
    expect(enrolled.status).toBe(200);
    const { token } = (await enrolled.json()) as { token: string };
    const sessionId = randomUUID();
    const tablet = connect(server.url, sessionId, token);
    cleanup.push(tablet.destroy);
    await acknowledged(tablet);
    seedSession(tablet.doc, sessionId, 'Ashfield spring');
    await acknowledged(tablet);

    expect(await admin(dataDir, 'devices')).toContain('Tablet 7');
    expect(await admin(dataDir, 'participants', '--session', sessionId)).toContain(sessionId);
    await admin(dataDir, 'erase-answers', '--older-than', '30');
    const backup = join(dataDir, '..', 'codesign-backup.sqlite');
    await admin(dataDir, 'backup', backup);
    expect(statSync(backup).size).toBeGreaterThan(0);
    const exported = join(dataDir, '..', 'session.json');
    await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/export.ts', '--session', sessionId, '--format', 'json', '--out', exported],
      { cwd: PROJECT_DIR, env: { ...process.env, DATA_DIR: dataDir } },
    );
    expect(readFileSync(exported, 'utf8')).toContain('Ashfield spring');

    expect(await healthy(server)).toBe('ok');
  });
});
