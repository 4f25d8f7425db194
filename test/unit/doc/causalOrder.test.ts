/**
 * A record stamped at the latest possible time must not win for ever. A hostile enrolled device (or a session
 * file) writes a record stamped MAX_STAMP; every honest record written after it is capped at the same stamp
 * (order.ts stampAfter), so under (at, id) alone the hostile record won whenever its id sorted last. Now a record
 * names the one in force it replaced (`after`) and "the latest" goes by (vat, depth, at, id) (order.ts causalOrder).
 * Real Yjs documents; the forged records are written straight into the maps, as a forger would, and pass the same
 * shape checks the council and file imports apply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addProposal } from '../../../src/doc/commands';
import { nameDevice } from '../../../src/doc/deviceCommands';
import { hideProposal, unhideProposal } from '../../../src/doc/moderationCommands';
import { checkDocShape, checkRecord, type RecordMapName } from '../../../src/doc/recordShapes';
import { maps, readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { endSession, updateSettings } from '../../../src/doc/sessionCommands';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { endEdit } from '../../../src/domain/afterEnd';
import { deviceNamesAcross } from '../../../src/domain/devices';
import { causalKeys, causalOrder, MAX_STAMP } from '../../../src/domain/order';
import { effectiveSettings } from '../../../src/domain/settings';
import { latestStatus } from '../../../src/domain/statusRules';
import type { DeviceName, Moderation, ProposalStatus, SettingsEdit } from '../../../src/domain/types';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import {
  createdSession,
  exchange,
  ideaInput,
  replicaOf,
  testContext,
  validSettings,
} from '../helpers/session';

/** Forged ids that sort after every honest id ('device-…') and before them. */
const FORGED_IDS = ['zz-forged', '00-forged'] as const;

/** A session with one idea on tablet A, a copy on the honest tablet B and on the hostile device H. */
function room() {
  const a = createdSession();
  a.clock.advance();
  const p1 = addProposal(a.doc, ideaInput('Youth club'), null, a.ctx);
  const b = { ...testContext('device-b', { startAt: a.clock.now() + 60_000 }), doc: replicaOf(a.doc) };
  const hostile = replicaOf(a.doc);
  const view = (doc: Y.Doc) => viewSession(doc)!;
  const shown = (doc: Y.Doc) => view(doc).proposals.find((p) => p.id === p1)!;
  return { a, b, hostile, p1, view, shown };
}

type Forged =
  | { map: 'moderation'; record: Moderation }
  | { map: 'statuses'; record: ProposalStatus }
  | { map: 'devices'; record: DeviceName }
  | { map: 'settings'; record: SettingsEdit };

/** Writes records straight into a document's maps, after checking each passes the shape checks every door applies. */
function forge(doc: Y.Doc, ...records: Forged[]): void {
  for (const { map, record } of records) expect(checkRecord(map, record.id, record)).toEqual([]);
  doc.transact(() => {
    for (const { map, record } of records) (maps(doc)[map] as Y.Map<unknown>).set(record.id, record);
  });
}

const settingsOf = (doc: Y.Doc) => effectiveSettings(readRecords(doc).settingsEdits);

const atDate = (date: string) => ({ ...validSettings(), date });

/** Sessions' device names as the officer's participation section reads them (ParticipationSection.tsx). */
const namesOf = (...docs: Y.Doc[]) =>
  docs.map((doc) => {
    const v = viewSession(doc)!;
    return { sessionId: v.records.sessionId, date: v.settings.date, devices: v.records.devices };
  });

