/**
 * What a sign-in asks the archive (issue 12 §10): whether a device may open a session (assignments.ts `mayOpen`)
 * and when each session last changed (sessionIndex.ts), read from indexes since store.ts migration 3 instead of
 * every row of the device or the session. These tests hold the answers to what they were before: the reference
 * readings below are the old queries, run on the same real SQLite file. (How much faster: `npm run bench`,
 * group 15's archive rows.)
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSession } from '../../../src/doc/sessionCommands';
import { assign, mayOpen } from '../../../src/server/assignments';
import { neighbourhoodKey } from '../../../src/domain/neighbourhood';
import { compactSession } from '../../../src/server/compaction';
import { SessionIndex } from '../../../src/server/sessionIndex';
import { silentLogger } from '../../../src/server/log';
import type { Store } from '../../../src/server/store';
import { validSettings } from '../helpers/session';
import { tempStores } from './support';

const openStore = tempStores('codesign-lookups-');

/** A session's first write: meta and settings, as a tablet creates it. */
function sessionUpdate(sessionId: string, neighbourhood: string): Uint8Array {
  const doc = new Y.Doc();
  createSession(doc, sessionId, validSettings({ neighbourhood }), {
    deviceId: 'test',
    now: () => 1,
    newId: () => randomUUID(),
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The access rule as the sign-in read it before: every session the device ever wrote to, then the rest. */
function mayOpenBefore(store: Store, index: SessionIndex, deviceId: string, sessionId: string): boolean {
  const rows = store.db.prepare('SELECT kind, value FROM assignments WHERE device_id = ?').all(deviceId) as {
    kind: string;
    value: string;
  }[];
  const written = store.db
    .prepare('SELECT DISTINCT session_id FROM updates WHERE device_id = ?')
    .all(deviceId) as { session_id: string }[];
  const ids = new Set([
    ...rows.filter((r) => r.kind === 'session').map((r) => r.value),
    ...written.map((r) => r.session_id.toLowerCase()),
  ]);
  if (ids.has(sessionId.toLowerCase())) return true;
  const session = index.get(sessionId);
  if (session === null) return true;
  return rows.some((r) => r.kind === 'neighbourhood' && r.value === neighbourhoodKey(session.neighbourhood));
}

describe('archive lookups at sign-in', () => {
  it('Given any archive of sessions, writers and assignments (ids in either case), When a facilitator signs in to a session, Then it may open it exactly when it could before', () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const devices = ['tab-a', 'tab-b', 'tab-c'];
    const neighbourhoods = ['Ashfield North', 'Brook Vale'];
    const write = fc.record({
      session: fc.nat(ids.length - 1),
      upper: fc.boolean(),
      device: fc.nat(devices.length - 1),
    });
    const assignment = fc.record({
      device: fc.nat(devices.length - 1),
      kind: fc.constantFrom('session' as const, 'neighbourhood' as const),
      value: fc.nat(ids.length - 1),
    });
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat(neighbourhoods.length - 1)), { minLength: 3, maxLength: 3 }),
        fc.array(write, { maxLength: 12 }),
        fc.array(assignment, { maxLength: 6 }),
        (created, writes, assignments) => {
          const store = openStore();
          const index = new SessionIndex(store, silentLogger);
          // Some sessions exist (created in a neighbourhood), others are only rows without a session yet.
          created.forEach((n, i) => {
            if (n !== null) store.appendUpdate(ids[i]!, 'seed', sessionUpdate(ids[i]!, neighbourhoods[n]!));
          });
          for (const w of writes) {
            const id = w.upper ? ids[w.session]!.toUpperCase() : ids[w.session]!;
            store.appendUpdate(id, devices[w.device]!, new Uint8Array([0, 0]));
          }
          for (const a of assignments) {
            const value =
              a.kind === 'session' ? ids[a.value]! : neighbourhoods[a.value % neighbourhoods.length]!;
            assign(store, devices[a.device]!, { kind: a.kind, value });
          }
          for (const deviceId of devices) {
            for (const id of [...ids, ...ids.map((i) => i.toUpperCase())]) {
              const device = { deviceId, role: 'facilitator' as const };
              expect(mayOpen(store, index, device, id), `${deviceId} opening ${id}`).toBe(
                mayOpenBefore(store, index, deviceId, id),
              );
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('Given a session written to over a day and then compacted, When the sessions are listed, Then each shows when its newest row arrived, newest first', () => {
    const store = openStore();
    const index = new SessionIndex(store, silentLogger);
    const [early, late] = [randomUUID(), randomUUID()];
    store.appendUpdate(early, 'tab-a', sessionUpdate(early, 'Ashfield North'), Date.UTC(2026, 2, 3, 9));
    store.appendUpdate(late, 'tab-b', sessionUpdate(late, 'Brook Vale'), Date.UTC(2026, 2, 3, 10));
    store.appendUpdate(early, 'tab-a', new Uint8Array([0, 0]), Date.UTC(2026, 2, 3, 11));
    store.appendUpdate(early, 'tab-c', new Uint8Array([0, 0]), Date.UTC(2026, 2, 3, 12));

    expect(index.all().map((s) => [s.id, s.updatedAt])).toEqual([
      [early, '2026-03-03T12:00:00.000Z'],
      [late, '2026-03-03T10:00:00.000Z'],
    ]);

    // Compaction merges each device's rows into its last one, keeping that row's id and time.
    compactSession(store, early);
    const fresh = new SessionIndex(store, silentLogger);
    expect(fresh.get(early)?.updatedAt).toBe('2026-03-03T12:00:00.000Z');
    expect(fresh.all().map((s) => s.id)).toEqual([early, late]);
  });
});
