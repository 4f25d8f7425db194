/**
 * Session summaries (title, neighbourhood: who may open a session, what GET /api/sessions lists) during a burst of
 * sign-ins (issue 12 §10). A session the server has open is read from its live document; before, every write
 * to it made the next sign-in rebuild the whole session from its stored rows (tens of ms for a day's session,
 * for each device that wrote). A session nobody has open is loaded for the check, and unloaded again when the
 * device is refused. Real server on 127.0.0.1, real SQLite file, real providers.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { maps } from '../../../src/doc/schema';
import { assign } from '../../../src/server/assignments';
import { ADMIN_DEVICE } from '../../../src/server/store';
import {
  acknowledged,
  proposal,
  seedSession,
  serverSessions,
  waitFor,
  type ServerSession,
  type TestServer,
} from './support';
import { validSettings } from '../helpers/session';

describe('session summaries during sign-ins', { timeout: 30_000 }, () => {
  const servers = serverSessions();
  /** A facilitator tablet assigned the neighbourhood of validSettings() (as the admin CLI assigns). */
  async function neighbourhoodTablet(session: ServerSession, name: string): Promise<string> {
    const device = await session.enrol('facilitator', name);
    assign(session.server.store!, device.deviceId, {
      kind: 'neighbourhood',
      value: validSettings().neighbourhood,
    });
    return device.token;
  }
  const loads = (server: TestServer): number =>
    server.logs.filter((l) => l.event === 'document-loaded').length;

  it('Given a session open on the server that its facilitator keeps writing to, When tablets of its neighbourhood sign in after each write, Then no sign-in rebuilds it from its stored rows, and the listing shows its newest title', async () => {
    const session = await servers.start();
    const { server, client } = session;
    const sessionId = randomUUID();
    const facilitator = await session.enrol('facilitator', 'Office laptop');
    const writer = client(sessionId, facilitator.token, seedSession(new Y.Doc(), sessionId));
    await acknowledged(writer);

    for (let i = 1; i <= 4; i++) {
      writer.doc.getMap('proposals').set(`idea-${i}`, proposal(`idea-${i}`, `Idea ${i}`));
      await acknowledged(writer);
      const tablet = client(sessionId, await neighbourhoodTablet(session, `Tablet ${i}`));
      await acknowledged(tablet);
      expect(maps(tablet.doc).proposals.size).toBe(i);
    }
    updateSettings(
      writer.doc,
      { title: 'Ashfield spring, second evening' },
      {
        deviceId: 'test',
        now: () => 2,
        newId: () => randomUUID(),
      },
    );
    await acknowledged(writer);
    const listed = (await (
      await fetch(`${server.base}/api/sessions`, {
        headers: { Authorization: `Bearer ${facilitator.token}` },
      })
    ).json()) as { sessions: { id: string; title: string }[] };

    expect(listed.sessions.find((s) => s.id === sessionId)?.title).toBe('Ashfield spring, second evening');
    expect(server.index!.counters.rebuilt).toBe(0);
    expect(server.index!.counters.live).toBeGreaterThanOrEqual(5);
  });

  it('Given a session nobody has open, When a tablet not assigned to it signs in twice, Then it is refused both times, the session is not left open and is loaded once; a tablet of its neighbourhood then opens it', async () => {
    const session = await servers.start();
    const { server, client } = session;
    const sessionId = randomUUID();
    const facilitator = await session.enrol('facilitator', 'Office laptop');
    const writer = client(sessionId, facilitator.token, seedSession(new Y.Doc(), sessionId));
    await acknowledged(writer);
    writer.destroy();
    await waitFor(() => server.sync!.stats().documents === 0, 'the session unloaded');
    const loadsBefore = loads(server);
    const stranger = await session.enrol('facilitator', 'Another area');

    for (let attempt = 1; attempt <= 2; attempt++) {
      const refused = client(sessionId, stranger.token);
      expect(await refused.denied).toMatch(/^not-assigned/);
      refused.destroy();
      await waitFor(() => server.sync!.stats().documents === 0, 'the session unloaded after the refusal');
    }
    expect(loads(server) - loadsBefore).toBe(1);

    const tablet = client(sessionId, await neighbourhoodTablet(session, 'Tablet'));
    await acknowledged(tablet);
    expect(maps(tablet.doc).settings.size).toBeGreaterThan(0);
    expect(server.index!.counters.rebuilt).toBe(0);
  });

  it('Given an open session, When an admin row (a rollback from the admin CLI) is stored that the server has not applied yet, Then its summary is read from the stored rows, not from the live document', async () => {
    const session = await servers.start();
    const { server, client } = session;
    const sessionId = randomUUID();
    const facilitator = await session.enrol('facilitator', 'Office laptop');
    const writer = client(sessionId, facilitator.token, seedSession(new Y.Doc(), sessionId));
    await acknowledged(writer);
    expect(server.index!.get(sessionId)?.title).toBe('Ashfield spring');

    // What the admin CLI appends (another process): a change the live document has not seen yet.
    const before = Y.encodeStateVector(writer.doc);
    const edited = new Y.Doc();
    Y.applyUpdate(edited, Y.encodeStateAsUpdate(writer.doc));
    updateSettings(
      edited,
      { title: 'Renamed by the council' },
      {
        deviceId: 'admin',
        now: () => 3,
        newId: () => randomUUID(),
      },
    );
    server.store!.appendUpdate(sessionId, ADMIN_DEVICE, Y.encodeStateAsUpdate(edited, before));

    // In the same turn: the server's poll of admin rows cannot have run.
    expect(server.index!.get(sessionId)?.title).toBe('Renamed by the council');
    expect(server.index!.counters.rebuilt).toBe(1);
  });
});