describe.each(FORGED_IDS)('a record forged at the latest possible time, id %s', (forgedId) => {
  const forgedStamp = { id: forgedId, deviceId: 'device-h', at: MAX_STAMP };
  it('Given a hostile "show" of an abusive idea stamped at MAX_STAMP, When the facilitator hides it after syncing it, Then it is hidden on every device', () => {
    const { a, b, hostile, p1, shown } = room();
    hideProposal(b.doc, p1, 'Names a neighbour', b.ctx);
    exchange(b.doc, hostile);
    forge(hostile, {
      map: 'moderation',
      record: { ...forgedStamp, kind: 'unhide', proposalId: p1 },
    });
    exchange(hostile, b.doc);
    expect(shown(b.doc).isHidden).toBe(false);
    b.clock.advance();
    hideProposal(b.doc, p1, 'Still names a neighbour', b.ctx);
    exchange(b.doc, a.doc);
    exchange(b.doc, hostile);
    for (const doc of [a.doc, b.doc, hostile]) {
      expect(shown(doc)).toMatchObject({ isHidden: true, hiddenReason: 'Still names a neighbour' });
      expect(checkDocShape(doc)).toEqual([]);
    }
  });

  it('Given a hostile "funded £5m" stamped at MAX_STAMP, When an officer decides after syncing it, Then the officer\'s decision is in force', () => {
    const { a, b, hostile, p1 } = room();
    forge(hostile, {
      map: 'statuses',
      record: {
        ...forgedStamp,
        proposalId: p1,
        status: 'funded',
        amountPence: 500_000_000,
        reason: '',
      },
    });
    exchange(hostile, b.doc);
    setProposalStatus(
      b.doc,
      {
        proposalId: p1,
        status: 'not-taken-forward',
        amountPence: null,
        reason: 'Already funded by the youth service',
      },
      b.ctx,
    );
    exchange(b.doc, a.doc);
    for (const doc of [a.doc, b.doc]) {
      expect(latestStatus(readRecords(doc).statuses, p1)).toMatchObject({
        deviceId: 'device-b',
        status: 'not-taken-forward',
      });
      expect(viewSession(doc)!.statuses.get(p1)?.status).toBe('not-taken-forward');
    }
  });

  it('Given a hostile name for tablet B stamped at MAX_STAMP, When the facilitator renames it after syncing it, Then the new name stands', () => {
    const { a, b, hostile, view } = room();
    forge(hostile, {
      map: 'devices',
      record: {
        ...forgedStamp,
        namedDeviceId: 'device-b',
        name: 'Rude word',
      },
    });
    exchange(hostile, b.doc);
    nameDevice(b.doc, { namedDeviceId: 'device-b', name: 'Tablet 3 (blue case)' }, b.ctx);
    exchange(b.doc, a.doc);
    for (const doc of [a.doc, b.doc])
      expect(view(doc).deviceNames.get('device-b')).toBe('Tablet 3 (blue case)');
  });

  it("Given a hostile title stamped at MAX_STAMP, When the facilitator changes the title after syncing it, Then the facilitator's title is the session's", () => {
    const { a, b, hostile } = room();
    forge(hostile, {
      map: 'settings',
      record: { ...forgedStamp, values: { title: 'Free money here' } },
    });
    exchange(hostile, b.doc);
    updateSettings(b.doc, { title: 'Ashfield spring, second evening' }, b.ctx);
    exchange(b.doc, a.doc);
    for (const doc of [a.doc, b.doc]) expect(settingsOf(doc)?.title).toBe('Ashfield spring, second evening');
  });

  it('Given a hostile "not ended" stamped at MAX_STAMP, When the facilitator ends the session after syncing it, Then the session is ended by that end', () => {
    const { a, b, hostile } = room();
    forge(hostile, {
      map: 'settings',
      record: { ...forgedStamp, values: { isEnded: false } },
    });
    exchange(hostile, b.doc);
    endSession(b.doc, b.ctx);
    exchange(b.doc, a.doc);
    for (const doc of [a.doc, b.doc]) {
      expect(settingsOf(doc)?.isEnded).toBe(true);
      expect(endEdit(readRecords(doc).settingsEdits)).toMatchObject({ deviceId: 'device-b' });
    }
  });

  it('Given the session ended and a hostile "reopened" stamped at MAX_STAMP naming a made-up id, When the facilitator ends it again after seeing it, Then it is ended by that end on every device', () => {
    const { a, b, hostile } = room();
    endSession(b.doc, b.ctx);
    forge(hostile, {
      map: 'settings',
      record: { ...forgedStamp, values: { isEnded: false }, after: 'made-up' },
    });
    exchange(hostile, b.doc);
    // A forged record wins over every record written without seeing it (a made-up `after` passes every check)...
    expect(settingsOf(b.doc)?.isEnded).toBe(false);
    // ...until the next action taken after seeing it, which names it.
    b.clock.advance();
    endSession(b.doc, b.ctx);
    exchange(b.doc, a.doc);
    exchange(b.doc, hostile);
    for (const doc of [a.doc, b.doc, hostile]) {
      expect(settingsOf(doc)?.isEnded).toBe(true);
      expect(endEdit(readRecords(doc).settingsEdits)).toMatchObject({ deviceId: 'device-b', at: MAX_STAMP });
    }
  });
});

