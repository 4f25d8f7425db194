import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { revokeDevice } from '../../../src/server/devices';
import { validSettings } from '../helpers/session';
import { acknowledged, connect, enrolDevice, startTestServer, tempDir } from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const ctx: CommandContext = { deviceId: 'test', now: () => 1, newId: () => randomUUID() };

describe('GET /api/sessions', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(limits = {}): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, limits);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }

  const list = (server: Server, headers: Record<string, string> = {}) =>
    fetch(`${server.base}/api/sessions`, { headers });

  it('Given sessions on the server, When an enrolled device asks with its token in the Authorization header, Then it gets their ids and titles', async () => {
    const { server, dataDir } = await setup();
    const { token } = await enrolDevice(dataDir, server.base, 'facilitator');
    const sessionId = randomUUID();
    const writer = connect(server.url, sessionId, token);
    cleanup.push(writer.destroy);
    await acknowledged(writer);
    createSession(writer.doc, sessionId, validSettings({ title: 'Ashfield spring' }), ctx);
    await acknowledged(writer);
    // A document with no session in it is not listed (the server refuses content for it, so it stays empty).
    const empty = connect(server.url, randomUUID(), token);
    cleanup.push(empty.destroy);
    await acknowledged(empty);

    const officer = await enrolDevice(dataDir, server.base, 'officer', 'Office');
    for (const t of [token, officer.token]) {
      const res = await list(server, { Authorization: `Bearer ${t}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { sessions: unknown[] };
      expect(body.sessions).toEqual([
        expect.objectContaining({
          id: sessionId,
          title: 'Ashfield spring',
          neighbourhood: 'Ashfield North',
          date: '2025-04-12',
        }),
      ]);
    }
    expect(JSON.stringify(server.logs)).not.toContain(token);
  });

  it('Given no token, a wrong one, a token in the address or a revoked device, Then 401 and nothing listed', async () => {
    const { server, dataDir } = await setup();
    const device = await enrolDevice(dataDir, server.base, 'facilitator');
    expect((await list(server)).status).toBe(401);
    expect((await list(server, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${server.base}/api/sessions?token=${device.token}`)).status).toBe(401);
    revokeDevice(server.store!, device.deviceId);
    const res = await list(server, { Authorization: `Bearer ${device.token}` });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/^unauthorized/);
  });

  it('Given repeated failures from one address, Then it is refused for a while', async () => {
    const { server } = await setup({ maxAuthFailures: 2 });
    await list(server, { Authorization: 'Bearer a' });
    await list(server, { Authorization: 'Bearer b' });
    expect((await list(server, { Authorization: 'Bearer c' })).status).toBe(429);
  });

  it('Given another method, Then 405', async () => {
    const { server } = await setup();
    expect((await fetch(`${server.base}/api/sessions`, { method: 'POST' })).status).toBe(405);
  });
});
