/**
 * Revocation reaches open connections (issue 3): the admin CLI (its own SQLite connection, as from another
 * process) revokes a device while its provider is connected; the server closes that socket with a reason the app
 * words as "removed from the council's list", applies nothing it sends afterwards, and refuses it from then on.
 * Real server on 127.0.0.1, real SQLite file, real Hocuspocus providers.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { runAdmin } from '../../../src/server/adminCli';
import type { Limits } from '../../../src/server/limits';
import { startCouncilSync } from '../../../src/sync/councilSync';
import { SYNC_STATES } from '../../../src/sync/syncStates';
import {
  acknowledged,
  enrolDevice,
  proposal,
  seedSession,
  startTestServer,
  tempDir,
  waitFor,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

interface Watched {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Every close of the socket: code and reason. */
  closes: { code: number; reason: string }[];
  denied: string[];
}

describe('revoking a device with open connections', { timeout: 30_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(limits: Partial<Limits> = {}): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir, limits);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }

  function watch(server: Server, sessionId: string, token: string): Watched {
    const closes: Watched['closes'] = [];
    const denied: string[] = [];
    const socket = new HocuspocusProviderWebsocket({
      url: server.url,
      WebSocketPolyfill: WebSocket,
      delay: 100,
      minDelay: 100,
    });
    socket.on('close', ({ event }: { event: { code: number; reason: unknown } }) =>
      closes.push({ code: event.code, reason: typeof event.reason === 'string' ? event.reason : '' }),
    );
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: sessionId,
      token,
      document: doc,
      onAuthenticationFailed: ({ reason }) => denied.push(reason),
    });
    provider.attach();
    cleanup.push(() => {
      provider.destroy();
      socket.destroy();
    });
    return { doc, provider, closes, denied };
  }

  /** `npm run admin -- revoke <id>`: its own connection to the SQLite file, like the CLI process. */
  async function revokeWithCli(dataDir: string, deviceId: string): Promise<void> {
    const code = await runAdmin(
      ['revoke', deviceId],
      { DATA_DIR: dataDir },
      { out: () => undefined, err: () => undefined },
    );
    expect(code).toBe(0);
  }

  async function session(server: Server, token: string): Promise<{ sessionId: string; tablet: Watched }> {
    const sessionId = randomUUID();
    const tablet = watch(server, sessionId, token);
    await acknowledged({ ...tablet, denied: Promise.resolve(''), destroy: () => undefined });
    seedSession(tablet.doc, sessionId);
    await acknowledged({ ...tablet, denied: Promise.resolve(''), destroy: () => undefined });
    return { sessionId, tablet };
  }

  it('Given a connected device is revoked by the admin CLI, Then its socket is closed as revoked, nothing it sends is stored, and it cannot reconnect', async () => {
    const { server, dataDir } = await setup({ revocationPollMs: 200 });
    const device = await enrolDevice(dataDir, server.base, 'facilitator', 'Lost tablet');
    const { sessionId, tablet } = await session(server, device.token);
    const stored = server.store!.updatesFor(sessionId).length;

    await revokeWithCli(dataDir, device.deviceId);
    await waitFor(() => tablet.closes.length > 0, 'the server closes the revoked socket');
    expect(tablet.closes[0]).toEqual({ code: 4401, reason: expect.stringMatching(/^revoked/) as unknown });
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'socket-closed', device: device.deviceId, reason: 'revoked' }),
    );

    tablet.doc.getMap('proposals').set('late', proposal('late', 'Written after revocation'));
    await waitFor(() => tablet.denied.length > 0, 'the reconnection is refused');
    expect(tablet.denied[0]).toMatch(/revoked/);
    expect(server.store!.updatesFor(sessionId)).toHaveLength(stored);
  });

  it('Given a device revoked between two checks, When it sends a message, Then the message is refused before it is applied', async () => {
    // The interval is out of the way: only the check of each incoming message can catch it.
    const { server, dataDir } = await setup({ revocationPollMs: 600_000 });
    const device = await enrolDevice(dataDir, server.base, 'facilitator', 'Lost tablet');
    const { sessionId, tablet } = await session(server, device.token);
    const stored = server.store!.updatesFor(sessionId).length;

    await revokeWithCli(dataDir, device.deviceId);
    tablet.doc.getMap('proposals').set('late', proposal('late', 'Written after revocation'));
    await waitFor(() => tablet.closes.length > 0, 'the server closes the revoked socket');
    expect(tablet.closes[0]).toMatchObject({ code: 4401 });
    expect(server.store!.updatesFor(sessionId)).toHaveLength(stored);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ event: 'message-refused', device: device.deviceId, reason: 'revoked' }),
    );
  });

  it('Given the app is syncing when its device is revoked, Then its sync fails with the reason refused', async () => {
    const { server, dataDir } = await setup({ revocationPollMs: 200 });
    const device = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 3');
    const sessionId = randomUUID();
    const doc = new Y.Doc();
    seedSession(doc, sessionId);
    const sync = startCouncilSync({
      doc,
      sessionId,
      token: device.token,
      baseUrl: server.base,
      role: 'facilitator',
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
    });
    cleanup.push(() => sync.destroy());
    await sync.whenSynced();
    await revokeWithCli(dataDir, device.deviceId);
    await waitFor(() => sync.status.state === SYNC_STATES.failed, 'the sync fails');
    expect(sync.status).toMatchObject({ state: SYNC_STATES.failed, failure: 'refused' });
  });
});