describe('records written apart still go by their clocks', () => {
  it.each([
    ['B later', 5_000, 'hide'],
    ['A later', -5_000, 'unhide'],
  ] as const)(
    'Given A shows and B hides the same idea without seeing each other (%s), When they sync, Then the later stamp wins on both',
    (_case, bOffset, expected) => {
      const { a, b, p1, shown } = room();
      hideProposal(a.doc, p1, 'First look', a.ctx);
      exchange(a.doc, b.doc);
      a.clock.set(b.clock.now() + 10_000);
      b.clock.set(b.clock.now() + 10_000 + bOffset);
      unhideProposal(a.doc, p1, a.ctx);
      hideProposal(b.doc, p1, 'Names a neighbour', b.ctx);
      exchange(a.doc, b.doc);
      for (const doc of [a.doc, b.doc]) expect(shown(doc).isHidden).toBe(expected === 'hide');
    },
  );

  it("Given A hid and showed an idea at 10:00, When tablet B, which saw neither, hides it at 11:00 as its first record on it, Then it is hidden on both (a third review: B's hide names nothing)", () => {
    const { a, b, p1, shown } = room();
    const ten = a.clock.now() + 600_000;
    a.clock.set(ten);
    hideProposal(a.doc, p1, 'First look', a.ctx);
    a.clock.advance(5 * 60_000);
    unhideProposal(a.doc, p1, a.ctx);
    b.clock.set(ten + 3_600_000);
    hideProposal(b.doc, p1, 'Names a neighbour', b.ctx);
    expect(readRecords(b.doc).moderation.at(-1)?.after).toBeUndefined();
    exchange(a.doc, b.doc);
    for (const doc of [a.doc, b.doc]) {
      expect(shown(doc).isHidden).toBe(true);
      expect(shown(doc).hiddenReason).toBe('Names a neighbour');
    }
  });
});

