import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../src/server/store';
import {
  acknowledged,
  connect,
  enrolDevice,
  proposal,
  spawnServer,
  seedSession,
  tempDir,
  waitFor,
  type ChildServer,
  type Client,
} from './support';

describe('durability: an acknowledged update survives kill -9', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0).reverse()) f();
  });

  it('Given a device wrote records and the server acknowledged them, When the server is killed with SIGKILL and restarted, Then a fresh client reads every record', async () => {
    const data = tempDir();
    cleanup.push(data.remove);
    const dataDir = join(data.dir, 'nested', 'data');
    let server: ChildServer = await spawnServer(dataDir);
    cleanup.push(() => server.child.kill('SIGKILL'));
    expect(existsSync(join(dataDir, DB_FILE))).toBe(true);

    const device = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 3');
    const sessionId = randomUUID();
    const writer: Client = connect(server.url, sessionId, device.token);
    cleanup.push(writer.destroy);
    await acknowledged(writer);

    seedSession(writer.doc, sessionId);
    const proposals = writer.doc.getMap('proposals');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = randomUUID();
      ids.push(id);
      proposals.set(id, proposal(id, `Idea ${i}`));
    }
    writer.doc.transact(() => {
      for (let i = 50; i < 120; i++) {
        const id = randomUUID();
        ids.push(id);
        proposals.set(id, proposal(id, `Idea ${i}`));
      }
    });
    await acknowledged(writer);

    server.child.kill('SIGKILL');
    expect(await server.exited).toBeNull();
    writer.destroy();

    server = await spawnServer(dataDir);
    const reader = connect(server.url, sessionId, device.token);
    cleanup.push(reader.destroy);
    await acknowledged(reader);
    const read = reader.doc.getMap('proposals');
    await waitFor(() => read.size === ids.length, 'every record');
    for (const id of ids) expect(read.get(id)).toMatchObject({ id });
    const health = (await (await fetch(`${server.base}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', documents: 1, connections: 1 });
  }, 60_000);
});
