import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Store } from '../../../src/server/store';
import {
  acknowledged,
  connect,
  assignSession,
  enrolDevice,
  proposal,
  startTestServer,
  seedSession,
  tempDir,
  waitFor,
  type Client,
  adminOn as admin,
} from './support';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('archive and rollback of a bad device', { timeout: 20_000 }, () => {
  const cleanup: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('Given a device that added, overwrote and deleted records, When the admin rolls it back, Then every connected client and a restarted server see only the others’ work', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    let server: Server = await startTestServer(t.dir);
    cleanup.push(() => server.close());
    const client = (token: string, sessionId: string): Client => {
      const c = connect(server.url, sessionId, token);
      cleanup.push(c.destroy);
      return c;
    };
    const good = await enrolDevice(t.dir, server.base, 'facilitator', 'Good tablet');
    const bad = await enrolDevice(t.dir, server.base, 'facilitator', 'Bad tablet');
    const officer = await enrolDevice(t.dir, server.base, 'officer', 'Office');
    const sessionId = randomUUID();
    const otherSession = randomUUID();
    assignSession(server.store!, sessionId, bad.deviceId);
    assignSession(server.store!, otherSession, good.deviceId);

    let a = client(good.token, sessionId);
    await acknowledged(a);
    seedSession(a.doc, sessionId);
    let proposals = a.doc.getMap<Record<string, unknown>>('proposals');
    proposals.set('p1', proposal('p1', 'Youth club'));
    proposals.set('p2', proposal('p2', 'Park benches'));
    await acknowledged(a);

    const b = client(bad.token, sessionId);
    await acknowledged(b);
    b.doc.getMap('proposals').set('spam', proposal('spam', 'Buy my stuff'));
    b.doc.getMap('comments').set('c-spam', {
      id: 'c-spam',
      proposalId: 'p1',
      participantId: null,
      text: 'spam',
      deviceId: 'bad',
      at: 2,
    });
    await acknowledged(b);
    const bOther = client(bad.token, otherSession);
    await acknowledged(bOther);
    bOther.doc.transact(() => {
      seedSession(bOther.doc, otherSession);
      bOther.doc.getMap('proposals').set('elsewhere', proposal('elsewhere', 'Other session'));
    });
    await acknowledged(bOther);
    // The server refuses overwrites and deletes from clients (validation.test.ts), but an archive written before
    // it checked updates still holds them, and a rollback must undo them too: such an update goes straight into
    // the archive here, and the server is restarted to load it.
    const defaced = new Y.Doc();
    Y.applyUpdate(defaced, Y.encodeStateAsUpdate(b.doc));
    const stateBefore = Y.encodeStateVector(defaced);
    defaced.getMap('proposals').set('p1', proposal('p1', 'DEFACED'));
    defaced.getMap('proposals').delete('p2');
    server.store!.appendUpdate(sessionId, bad.deviceId, Y.encodeStateAsUpdate(defaced, stateBefore));
    b.destroy();
    bOther.destroy();
    a.destroy();
    await server.close();
    server = await startTestServer(t.dir);
    a = client(good.token, sessionId);
    await acknowledged(a);
    proposals = a.doc.getMap<Record<string, unknown>>('proposals');

    await waitFor(() => proposals.get('p1')?.title === 'DEFACED', 'the bad write reached A');
    proposals.set('p4', proposal('p4', 'Later good idea'));
    await acknowledged(a);

    const watcher = client(officer.token, sessionId);
    await waitFor(() => watcher.provider.isSynced, 'officer synced');
    expect(watcher.doc.getMap('proposals').has('spam')).toBe(true);

    const listed = await admin(t.dir, 'updates', '--device', bad.deviceId, '--json');
    const updates = JSON.parse(listed.out) as { sessionId: string; bytes: number }[];
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(updates.map((u) => u.sessionId))).toEqual(new Set([sessionId, otherSession]));
    const onlyThis = JSON.parse(
      (await admin(t.dir, 'updates', '--device', bad.deviceId, '--session', sessionId, '--json')).out,
    ) as unknown[];
    expect(onlyThis.length).toBe(updates.length - 1);

    const r = await admin(t.dir, 'rollback', '--session', sessionId, '--device', bad.deviceId, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ keysRemoved: 2, keysRestored: 2 });

    const expectRolledBack = (doc: Client['doc']): void => {
      const m = doc.getMap<{ title: string }>('proposals');
      expect(m.has('spam')).toBe(false);
      expect(m.get('p1')?.title).toBe('Youth club');
      expect(m.get('p2')?.title).toBe('Park benches');
      expect(m.get('p4')?.title).toBe('Later good idea');
      expect(doc.getMap('comments').has('c-spam')).toBe(false);
    };
    await waitFor(
      () => !watcher.doc.getMap('proposals').has('spam'),
      'the rollback reached the officer',
      5000,
    );
    expectRolledBack(watcher.doc);
    await waitFor(() => !proposals.has('spam'), 'the rollback reached A', 5000);
    expectRolledBack(a.doc);
    expect(server.logs.some((l) => l.event === 'admin-update-applied')).toBe(true);

    const db = new Database(join(t.dir, 'codesign.sqlite'), { readonly: true });
    expect(db.prepare('SELECT session_id, device_id, keys_removed FROM rollbacks').all()).toEqual([
      { session_id: sessionId, device_id: bad.deviceId, keys_removed: 2 },
    ]);
    db.close();

    // The archive is append-only: the bad device's updates are still there, and the rollback is a new row.
    expect(JSON.parse((await admin(t.dir, 'updates', '--device', bad.deviceId, '--json')).out)).toHaveLength(
      updates.length,
    );
    expect(JSON.parse((await admin(t.dir, 'updates', '--device', 'admin', '--json')).out)).toHaveLength(1);

    a.destroy();
    watcher.destroy();
    await server.close();
    server = await startTestServer(t.dir);
    const fresh = client(good.token, sessionId);
    await acknowledged(fresh);
    expectRolledBack(fresh.doc);
    const other = client(good.token, otherSession);
    await acknowledged(other);
    expect(other.doc.getMap('proposals').has('elsewhere')).toBe(true);
  }, 30_000);

  it('Given a device with no updates in the session, Then a clear sentence and exit code 2', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    Store.open(t.dir).close();
    const r = await admin(t.dir, 'rollback', '--session', randomUUID(), '--device', 'nobody');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no session/);
  });
});