describe('a cycle of forged records', () => {
  /** Two forged "show" records naming each other, at MAX_STAMP, with ids that sort after the honest ones. */
  const cycle = (p1: string, ids: readonly [string, string]): Forged[] => [
    {
      map: 'moderation',
      record: {
        id: ids[0],
        deviceId: 'device-h',
        at: MAX_STAMP,
        kind: 'unhide',
        proposalId: p1,
        after: ids[1],
      },
    },
    {
      map: 'moderation',
      record: {
        id: ids[1],
        deviceId: 'device-h',
        at: MAX_STAMP,
        kind: 'unhide',
        proposalId: p1,
        after: ids[0],
      },
    },
  ];

  it('Given two forged records naming each other, When the facilitator hides the idea after seeing them, Then it is hidden, read in any order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<readonly [string, string]>(['zz-1', 'zz-2'], ['zz-2', 'zz-1'], ['00-1', 'zz-1']),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (ids, hideFirst, honestAt) => {
          const { a, b, hostile, p1, shown } = room();
          if (hideFirst) {
            hideProposal(b.doc, p1, 'First look', b.ctx);
            exchange(b.doc, hostile);
          }
          forge(hostile, ...cycle(p1, ids));
          exchange(hostile, b.doc);
          hideProposal(b.doc, p1, 'Names a neighbour', b.ctx);
          const records = Object.values(maps(b.doc).moderation.toJSON()) as Moderation[];
          const honest = records.find((r) => r.kind === 'hide' && r.reason === 'Names a neighbour')!;
          expect(ids).toContain(honest.after);
          // The same records written one by one into another device's copy in another order (a session file, a
          // sync in parts): the honest record first, in the middle, or last.
          const order = records.filter((r) => r.id !== honest.id);
          order.splice(Math.min(honestAt, order.length), 0, honest);
          const fresh = replicaOf(a.doc);
          for (const r of order) maps(fresh).moderation.set(r.id, r);
          for (const doc of [b.doc, fresh]) {
            expect(shown(doc)).toMatchObject({ isHidden: true, hiddenReason: 'Names a neighbour' });
          }
        },
      ),
      { numRuns: 24, interruptAfterTimeLimit: PROPERTY_BUDGET_MS },
    );
  });

  it('Property: causal order depends on the records, never on the order they are read in, and a record on a cycle has depth 0 and its own stamp', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const record = fc.record({
      at: fc.constantFrom(0, 1, MAX_STAMP),
      after: fc.option(fc.constantFrom(...ids, 'not-held'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.nat(), { minLength: ids.length, maxLength: ids.length }),
        (shapes, keys) => {
          const records = shapes.map((s, i) => ({
            id: ids[i]!,
            deviceId: 'd',
            at: s.at,
            ...(s.after === undefined ? {} : { after: s.after }),
          }));
          const shuffled = records
            .map((r, i) => ({ r, k: keys[i]! }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.r);
          expect(causalOrder(shuffled).map((r) => r.id)).toEqual(causalOrder(records).map((r) => r.id));
          const causal = causalKeys(shuffled);
          const depth = new Map([...causal].map(([id, k]) => [id, k.depth]));
          const vat = new Map([...causal].map(([id, k]) => [id, k.vat]));
          const byId = new Map(records.map((r) => [r.id, r]));
          for (const r of records) {
            // Walking `after` from r comes back to r: r is on a cycle.
            let cur = r.after === undefined ? undefined : byId.get(r.after);
            for (let i = 0; i < ids.length && cur && cur.id !== r.id; i++)
              cur = cur.after === undefined ? undefined : byId.get(cur.after);
            const named = r.after === undefined ? undefined : byId.get(r.after);
            if (cur?.id === r.id) expect([depth.get(r.id), vat.get(r.id)]).toEqual([0, r.at]);
            else if (r.after === undefined) expect([depth.get(r.id), vat.get(r.id)]).toEqual([0, r.at]);
            else if (!named) expect([depth.get(r.id), vat.get(r.id)]).toEqual([1, r.at]);
            else {
              expect(depth.get(r.id)).toBe(depth.get(named.id)! + 1);
              expect(vat.get(r.id)).toBe(Math.max(r.at, vat.get(named.id)!));
            }
          }
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: PROPERTY_BUDGET_MS },
    );
  });
});

describe('a decision taken after seeing a try that a retry folds away', () => {
  it('Given officer 1\'s try "funded" folded into its retry, When officer 2 decided after seeing the try, before the retry was stamped, Then officer 2\'s decision is in force', () => {
    const { a, p1 } = room();
    const t = a.clock.now();
    const decision = (id: string, at: number, extra: Partial<ProposalStatus>): Forged => ({
      map: 'statuses',
      record: {
        id,
        deviceId: 'officer-1',
        at,
        proposalId: p1,
        status: 'funded',
        amountPence: 100_000,
        reason: '',
        ...extra,
      },
    });
    forge(
      a.doc,
      decision('shortlist', t, { status: 'shortlisted', amountPence: null }),
      // The try storage refused on officer 1's device, which reached the council first.
      decision('try', t + 1_000, { after: 'shortlist' }),
      // Officer 2 saw the try and turned the idea down.
      decision('officer-2', t + 2_000, {
        deviceId: 'officer-2',
        status: 'not-taken-forward',
        amountPence: null,
        reason: 'Already funded by the youth service',
        after: 'try',
      }),
      // Officer 1's retry, which never saw officer 2's decision: the same decision, folding the try into itself.
      decision('retry', t + 3_000, { after: 'shortlist', replaces: ['try'] }),
    );
    const records = readRecords(a.doc).statuses;
    expect(records.map((r) => r.id)).not.toContain('try');
    expect(latestStatus(records, p1)?.id).toBe('officer-2');
  });
});

