/**
 * Issue 12 §6, nothing but the schema, on a real server with real Hocuspocus providers: an enrolled device that
 * writes an unknown top-level map, a list under `proposals`, text under `meta` or a nested shared type inside a
 * record is refused in words, nothing is stored, and the session goes on working for everyone else. Before the
 * check, each of these was stored and synced to every device.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acknowledged,
  assignSession,
  proposal,
  serverSessions,
  waitFor,
  type Client,
  type ServerSession,
} from './support';

describe('the server stores nothing but the schema', { timeout: 30_000 }, () => {
  const servers = serverSessions();

  async function setup(): Promise<ServerSession & { sessionId: string; owner: Client; badToken: string }> {
    const session = await servers.start();
    const first = await session.enrol('facilitator', 'Tablet 1');
    const second = await session.enrol('facilitator', 'Tablet 2');
    const sessionId = randomUUID();
    assignSession(session.server.store!, sessionId, second.deviceId);
    const { writer: owner } = await session.seeded(first.token, {
      sessionId,
      write: (doc) =>
        doc.getMap('proposals').set('p1', { ...proposal('p1', 'Youth club'), deviceId: 'tablet-1' }),
    });
    return { ...session, sessionId, owner, badToken: second.token };
  }

  const cases: [string, (doc: Y.Doc) => void, RegExp][] = [
    [
      'an unknown top-level map of 1.5 MB',
      (doc) => doc.getMap('junk').set('k', 'x'.repeat(1_500_000)),
      /junk\.k unknownMap/,
    ],
    [
      'a list under proposals',
      (doc) => doc.getArray('proposals').push([{ id: 'p2' }]),
      /proposals notAMapEntry/,
    ],
    ['text under meta', (doc) => doc.getText('meta').insert(0, 'hello'), /meta notAMapEntry/],
    [
      'a shared type nested in a record',
      (doc) => {
        const inner = new Y.Map<unknown>();
        inner.set('title', 'hidden');
        doc.getMap('proposals').set('p3', inner);
      },
      /proposals\.p3 notAPlainValue/,
    ],
  ];

  for (const [name, write, problem] of cases) {
    it(`Given ${name}, Then it is refused, nothing is stored, and the session goes on`, async () => {
      const { server, client, sessionId, owner, badToken } = await setup();
      const rowsBefore = server.store!.updatesFor(sessionId).length;
      const bad = client(sessionId, badToken);
      await acknowledged(bad);
      const reasons: string[] = [];
      bad.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));

      write(bad.doc);
      await waitFor(() => reasons.length > 0, 'a refusal');

      expect(reasons[0]).toMatch(/^invalid-update: /);
      expect(reasons[0]).toMatch(problem);
      expect(server.store!.updatesFor(sessionId)).toHaveLength(rowsBefore);
      const live = server.sync!.hocuspocus.documents.get(sessionId)!;
      expect([...live.share.keys()].filter((k) => !['meta', 'settings', 'proposals'].includes(k))).toEqual(
        [],
      );
      expect(server.logs.find((l) => l.event === 'update-refused')).toMatchObject({
        reason: 'invalid-update',
      });
      // Everyone else goes on: the owner's next idea is stored.
      owner.doc.getMap('proposals').set('p9', { ...proposal('p9', 'Bench'), deviceId: 'tablet-1' });
      await acknowledged(owner);
      expect(server.store!.updatesFor(sessionId)).toHaveLength(rowsBefore + 1);
    });
  }
});
