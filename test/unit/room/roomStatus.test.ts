/**
 * Who in the room is behind (src/sync/roomStatus.ts), read from real Yjs docs: each tablet's copy is a Y.Doc,
 * what crossed is its state vector, as the room view takes it from a session file (Y.encodeStateVectorFromUpdate).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  gatheringElsewhere,
  lacks,
  roomAsSeenHere,
  roomTablets,
  sessionDeviceIds,
  TABLET_STATES,
  unionOf,
  type RoomTransfer,
} from '../../../src/sync/roomStatus';
import { viewSession } from '../../../src/doc/session';
import { addProposal } from '../../../src/doc/commands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { createdSession, replicaOf, testContext } from '../helpers/session';
import { encodeDelta, senderStateVectorOf } from '../../../src/sync/cameraTransfer';
import { readSessionFile } from '../../../src/sync/sessionFile';

/** A tablet's copy of a session: a Y.Doc where residents add ideas. */
function tablet(): Y.Doc {
  return new Y.Doc();
}

function addIdea(doc: Y.Doc, id: string): void {
  doc.getMap('proposals').set(id, { id, title: id });
}

/** The state vector of a copy as a session file carries it: from the file's update, not from the doc. */
function fileVector(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(Y.encodeStateAsUpdate(doc)));
}