describe('the shape of `after`', () => {
  const base: Record<RecordMapName & ('moderation' | 'statuses' | 'devices' | 'settings'), object> = {
    moderation: { id: 'm1', deviceId: 'd', at: 1, kind: 'unhide', proposalId: 'p1' },
    statuses: {
      id: 'm1',
      deviceId: 'd',
      at: 1,
      proposalId: 'p1',
      status: 'shortlisted',
      amountPence: null,
      reason: '',
    },
    devices: { id: 'm1', deviceId: 'd', at: 1, namedDeviceId: 'd', name: 'Tablet 3' },
    settings: { id: 'm1', deviceId: 'd', at: 1, values: { title: 'x' } },
  };

  it.each(Object.keys(base) as (keyof typeof base)[])(
    'Given a %s record, Then an id-shaped `after` passes and a malformed one is refused',
    (map) => {
      expect(checkRecord(map, 'm1', { ...base[map], after: 'device-b-0001' })).toEqual([]);
      expect(checkRecord(map, 'm1', { ...base[map], after: 5 })).toEqual([
        { map, key: 'm1', field: 'after', problem: 'wrongType' },
      ]);
      expect(checkRecord(map, 'm1', { ...base[map], after: 'x'.repeat(65) })).toEqual([
        { map, key: 'm1', field: 'after', problem: 'tooLong' },
      ]);
      expect(checkRecord(map, 'm1', { ...base[map], after: '' })).toEqual([
        { map, key: 'm1', field: 'after', problem: 'empty' },
      ]);
    },
  );
});

