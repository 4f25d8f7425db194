/**
 * Issue 12 §8: an erasure by the admin (`npm run admin -- erase-answers`, a separate process writing the SQLite
 * file) reaches the running server and every connected device, and the server's stored updates keep no copy of
 * the answers. A real server on 127.0.0.1, a real SQLite file, real Hocuspocus provider clients.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runAdmin } from '../../../src/server/adminCli';
import { snapshotOf } from '../../../src/server/compaction';
import { admitFromCouncil } from '../../../src/sync/councilGate';
import type { Store } from '../../../src/server/store';
import {
  acknowledged,
  adminOn,
  assignSession,
  proposal,
  serverSessions,
  storedDoc,
  waitFor,
} from './support';

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

/** Resident r1's record, as an older app wrote it on `deviceId` (unsigned), with an about-you answer. */
function residentOf(deviceId: string): Record<string, unknown> {
  return {
    id: 'r1',
    deviceId,
    at: 1_700_000_000_000,
    language: 'en',
    hasConsented: true,
    answers: { age: '65 or over' },
    finishedAt: 1_700_000_060_000,
  };
}

describe('erasing answers on a running server', { timeout: 30_000 }, () => {
  it('Given a resident’s answers synced from a tablet, When the admin erases them, Then a connected device receives the erased record, a new device loads it, and no stored update holds the answers', async () => {
    const { server, dataDir, enrol, seeded, client } = await servers.start();
    const tablet = await enrol('facilitator', 'Tablet 1');
    const officer = await enrol('officer', 'Office');
    const sessionId = randomUUID();
    assignSession(server.store!, sessionId, tablet.deviceId);

    const resident = residentOf(tablet.deviceId);
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

  /**
   * A tablet's resident erased, a backup from before the erasure restored, and the erasure made again, before the
   * server starts (as the admin guide says) or after (then the tablet's first sync is refused). The tablet, offline
   * since the first erasure, added an idea and syncs its whole document, the first erasure included.
   */
  async function restoredBeforeErasure(erasesAgain: 'before starting' | 'after starting'): Promise<void> {
    const first = await servers.start();
    const { dataDir } = first;
    const tablet = await first.enrol('facilitator', 'Tablet 1');
    const sessionId = randomUUID();
    assignSession(first.server.store!, sessionId, tablet.deviceId);
    const { writer } = await first.seeded(tablet.token, {
      sessionId,
      write: (doc) => {
        doc.getMap('proposals').set('p1', proposal('p1', 'Youth club'));
        doc.getMap('participants').set('r1', residentOf(tablet.deviceId));
      },
    });
    const erase = async (): Promise<void> => {
      const { code } = await adminOn(dataDir, 'erase-answers', '--session', sessionId, '--participant', 'r1');
      expect(code).toBe(0);
    };
    const backup = join(dataDir, 'before-erasure.sqlite');
    expect((await adminOn(dataDir, 'backup', backup)).code).toBe(0);
    await erase();
    const onTablet = (): { answersErased?: number } =>
      writer.doc.getMap('participants').get('r1') as { answersErased?: number };
    await waitFor(() => onTablet().answersErased !== undefined, 'the erasure');
    const tabletDoc = writer.doc;
    writer.destroy();
    await first.server.close();

    const live = join(dataDir, 'codesign.sqlite');
    rmSync(`${live}-wal`, { force: true });
    rmSync(`${live}-shm`, { force: true });
    copyFileSync(backup, live);
    if (erasesAgain === 'before starting') await erase();
    const again = await servers.start({ dataDir });

    tabletDoc.getMap('proposals').set('p2', proposal('p2', 'Park benches'));
    const asTheTabletHadIt = new Y.Doc();
    Y.applyUpdate(asTheTabletHadIt, Y.encodeStateAsUpdate(tabletDoc));
    if (erasesAgain === 'after starting') {
      // A device may not erase answers: the restored server refuses the tablet's update until the admin erases.
      const refused = again.client(sessionId, tablet.token, tabletDoc);
      await waitFor(() => again.server.logs.some((l) => l.event === 'update-refused'), 'the refusal');
      refused.destroy();
      await erase();
      again.server.logs.length = 0;
    }
    const back = again.client(sessionId, tablet.token, tabletDoc);
    await acknowledged(back);

    expect(again.server.logs.filter((l) => l.event === 'update-refused')).toEqual([]);
    const council = storedDoc(again.server.store!, sessionId);
    expect([...council.getMap('proposals').keys()].sort()).toEqual(['p1', 'p2']);
    const r1 = council.getMap('participants').get('r1');
    expect(r1).toMatchObject({ id: 'r1', answers: {}, hasConsented: true });
    expect(typeof (r1 as { answersErased?: unknown }).answersErased).toBe('number');
    expect(back.doc.getMap('participants').get('r1')).toEqual(r1);
    expect(storedAnswersOf(again.server.store!, sessionId, 'r1')).toBe(0);
    // The two erasures have different writers, and which one a merge shows depends on their ids: one side sees an
    // erased record replaced by the other erasure. The council took the tablet's (above); the app's own check of
    // what the council sends (src/sync/councilGate.ts) must take the council's.
    expect(admitFromCouncil(asTheTabletHadIt, council, sessionId).problems).toEqual([]);
  }

  it('Given a backup from before an erasure restored and the erasure made again, When a tablet that had the first erasure syncs, Then its work is taken and both copies of the erased record agree', async () => {
    await restoredBeforeErasure('before starting');
  });

  it('Given the same, with the server started before erasing again, When the tablet syncs, Then it is refused until the erasure is made again, and then its work is taken', async () => {
    await restoredBeforeErasure('after starting');
  });
});
