import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, Store } from '../../../src/server/store';
import { acknowledged, connect, enrolDevice, seedSession, startTestServer, tempDir } from './support';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the data directory and the database files are owner-only', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('Given a fresh DATA_DIR, When the server stores a session, Then the directory is 0700 and the database, -wal and -shm are 0600', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const dataDir = join(t.dir, 'data');
    const server = await startTestServer(dataDir);
    cleanup.push(() => server.close());
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const c = connect(server.url, sessionId, token);
    cleanup.push(c.destroy);
    seedSession(c.doc, sessionId);
    await acknowledged(c);

    const file = join(dataDir, DB_FILE);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    expect(mode(dataDir).toString(8)).toBe('700');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8)).toBe('600');
  });

  it('Given a database file left readable by everyone by an older version, When it is opened, Then it is made 0600', () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const file = join(t.dir, DB_FILE);
    Store.open(t.dir).close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const store = Store.open(t.dir);
    cleanup.push(() => store.close());
    expect(mode(file).toString(8)).toBe('600');
    expect(mode(`${file}-wal`).toString(8)).toBe('600');
  });
});