describe('records written apart, after a rollback, and in other sessions go by their clocks (a review of 2fd98aa)', () => {
  /** What the council's forward update of a rollback does (src/server/rollback.ts): delete the keys that device wrote. */
  function rollBack(doc: Y.Doc, deviceId: string): void {
    const wrote = <T extends { deviceId: string }>(map: Y.Map<T>) => {
      for (const [key, r] of [...map.entries()]) if (r.deviceId === deviceId) map.delete(key);
    };
    doc.transact(() => {
      wrote(maps(doc).moderation);
      wrote(maps(doc).settings);
    });
  }

  it("Given A toggled an idea and hid it again after bad tablet B hid it, When the admin rolls B back, Then the idea stays hidden with A's reason", () => {
    const { a, p1, shown } = room();
    for (const step of ['hide', 'unhide', 'hide', 'unhide'] as const) {
      a.clock.advance();
      if (step === 'hide') hideProposal(a.doc, p1, 'Checking', a.ctx);
      else unhideProposal(a.doc, p1, a.ctx);
    }
    const bad = { ...testContext('device-bad', { startAt: a.clock.now() + 1_000 }), doc: replicaOf(a.doc) };
    hideProposal(bad.doc, p1, 'Bad tablet', bad.ctx);
    exchange(a.doc, bad.doc);
    a.clock.set(bad.clock.now() + 60_000);
    hideProposal(a.doc, p1, 'Names a neighbour', a.ctx);
    expect(shown(a.doc)).toMatchObject({ isHidden: true, hiddenReason: 'Names a neighbour' });
    rollBack(a.doc, 'device-bad');
    expect(shown(a.doc)).toMatchObject({ isHidden: true, hiddenReason: 'Names a neighbour' });
  });

  it("Given the laptop set the title three times and again after a bad device's edit, When the admin rolls the bad device back, Then the last title stands", () => {
    const a = createdSession();
    for (const title of ['Spring 1', 'Spring 2', 'Spring 3']) {
      a.clock.advance();
      updateSettings(a.doc, { title }, a.ctx);
    }
    const bad = { ...testContext('device-bad', { startAt: a.clock.now() + 1_000 }), doc: replicaOf(a.doc) };
    updateSettings(bad.doc, { venue: 'Somewhere else' }, bad.ctx);
    exchange(a.doc, bad.doc);
    a.clock.set(bad.clock.now() + 60_000);
    updateSettings(a.doc, { title: 'Ashfield spring, final' }, a.ctx);
    expect(settingsOf(a.doc)?.title).toBe('Ashfield spring, final');
    rollBack(a.doc, 'device-bad');
    expect(settingsOf(a.doc)?.title).toBe('Ashfield spring, final');
  });

  /** The laptop at 10:00 and a tablet five hours on that has not seen what the laptop does next. */
  function apart() {
    const laptop = createdSession();
    const tablet = {
      ...testContext('device-t', { startAt: laptop.clock.now() + 5 * 3_600_000 }),
      doc: replicaOf(laptop.doc),
    };
    return { laptop, tablet };
  }

  it('Given the laptop fixes the title twice at 10:00, When a tablet that has not seen them sets it at 15:00 and they sync, Then the 15:00 title stands on both', () => {
    const { laptop, tablet } = apart();
    updateSettings(laptop.doc, { title: 'Ashfield spring 1' }, laptop.ctx);
    laptop.clock.advance();
    updateSettings(laptop.doc, { title: 'Ashfield spring 2' }, laptop.ctx);
    updateSettings(tablet.doc, { title: 'Ashfield spring, 15:00' }, tablet.ctx);
    exchange(laptop.doc, tablet.doc);
    for (const doc of [laptop.doc, tablet.doc]) expect(settingsOf(doc)?.title).toBe('Ashfield spring, 15:00');
  });

  it('Given the laptop ended and reopened the session at 15:00, When a tablet that had not seen that ends it at 17:00 and they sync, Then it is ended, by the tablet', () => {
    const { laptop, tablet } = apart();
    tablet.clock.advance(2 * 3_600_000);
    laptop.clock.set(laptop.clock.now() + 5 * 3_600_000);
    updateSettings(laptop.doc, { venue: 'Library, room 2' }, laptop.ctx);
    laptop.clock.advance();
    endSession(laptop.doc, laptop.ctx);
    laptop.clock.advance(5 * 60_000);
    updateSettings(laptop.doc, { isEnded: false }, laptop.ctx); // EndSession.tsx "Reopen"
    endSession(tablet.doc, tablet.ctx);
    exchange(laptop.doc, tablet.doc);
    for (const doc of [laptop.doc, tablet.doc]) {
      expect(settingsOf(doc)?.isEnded).toBe(true);
      expect(endEdit(readRecords(doc).settingsEdits)?.deviceId).toBe('device-t');
    }
  });

  it('Given tablet T named "Blue" then "Red" in April and "Green" in May, When the officer views both sessions, Then T is "Green"', () => {
    const april = createdSession(atDate('2025-04-12'), testContext('laptop'), 'session-april');
    nameDevice(april.doc, { namedDeviceId: 'device-t', name: 'Blue' }, april.ctx);
    april.clock.advance();
    nameDevice(april.doc, { namedDeviceId: 'device-t', name: 'Red' }, april.ctx);
    const may = createdSession(
      atDate('2025-05-10'),
      testContext('laptop', { startAt: april.clock.now() + 30 * 86_400_000 }),
      'session-may',
    );
    nameDevice(may.doc, { namedDeviceId: 'device-t', name: 'Green' }, may.ctx);
    expect(deviceNamesAcross(namesOf(may.doc, april.doc)).get('device-t')).toBe('Green');
    expect(deviceNamesAcross(namesOf(april.doc)).get('device-t')).toBe('Red');
  });

  it('Given a hostile name for T stamped at MAX_STAMP in April, put right there after it, When T is named in May, Then the officer sees the May name (a third review)', () => {
    const april = createdSession(atDate('2025-04-12'), testContext('laptop'), 'session-april');
    forge(april.doc, {
      map: 'devices',
      record: {
        id: '00-forged',
        deviceId: 'device-h',
        at: MAX_STAMP,
        namedDeviceId: 'device-t',
        name: 'Abuse',
        after: 'made-up',
      },
    });
    // The facilitator puts it right after seeing it: stampAfter caps the honest name at MAX_STAMP too.
    nameDevice(april.doc, { namedDeviceId: 'device-t', name: 'Red' }, april.ctx);
    expect(readRecords(april.doc).devices.find((d) => d.name === 'Red')?.at).toBe(MAX_STAMP);
    const may = createdSession(
      atDate('2025-05-10'),
      testContext('laptop', { startAt: april.clock.now() + 30 * 86_400_000 }),
      'session-may',
    );
    nameDevice(may.doc, { namedDeviceId: 'device-t', name: 'Green' }, may.ctx);
    expect(deviceNamesAcross(namesOf(april.doc, may.doc)).get('device-t')).toBe('Green');
    expect(deviceNamesAcross(namesOf(may.doc, april.doc)).get('device-t')).toBe('Green');
  });
});
