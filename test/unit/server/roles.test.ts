/**
 * Roles on the sync server (issue 3): an officer device reads everything and writes only new proposal statuses
 * and paper ballots;
 * a facilitator device writes sessions but never a status. Real server on 127.0.0.1, real SQLite file, real
 * Hocuspocus providers.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import {
  acknowledged,
  assignSession,
  proposal,
  seedSession,
  serverSessions,
  waitFor,
  type Client,
  type ServerSession,
  type TestServer,
} from './support';

/** A status record as the officer's setProposalStatus command writes it (src/doc/recordShapes.ts `statuses`). */
function status(id: string, proposalId: string, deviceId = 'office'): Record<string, unknown> {
  return {
    id,
    deviceId,
    at: 2,
    proposalId,
    status: 'funded',
    amountPence: 90_000,
    reason: 'Approved by the ward panel',
  };
}

/** Resolves with the reason of the next CLOSE the server sends for the client's document. */
function closed(client: Client): Promise<string> {
  return new Promise((resolve) =>
    client.provider.on('close', ({ event }: { event: { reason?: unknown } }) =>
      resolve(typeof event.reason === 'string' ? event.reason : ''),
    ),
  );
}

describe('roles on the sync server', { timeout: 20_000 }, () => {
  const servers = serverSessions();

  /** A session with one proposal p1, written by an enrolled facilitator (the returned client). */
  async function seeded(session: ServerSession) {
    const facilitator = await session.enrol('facilitator', 'Tablet 1');
    const { sessionId, writer } = await session.seeded(facilitator.token, {
      write: (doc) => doc.getMap('proposals').set('p1', proposal('p1', 'Youth club')),
    });
    return { sessionId, facilitator, writer };
  }
  const live = (server: TestServer, sessionId: string): Y.Doc =>
    server.sync!.hocuspocus.documents.get(sessionId)!;
  /** The session as the server would rebuild it from SQLite. */
  const stored = (server: TestServer, sessionId: string): Y.Doc => {
    const doc = new Y.Doc();
    for (const row of server.store!.updatesFor(sessionId)) Y.applyUpdate(doc, row.update);
    return doc;
  };
  const rows = (server: TestServer, sessionId: string, deviceId?: string): number =>
    server.store!.updatesFor(sessionId).filter((u) => deviceId === undefined || u.deviceId === deviceId)
      .length;

  it('Given an officer writes a status, Then it is stored, survives a restart, and a facilitator receives it', async () => {
    const session = await servers.start();
    const { server } = session;
    const { sessionId, writer } = await seeded(session);
    const officer = await session.enrol('officer', 'Office');
    const reader = session.client(sessionId, officer.token);
    await acknowledged(reader);
    expect(reader.doc.getMap('proposals').has('p1')).toBe(true);

    reader.doc.getMap('statuses').set('s1', status('s1', 'p1'));
    await acknowledged(reader);
    expect(rows(server, sessionId, officer.deviceId)).toBeGreaterThan(0);
    expect(live(server, sessionId).getMap('statuses').get('s1')).toMatchObject({ status: 'funded' });
    // The facilitator connected before receives it live.
    await waitFor(() => writer.doc.getMap('statuses').has('s1'), 'the facilitator receives the status');

    // A restarted server rebuilds it from SQLite; a fresh facilitator connection reads it.
    writer.destroy();
    reader.destroy();
    await server.close();
    const again = await servers.start({ dataDir: session.dataDir });
    const fresh = again.client(sessionId, (await enrolFresh()).token);
    await acknowledged(fresh);
    expect(fresh.doc.getMap('statuses').get('s1')).toMatchObject({
      proposalId: 'p1',
      status: 'funded',
      amountPence: 90_000,
    });

    async function enrolFresh() {
      const device = await again.enrol('facilitator', 'Tablet 2');
      assignSession(again.server.store!, sessionId, device.deviceId);
      return device;
    }
  });

  it('Given an officer types in a paper ballot, Then it is stored; a tablet-style resident from an officer is refused', async () => {
    const session = await servers.start();
    const { server } = session;
    const { sessionId, writer } = await seeded(session);
    const officer = await session.enrol('officer', 'Office');
    const reader = session.client(sessionId, officer.token);
    await acknowledged(reader);
    const ctx = { deviceId: officer.deviceId, now: () => 5, newId: () => randomUUID() };
    const who = enterPaperBallot(reader.doc, { sheet: 12, choices: { kind: 'dots', dots: { p1: 3 } } }, ctx);
    expect(who).toBe('paper-12');
    await acknowledged(reader);
    expect(live(server, sessionId).getMap('ballots').get('paper-12')).toMatchObject({ channel: 'paper' });
    expect(stored(server, sessionId).getMap('participants').has('paper-12')).toBe(true);
    await waitFor(
      () => writer.doc.getMap('ballots').has('paper-12'),
      'the facilitator receives the paper ballot',
    );

    const before = rows(server, sessionId);
    const reason = closed(reader);
    reader.doc.getMap('participants').set('kiosk-1', {
      id: 'kiosk-1',
      deviceId: officer.deviceId,
      at: 6,
      language: 'en',
      hasConsented: true,
      answers: {},
      finishedAt: null,
    });
    expect(await reason).toMatch(/^invalid-update: participants\.kiosk-1 notAllowed; nothing was stored/);
    expect(rows(server, sessionId)).toBe(before);
  });

  it('Given an officer writes a proposal, Then it is refused in words and nothing is stored', async () => {
    const session = await servers.start();
    const { server } = session;
    const { sessionId } = await seeded(session);
    const before = rows(server, sessionId);
    const officer = await session.enrol('officer', 'Office');
    const reader = session.client(sessionId, officer.token);
    await acknowledged(reader);
    const reason = closed(reader);
    reader.doc.getMap('proposals').set('p2', proposal('p2', 'Officer idea'));
    expect(await reason).toMatch(/^invalid-update: proposals\.p2 notAllowed; nothing was stored/);
    expect(rows(server, sessionId)).toBe(before);
    expect(live(server, sessionId).getMap('proposals').has('p2')).toBe(false);
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        event: 'update-refused',
        device: officer.deviceId,
        first: 'proposals.p2 notAllowed',
      }),
    );
  });

  it('Given an officer rewrites a status or writes a status together with a comment, Then the whole update is refused', async () => {
    const session = await servers.start();
    const { server } = session;
    const { sessionId } = await seeded(session);
    const officer = await session.enrol('officer', 'Office');
    let reader = session.client(sessionId, officer.token);
    await acknowledged(reader);
    reader.doc.getMap('statuses').set('s1', status('s1', 'p1'));
    await acknowledged(reader);
    const before = rows(server, sessionId);

    let reason = closed(reader);
    reader.doc.getMap('statuses').set('s1', { ...status('s1', 'p1'), status: 'done' });
    expect(await reason).toMatch(/^invalid-update: statuses\.s1 rewritten/);
    reader.destroy();

    reader = session.client(sessionId, officer.token);
    await waitFor(() => reader.provider.isSynced, 'officer synced again');
    reason = closed(reader);
    reader.doc.transact(() => {
      reader.doc.getMap('statuses').set('s2', status('s2', 'p1'));
      reader.doc.getMap('comments').set('c1', {
        id: 'c1',
        proposalId: 'p1',
        participantId: null,
        text: 'Officer comment',
        deviceId: 'office',
        at: 3,
      });
    });
    expect(await reason).toMatch(/^invalid-update: .*notAllowed/);
    expect(rows(server, sessionId)).toBe(before);
    expect(live(server, sessionId).getMap('statuses').get('s1')).toMatchObject({ status: 'funded' });
    expect(live(server, sessionId).getMap('statuses').has('s2')).toBe(false);
  });

  it('Given a facilitator writes a status, Then it is refused and nothing is stored', async () => {
    const session = await servers.start();
    const { server } = session;
    const { sessionId, writer } = await seeded(session);
    const before = rows(server, sessionId);
    const reason = closed(writer);
    writer.doc.getMap('statuses').set('s1', status('s1', 'p1', 'tablet'));
    expect(await reason).toMatch(/^invalid-update: statuses\.s1 notAllowed; nothing was stored/);
    expect(rows(server, sessionId)).toBe(before);
    expect(stored(server, sessionId).getMap('statuses').size).toBe(0);
    expect(stored(server, sessionId).getMap('proposals').has('p1')).toBe(true);
  });

  it('Given an officer opens a session with no session in it, Then its content is refused: officers do not create sessions', async () => {
    const session = await servers.start();
    const { server } = session;
    const officer = await session.enrol('officer', 'Office');
    const sessionId = randomUUID();
    const reader = session.client(sessionId, officer.token);
    await acknowledged(reader);
    const reason = closed(reader);
    seedSession(reader.doc, sessionId);
    expect(await reason).toMatch(/^invalid-update: .*notAllowed/);
    expect(rows(server, sessionId)).toBe(0);
  });
});