function vector(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function merge(into: Y.Doc, from: Y.Doc): void {
  Y.applyUpdate(into, Y.encodeStateAsUpdate(from));
}

describe('who in the room is behind', () => {
  it('Given tablets B and C nobody has received from, Then both are not gathered', () => {
    const f = tablet();
    addIdea(f, 'f1');
    const states = roomTablets('F', ['F', 'B', 'C'], [], vector(f));
    expect(states.map((x) => [x.deviceId, x.state])).toEqual([
      ['B', TABLET_STATES.notGathered],
      ['C', TABLET_STATES.notGathered],
    ]);
  });

  it('Given F gathered B and C, When nothing is handed back yet, Then each is behind (it lacks the other’s ideas)', () => {
    const [f, b, c] = [tablet(), tablet(), tablet()];
    addIdea(b, 'b1');
    addIdea(c, 'c1');
    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'B', at: 1, stateVector: fileVector(b) },
      { direction: 'received', peerDeviceId: 'C', at: 2, stateVector: fileVector(c) },
    ];
    merge(f, b);
    merge(f, c);
    const states = roomTablets('F', ['B', 'C'], log, vector(f));
    expect(states.map((x) => x.state)).toEqual([TABLET_STATES.behind, TABLET_STATES.behind]);
    expect(states[0]).toMatchObject({ lastReceivedAt: 1, lastSentAt: null, received: 1, sent: 0 });
  });

  it('Given one tablet whose ideas F already had all of, Then it is up to date', () => {
    const [f, b] = [tablet(), tablet()];
    addIdea(b, 'b1');
    merge(f, b);
    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'B', at: 1, stateVector: fileVector(b) },
    ];
    expect(roomTablets('F', ['B'], log, vector(f))[0]?.state).toBe(TABLET_STATES.upToDate);
  });

  it('Given F sent the room’s ideas through the share sheet (naming no tablet), Then every gathered tablet is sent, not confirmed, and a tablet never gathered stays not gathered', () => {
    const [f, b, c] = [tablet(), tablet(), tablet()];
    addIdea(b, 'b1');
    addIdea(c, 'c1');
    merge(f, b);
    merge(f, c);
    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'B', at: 1, stateVector: fileVector(b) },
      { direction: 'received', peerDeviceId: 'C', at: 2, stateVector: fileVector(c) },
      { direction: 'sent', at: 3, stateVector: vector(f) },
    ];
    const states = roomTablets('F', ['B', 'C', 'D'], log, vector(f));
    expect(states.map((x) => [x.deviceId, x.state, x.lastSentAt])).toEqual([
      ['B', TABLET_STATES.sent, 3],
      ['C', TABLET_STATES.sent, 3],
      ['D', TABLET_STATES.notGathered, 3],
    ]);
  });

  it('Given F’s clock was put back an hour between two sends (share sheet, then to B), Then B’s last send is the later one, whatever its time says', () => {
    const [f, b] = [tablet(), tablet()];
    addIdea(b, 'b1');
    merge(f, b);
    const H = 3_600_000;
    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'B', at: 14 * H, stateVector: fileVector(b) },
      { direction: 'sent', at: 15 * H, stateVector: vector(f) },
      { direction: 'sent', peerDeviceId: 'B', at: 14.5 * H, stateVector: vector(f) },
    ];
    expect(roomTablets('F', ['B'], log, vector(f))[0]).toMatchObject({ sent: 2, lastSentAt: 14.5 * H });
  });

  it('Given a tablet handed back, When F gets a new idea after the send, Then that tablet is behind again', () => {
    const [f, b] = [tablet(), tablet()];
    addIdea(b, 'b1');
    merge(f, b);
    addIdea(f, 'f1');
    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'B', at: 1, stateVector: fileVector(b) },
      { direction: 'sent', peerDeviceId: 'B', at: 2, stateVector: vector(f) },
    ];
    expect(roomTablets('F', ['B'], log, vector(f))[0]?.state).toBe(TABLET_STATES.sent);
    addIdea(f, 'f2');
    expect(roomTablets('F', ['B'], log, vector(f))[0]?.state).toBe(TABLET_STATES.behind);
  });

  it('Given B sends again after adding the room’s ideas, Then it is up to date (proof, not a claim)', () => {
    const [f, b] = [tablet(), tablet()];
    addIdea(b, 'b1');
    addIdea(f, 'f1');
    const first = fileVector(b);
    merge(f, b);
    merge(b, f);
    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'B', at: 1, stateVector: first },
      { direction: 'sent', at: 2, stateVector: vector(f) },
      { direction: 'received', peerDeviceId: 'B', at: 3, stateVector: fileVector(b) },
    ];
    expect(roomTablets('F', ['B'], log, vector(f))[0]).toMatchObject({
      state: TABLET_STATES.upToDate,
      received: 2,
      lastReceivedAt: 3,
    });
  });

  it('Given a camera transfer that carried no state vector, Then the tablet counts as gathered but is not known to be up to date', () => {
    const [f, b] = [tablet(), tablet()];
    addIdea(b, 'b1');
    merge(f, b);
    const log: RoomTransfer[] = [{ direction: 'received', peerDeviceId: 'B', at: 1 }];
    expect(roomTablets('F', ['B'], log, vector(f))[0]?.state).toBe(TABLET_STATES.behind);
  });

  it('Given this device in the list and a tablet met only in the log, Then this device is left out and the other is added', () => {
    const log: RoomTransfer[] = [{ direction: 'received', peerDeviceId: 'E', at: 1, stateVector: new Map() }];
    expect(roomTablets('F', ['F', 'B'], log, new Map()).map((x) => x.deviceId)).toEqual(['B', 'E']);
  });

  it('lacks and unionOf: a copy lacks what another has beyond its clocks; the union holds both', () => {
    const a = new Map([[1, 3]]);
    const b = new Map([
      [1, 2],
      [2, 1],
    ]);
    expect(lacks(a, b)).toBe(true);
    expect(lacks(b, a)).toBe(true);
    expect(lacks(unionOf([a, b]), a)).toBe(false);
    expect(lacks(unionOf([a, b]), b)).toBe(false);
    expect(lacks(a, new Map())).toBe(false);
  });
});

