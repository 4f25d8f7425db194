/**
 * The demo session never reaches the council (src/sync/councilScope.ts): its residents are made up, and officers
 * saw them among real sessions once a device enrolled from the demo's dashboard synced it. The demo is known by its
 * meta (so a copy from a session file is still the demo) or, for a demo made by an earlier version, by the device's
 * session list. A sync started on the demo against a real server ends at once and the server stores nothing of it,
 * while an ordinary session on the same device syncs.
 */
import { randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { seedDemo } from '../../../src/demo/northmoor';
import type { CommandContext } from '../../../src/doc/commands';
import { readMeta } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { createSession } from '../../../src/doc/sessionCommands';
import { hashPin } from '../../../src/domain/pin';
import { assign } from '../../../src/server/assignments';
import { AppDb } from '../../../src/storage/appDb';
import { startCouncilSync, type CouncilSync } from '../../../src/sync/councilSync';
import { mayGoToCouncil } from '../../../src/sync/councilScope';
import { SyncError, type SyncStatus } from '../../../src/sync/syncStates';
import { upsertSessionEntry } from '../../../src/ui/sessionList';
import { validSettings } from '../helpers/session';
import { serverSessions } from '../server/support';

function context(deviceId: string): CommandContext {
  return { deviceId, now: () => Date.now(), newId: () => randomUUID() };
}

async function demoDoc(sessionId = randomUUID()): Promise<Y.Doc> {
  const doc = new Y.Doc();
  seedDemo(doc, sessionId, await hashPin('1234', 1), context('Tablet D'));
  return doc;
}

function ordinaryDoc(sessionId = randomUUID(), neighbourhood = validSettings().neighbourhood): Y.Doc {
  const doc = new Y.Doc();
  createSession(doc, sessionId, { ...validSettings(), neighbourhood }, context('Tablet D'));
  return doc;
}

describe('which sessions may go to the council', () => {
  it('Given the demo as the home screen makes it, Then it may not go, nor its copy on another device from a session file; an ordinary session may', async () => {
    const demo = await demoDoc();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(demo));

    expect(readMeta(demo)?.isDemo).toBe(true);
    expect(mayGoToCouncil(demo)).toBe(false);
    expect(mayGoToCouncil(copy)).toBe(false);
    expect(mayGoToCouncil(copy, { isDemo: false })).toBe(false);
    expect(readMeta(ordinaryDoc())?.isDemo).toBe(false);
    expect(mayGoToCouncil(ordinaryDoc(), { isDemo: false })).toBe(true);
    expect(mayGoToCouncil(ordinaryDoc())).toBe(true);
  });

  it('Given the demo arrives on another tablet in a session file, When that tablet lists it, Then it is listed as the demo (so "Open the demo session" opens it rather than making a second), and an ordinary session is not', async () => {
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(await demoDoc()));
    const ordinary = ordinaryDoc();
    await upsertSessionEntry(db, viewSession(copy)!);
    await upsertSessionEntry(db, viewSession(ordinary)!);
    const listed = await db.sessions.toArray();
    expect(listed.filter((s) => s.isDemo).map((s) => s.id)).toEqual([readMeta(copy)!.sessionId]);
    expect(listed.map((s) => s.id).sort()).toEqual(
      [readMeta(copy)!.sessionId, readMeta(ordinary)!.sessionId].sort(),
    );
    // A later update of the entry (the demo renamed, say) keeps the mark; an older demo listed as one stays listed.
    await upsertSessionEntry(db, viewSession(copy)!, undefined);
    expect((await db.sessions.get(readMeta(copy)!.sessionId))?.isDemo).toBe(true);
    db.close();
  });

  it('Given a demo made before its meta carried the mark, Then the device’s session list keeps it off the council', () => {
    const olderDemo = ordinaryDoc(randomUUID(), 'Northmoor');
    expect(mayGoToCouncil(olderDemo, { isDemo: true })).toBe(false);
  });
});

describe('a council sync of the demo', { timeout: 30_000 }, () => {
  const servers = serverSessions('each');

  it('Given an enrolled device holding the demo, When a sync of it starts, Then it ends at once as the demo and the server holds nothing of it, while an ordinary session syncs', async () => {
    const s = await servers.start();
    const { deviceId, token } = await s.enrol('facilitator', 'Tablet D');
    assign(s.server.store!, deviceId, { kind: 'neighbourhood', value: 'Northmoor' });
    assign(s.server.store!, deviceId, { kind: 'neighbourhood', value: validSettings().neighbourhood });
    const start = (doc: Y.Doc, sessionId: string, isListedAsDemo = false): CouncilSync => {
      const sync = startCouncilSync({
        doc,
        sessionId,
        token,
        baseUrl: s.server.base,
        WebSocketPolyfill: WebSocket,
        retryDelayMs: 100,
        isListedAsDemo,
      });
      servers.later(() => sync.destroy());
      return sync;
    };

    const demoId = randomUUID();
    const demo = start(await demoDoc(demoId), demoId);
    const error = await demo.whenSynced().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).reason).toBe('demo');
    expect(demo.status).toMatchObject({ state: 'failed', failure: 'demo' } satisfies Partial<SyncStatus>);

    // A demo made by an earlier version: only the session list says so.
    const olderId = randomUUID();
    const older = start(ordinaryDoc(olderId, 'Northmoor'), olderId, true);
    await expect(older.whenSynced()).rejects.toThrow(SyncError);

    // The same device and server take an ordinary session: only the demo is kept back.
    const realId = randomUUID();
    await start(ordinaryDoc(realId), realId).whenSynced();
    expect(s.server.store!.updatesFor(realId).length).toBeGreaterThan(0);
    expect(s.server.store!.updatesFor(demoId)).toEqual([]);
    expect(s.server.store!.updatesFor(olderId)).toEqual([]);
  });
});
