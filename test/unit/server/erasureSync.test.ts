/**
 * Issue 12 §8: an erasure by the admin (`npm run admin -- erase-answers`, a separate process writing the SQLite
 * file) reaches the running server and every connected device, and the server's stored updates keep no copy of
 * the answers. A real server on 127.0.0.1, a real SQLite file, real Hocuspocus provider clients.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runAdmin } from '../../../src/server/adminCli';
import { snapshotOf } from '../../../src/server/compaction';
import type { Store } from '../../../src/server/store';
import { acknowledged, assignSession, proposal, serverSessions, waitFor } from './support';

const servers = serverSessions();

/** True when any struct of `update` is a value of participant `id` that still holds answers. */
function holdsAnswersOf(update: Uint8Array, id: string): boolean {
  return Y.decodeUpdate(update).structs.some(
    (s) =>
      s instanceof Y.Item &&
      s.content instanceof Y.ContentAny &&
      s.content.arr.some((v) => {
        const record = v as { id?: unknown; answers?: unknown } | null;
        return (
          record !== null &&
          typeof record === 'object' &&
          record.id === id &&
          Object.keys(record.answers ?? {}).length > 0
        );
      }),
  );
}

function storedAnswersOf(store: Store, sessionId: string, id: string): number {
  const rows = store.updatesFor(sessionId).filter((r) => holdsAnswersOf(r.update, id)).length;
  const snapshot = snapshotOf(store, sessionId);
  return rows + (snapshot && holdsAnswersOf(snapshot.state, id) ? 1 : 0);
}

describe('erasing answers on a running server', { timeout: 30_000 }, () => {
  it('Given a resident’s answers synced from a tablet, When the admin erases them, Then a connected device receives the erased record, a new device loads it, and no stored update holds the answers', async () => {
    const { server, dataDir, enrol, seeded, client } = await servers.start();
    const tablet = await enrol('facilitator', 'Tablet 1');
    const officer = await enrol('officer', 'Office');
    const sessionId = randomUUID();
    assignSession(server.store!, sessionId, tablet.deviceId);

    const resident = {
      id: 'r1',
      deviceId: tablet.deviceId,
      at: 1_700_000_000_000,
      language: 'en',
      hasConsented: true,
      answers: { age: '65 or over' },
      finishedAt: 1_700_000_060_000,
    };
    const { writer: a } = await seeded(tablet.token, {
      sessionId,
      write: (doc) => {
        doc.getMap('proposals').set('p1', proposal('p1', 'Youth club'));
        doc.getMap('participants').set('r1', resident);
      },
    });
    const watcher = client(sessionId, officer.token);
    await acknowledged(watcher);
    expect(watcher.doc.getMap('participants').get('r1')).toMatchObject({ answers: { age: '65 or over' } });
    expect(storedAnswersOf(server.store!, sessionId, 'r1')).toBeGreaterThan(0);

    let out = '';
    let err = '';
    const code = await runAdmin(
      ['erase-answers', '--session', sessionId, '--participant', 'r1'],
      { DATA_DIR: dataDir },
      { out: (s) => (out += s), err: (s) => (err += s) },
    );
    expect(err).toBe(`Council database: ${join(dataDir, 'codesign.sqlite')}`);
    expect(code).toBe(0);
    expect(out).toMatch(/Erased the about-you answers of 1 participant in/);

    // Both connected devices receive it (the server applies admin rows within a second).
    for (const c of [a, watcher]) {
      await waitFor(
        () =>
          (c.doc.getMap('participants').get('r1') as { answersErased?: number }).answersErased !== undefined,
        'the erased record',
      );
      expect(c.doc.getMap('participants').get('r1')).toMatchObject({
        id: 'r1',
        answers: {},
        hasConsented: true,
        finishedAt: 1_700_000_060_000,
      });
    }
    expect(storedAnswersOf(server.store!, sessionId, 'r1')).toBe(0);

    // The tablet goes on working, and a device that connects now loads the erased record.
    a.doc.getMap('proposals').set('p2', proposal('p2', 'Park benches'));
    await acknowledged(a);
    const late = client(sessionId, officer.token);
    await acknowledged(late);
    expect(late.doc.getMap('participants').get('r1')).toMatchObject({ answers: {} });
    expect([...late.doc.getMap('proposals').keys()].sort()).toEqual(['p1', 'p2']);
    expect(storedAnswersOf(server.store!, sessionId, 'r1')).toBe(0);
  });
});