describe('the room as a tablet that is not gathering sees it', () => {
  const idea = (title: string) => ({
    title,
    description: '',
    themeId: 'theme-young',
    costPence: 1_000,
    where: '',
  });

  it('Given T3 gave its ideas to F by file and F handed the room’s ideas back BY CAMERA, Then on T3 F is up to date, as after a file (a walk: “Behind”)', async () => {
    // F's session, given to T3 (share target) before the workshop.
    const s = createdSession(undefined, testContext('F'));
    const t3 = replicaOf(s.doc);
    addProposal(t3, idea('Safer crossing'), null, testContext('T3').ctx);
    // T3 sends its file to F (the share sheet names no tablet); F gathers it and T1's ideas.
    const t3File = Y.encodeStateAsUpdate(t3);
    Y.applyUpdate(s.doc, t3File);
    addProposal(s.doc, idea('Homework club'), null, testContext('T1').ctx);
    // Hand back by camera: T3 asks with what it has, F answers with what T3 lacks.
    const delta = await encodeDelta(
      s.doc,
      {
        sessionId: s.sessionId,
        deviceId: 'T3',
        deviceName: 'Tablet 3',
        stateVector: Y.encodeStateVector(t3),
      },
      { deviceId: 'F', deviceName: 'Facilitator', now: 0 },
    );
    const answer = await readSessionFile(delta.bytes);
    Y.applyUpdate(t3, answer.update);
    const senderVector = senderStateVectorOf(answer.header);
    expect(senderVector).toEqual(Y.encodeStateVector(s.doc));

    const log: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'F', at: 1, stateVector: fileVector(s.doc) },
      { direction: 'sent', at: 2, stateVector: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(t3File)) },
      { direction: 'received', peerDeviceId: 'F', at: 3, stateVector: Y.decodeStateVector(senderVector!) },
    ];
    const room = roomAsSeenHere('T3', ['F', 'T1', 'T2', 'T3'], log, vector(t3));
    expect(room.isGathering).toBe(false);
    // Only what T3 knows: the device it gave its ideas to, up to date; nothing about T1 and T2.
    expect(room.tablets.map((x) => [x.deviceId, x.state])).toEqual([['F', TABLET_STATES.upToDate]]);
  });

  it('Given a tablet that has sent its ideas and received nothing yet, Then it is not gathering and names only the device it sent to', () => {
    expect(gatheringElsewhere([{ direction: 'sent', peerDeviceId: 'F', at: 1 }])).toEqual(['F']);
    const room = roomAsSeenHere(
      'T2',
      ['T1', 'T2', 'F'],
      [{ direction: 'sent', peerDeviceId: 'F', at: 1 }],
      new Map(),
    );
    expect(room.tablets.map((x) => [x.deviceId, x.state])).toEqual([['F', TABLET_STATES.gathering]]);
  });

  it('Given the device gathering received from two tablets and handed back, or received from one and sent nothing yet, Then it is gathering and lists every tablet', () => {
    const gathered: RoomTransfer[] = [
      { direction: 'received', peerDeviceId: 'T1', at: 1, stateVector: new Map() },
      { direction: 'received', peerDeviceId: 'T2', at: 2, stateVector: new Map() },
      { direction: 'sent', at: 3, stateVector: new Map() },
      { direction: 'received', peerDeviceId: 'T1', at: 4, stateVector: new Map() },
    ];
    expect(gatheringElsewhere(gathered)).toBeNull();
    expect(gatheringElsewhere(gathered.slice(0, 1))).toBeNull();
    // Received from one tablet, then handed back to it: still gathering until it hears from it again.
    expect(gatheringElsewhere(gathered.filter((x) => x.peerDeviceId !== 'T2').slice(0, 2))).toBeNull();
    const room = roomAsSeenHere('F', ['T1', 'T2', 'T3'], gathered, new Map());
    expect(room.isGathering).toBe(true);
    expect(room.tablets.map((x) => [x.deviceId, x.state])).toEqual([
      ['T1', TABLET_STATES.upToDate],
      ['T2', TABLET_STATES.upToDate],
      ['T3', TABLET_STATES.notGathered],
    ]);
  });
});

describe('the tablets a session knows', () => {
  it('Given a session set up on an office laptop and edited there again, with ideas from two tablets, Then the tablets are the two that hold ideas, not the laptop', () => {
    const s = createdSession(undefined, testContext('office-laptop'));
    updateSettings(s.doc, { venue: 'St Aidan’s Church Hall' }, s.ctx);
    for (const deviceId of ['tablet-a', 'tablet-b']) {
      const idea = {
        title: `Idea from ${deviceId}`,
        description: '',
        themeId: 'theme-young',
        costPence: 1_000,
        where: '',
      };
      addProposal(s.doc, idea, null, testContext(deviceId).ctx);
    }
    const view = viewSession(s.doc);
    if (!view) throw new Error('the session did not open');
    const ids = sessionDeviceIds(view.records);
    expect(ids.sort()).toEqual(['tablet-a', 'tablet-b']);
  });
});
