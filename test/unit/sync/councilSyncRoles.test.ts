/**
 * The app's council sync by role (issue 3): an officer device sends its proposal statuses (and only those count as
 * to send), a facilitator device receives them. Real server on 127.0.0.1 with a real SQLite file; the app's
 * documents are plain Y.Docs (the IndexedDB path is covered by councilSync.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { readRecords } from '../../../src/doc/schema';
import { startCouncilSync, type CouncilSync } from '../../../src/sync/councilSync';
import type { WriterRole } from '../../../src/sync/changeRules';
import { validSettings } from '../helpers/session';
import { enrolDevice, startTestServer, tempDir, waitFor } from '../server/support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const ctx = (deviceId: string): CommandContext => ({ deviceId, now: () => 1, newId: () => randomUUID() });

describe('council sync by role', { timeout: 30_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(): Promise<{ server: Server; dataDir: string }> {
    const t = tempDir();
    cleanup.push(t.remove);
    const server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    return { server, dataDir: t.dir };
  }

  function sync(server: Server, doc: Y.Doc, sessionId: string, token: string, role: WriterRole): CouncilSync {
    const s = startCouncilSync({
      doc,
      sessionId,
      token,
      role,
      baseUrl: server.base,
      WebSocketPolyfill: WebSocket,
      retryDelayMs: 100,
    });
    cleanup.push(() => s.destroy());
    return s;
  }

  it('Given an officer sets a status, Then its sync sends it (sent 1), the server stores it, and a facilitator receives it', async () => {
    const { server, dataDir } = await setup();
    const facilitator = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 1');
    const officer = await enrolDevice(dataDir, server.base, 'officer', 'Council office');
    const sessionId = randomUUID();

    const tablet = new Y.Doc();
    createSession(tablet, sessionId, validSettings(), ctx('tablet-1'));
    const proposalId = addProposal(
      tablet,
      { title: 'Youth club', description: 'Evenings', themeId: 'theme-young', costPence: 100, where: '' },
      null,
      ctx('tablet-1'),
    );
    const tabletSync = sync(server, tablet, sessionId, facilitator.token, 'facilitator');
    expect(await tabletSync.whenSynced()).toMatchObject({ sent: 2, received: 0 });

    const office = new Y.Doc();
    const officeSync = sync(server, office, sessionId, officer.token, 'officer');
    expect(await officeSync.whenSynced()).toMatchObject({ sent: 0, received: 2, toSend: 0, problems: [] });
    expect(readRecords(office).proposals.map((p) => p.title)).toEqual(['Youth club']);

    // The officer's decision, written as the setProposalStatus command writes it.
    office.getMap('statuses').set('s1', {
      id: 's1',
      deviceId: 'council-office',
      at: 5,
      proposalId,
      status: 'shortlisted',
      amountPence: null,
      reason: '',
    });
    await waitFor(
      () => officeSync.status.state === 'synced' && officeSync.status.sent === 1,
      'the officer sent its status',
    );
    expect(officeSync.status).toMatchObject({ toSend: 0, failure: null });
    expect(server.store!.updatesFor(sessionId).some((u) => u.deviceId === officer.deviceId)).toBe(true);

    await waitFor(() => tablet.getMap('statuses').has('s1'), 'the facilitator receives the status');
    await waitFor(() => tabletSync.status.received === 1, 'the facilitator counts one received');
    expect(tabletSync.status).toMatchObject({ toSend: 0, state: 'synced' });
    expect(readRecords(tablet).statuses).toEqual([
      expect.objectContaining({ id: 's1', status: 'shortlisted' }),
    ]);
  });

  it('Given a facilitator holds a status the server lacks, Then it is not counted as to send, and the server refuses it and stores nothing', async () => {
    const { server, dataDir } = await setup();
    const facilitator = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 1');
    const sessionId = randomUUID();
    const doc = new Y.Doc();
    createSession(doc, sessionId, validSettings(), ctx('tablet-1'));
    // A status written on a facilitator device (statuses are the council's decision).
    doc.getMap('statuses').set('s1', {
      id: 's1',
      deviceId: 'tablet-1',
      at: 5,
      proposalId: 'p1',
      status: 'funded',
      amountPence: 100,
      reason: '',
    });
    const s = sync(server, doc, sessionId, facilitator.token, 'facilitator');
    // The settings edit is this device's to send; the status is not.
    expect(s.status.toSend).toBe(1);
    await waitFor(() => s.status.state === 'failed', 'the server refuses the update');
    expect(s.status.failure).toBe('rejected');
    expect(server.store!.updatesFor(sessionId)).toHaveLength(0);
  });

  it('Given a facilitator device the council has not given a session to, When it syncs that session, Then it fails as notAssigned and receives nothing', async () => {
    const { server, dataDir } = await setup();
    const owner = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 1');
    const other = await enrolDevice(dataDir, server.base, 'facilitator', 'Tablet 2');
    const sessionId = randomUUID();
    const tablet = new Y.Doc();
    createSession(tablet, sessionId, validSettings(), ctx('tablet-1'));
    expect(await sync(server, tablet, sessionId, owner.token, 'facilitator').whenSynced()).toMatchObject({
      sent: 1,
    });

    const stranger = new Y.Doc();
    const s = sync(server, stranger, sessionId, other.token, 'facilitator');
    await expect(s.whenSynced()).rejects.toMatchObject({ reason: 'notAssigned' });
    expect(s.status).toMatchObject({ state: 'failed', failure: 'notAssigned', received: 0 });
    expect(readRecords(stranger).settingsEdits).toEqual([]);
  });
});
