/**
 * Tablet to tablet by camera, end to end in Node with real Yjs documents (src/sync/cameraTransfer.ts): tablet B
 * asks with its state vector, tablet A answers with only what B lacks as a session file cut into fountain frames,
 * B reads 70% of them and merges through the session-file import (readSessionFile, prepareImport, applyImport):
 * B ends with exactly A's records, and a damaged or misdirected answer changes nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { viewSession } from '../../../src/doc/session';
import { readRecords } from '../../../src/doc/schema';
import {
  decodeRequest,
  encodeDelta,
  encodeRequest,
  FrameCollector,
  frameSource,
  mergeableFile,
  newRequestId,
  TAKE_OUTCOMES,
  transferIdOf,
  type TransferRequest,
} from '../../../src/sync/cameraTransfer';
import { applyImport, prepareImport, readSessionFile } from '../../../src/sync/sessionFile';
import { canonicalRecords, replicaOf } from '../helpers/session';
import { exportFrom, expectRefusal, runResidents, stateOf, tabletsApart, type Tablet } from './workshop';

function requestOf(doc: Y.Doc, sessionId: string): TransferRequest {
  return { sessionId, deviceId: 'device-b', deviceName: 'Tablet 2', stateVector: Y.encodeStateVector(doc) };
}

/** Sends `message` as frames, dropping 3 of every 10, until the collector has it all. */
function overTheCamera(
  message: Uint8Array,
  collector: FrameCollector,
  ids: Parameters<typeof frameSource>[2],
) {
  const source = frameSource(message, collector.expects.kind, ids);
  let shown = 0;
  for (let seq = 0; collector.message() === null; seq++) {
    shown++;
    if (seq % 10 >= 7) continue;
    collector.take(source.frame(seq));
    if (seq > 10 * source.blocks + 100) throw new Error('never completed');
  }
  return { message: collector.message()!, shown, blocks: source.blocks };
}

describe('camera transfer between two tablets', () => {
  it('Given tablet A ran a morning of residents that tablet B lacks, when B asks by QR and A answers with frames of which 30% are lost, then B adds exactly what A has and the answer is smaller than a whole session file', async () => {
    const [a, b] = tabletsApart(2, 2);
    runResidents(a!, 20);
    // Two turns in which nothing was done: sent, but not residents (as the dashboard counts them).
    startParticipant(a!.doc, { language: 'en', hasConsented: true }, a!.ctx);
    startParticipant(a!.doc, { language: 'en', hasConsented: true }, a!.ctx);
    const sessionId = readRecords(a!.doc).sessionId;

    // B's request, over the camera.
    const requestId = newRequestId();
    const asked = new FrameCollector({ kind: 'R', sessionId });
    const requestBytes = overTheCamera(encodeRequest(requestOf(b!.doc, sessionId)), asked, {
      sessionId,
      transferId: requestId,
      requestId,
    }).message;
    const request = decodeRequest(requestBytes)!;
    expect(request.deviceName).toBe('Tablet 2');
    expect(request.stateVector).toEqual(Y.encodeStateVector(b!.doc));

    // A's answer: only what B lacks, over the camera.
    const delta = await encodeDelta(a!.doc, request, {
      deviceId: 'device-a',
      deviceName: 'Tablet 1',
      now: 0,
    });
    expect(delta.transferId).toBe(transferIdOf(delta.bytes));
    const whole = await exportFrom(a!);
    expect(delta.bytes.byteLength).toBeLessThan(whole.byteLength);
    const collector = new FrameCollector({ kind: 'D', sessionId, requestId });
    const received = overTheCamera(delta.bytes, collector, {
      sessionId,
      transferId: delta.transferId,
      requestId,
    });
    expect(received.message).toEqual(delta.bytes);

    // B merges it as a session file.
    const parsed = await readSessionFile(received.message, { fileName: 'Tablet 1' });
    const expected = replicaOf(b!.doc);
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(a!.doc));
    const preview = prepareImport(b!.doc, mergeableFile(b!.doc, parsed));
    expect(preview.adds.proposals).toBe(delta.counts.proposals);
    expect(preview.adds.comments).toBe(delta.counts.comments);
    expect(preview.adds.participants).toBe(delta.counts.participants);
    expect(delta.counts.participants).toBe(22); // A's first 2 and its 20, not the 2 empty turns
    const onB = new Set(readRecords(b!.doc).proposals.map((p) => p.id));
    expect(preview.adds.proposals).toBe(readRecords(a!.doc).proposals.filter((p) => !onB.has(p.id)).length);
    expect(preview.adds.proposals).toBeGreaterThanOrEqual(10);
    applyImport(b!.doc, preview);
    expect(canonicalRecords(b!.doc)).toBe(canonicalRecords(expected));
    // B now has everything A has: every one of A's Yjs clients is as far on B.
    const onBNow = Y.decodeStateVector(Y.encodeStateVector(b!.doc));
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(a!.doc))) {
      expect(onBNow.get(client)).toBe(clock);
    }
  });

  it('Given B gathered from A at midday, when A answers again later, then "residents" counts who becomes a resident on B: not one who only finished, but one whose empty turn now has a ballot (a review: 1 and 0 before)', async () => {
    /** A's answer to B after: `before` runs on A, B gathers everything, then `after` runs on A. */
    const later = async (
      before: (a: Tablet, idea: string) => string,
      after: (a: Tablet, idea: string, who: string) => void,
    ): Promise<{ said: number; added: number }> => {
      const [b, a] = tabletsApart(2, 2) as [Tablet, Tablet];
      const idea = viewSession(a.doc)!.visible[0]!.id;
      const who = before(a, idea);
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
      after(a, idea, who);
      const sessionId = readRecords(a.doc).sessionId;
      const delta = await encodeDelta(a.doc, requestOf(b.doc, sessionId), {
        deviceId: 'device-b',
        deviceName: 'Tablet 2',
        now: 0,
      });
      const parsed = await readSessionFile(delta.bytes, { fileName: 'Tablet 2' });
      const preview = prepareImport(b.doc, mergeableFile(b.doc, parsed));
      return { said: delta.counts.participants, added: preview.adds.participants };
    };
    const start = (a: Tablet): string =>
      startParticipant(a.doc, { language: 'en', hasConsented: true }, a.ctx);

    // A resident with a ballot at midday, who finishes after: B already counts them.
    const finished = await later(
      (a, idea) => {
        const voter = start(a);
        castBallot(a.doc, voter, { kind: 'dots', dots: { [idea]: 1 } }, a.ctx);
        return voter;
      },
      (a, _idea, voter) => finishParticipant(a.doc, voter, a.ctx),
    );
    expect(finished).toEqual({ said: 0, added: 0 });

    // A turn with nothing done at midday, whose ballot comes after: B counts one more resident.
    const lateBallot = await later(
      (a) => start(a),
      (a, idea, who) => castBallot(a.doc, who, { kind: 'dots', dots: { [idea]: 2 } }, a.ctx),
    );
    expect(lateBallot).toEqual({ said: 1, added: 1 });
  });

  it('Given an answer damaged on the way, when B reads it, then the checksum refuses it and nothing is applied', async () => {
    const [a, b] = tabletsApart(2, 3);
    const sessionId = readRecords(a!.doc).sessionId;
    const delta = await encodeDelta(a!.doc, requestOf(b!.doc, sessionId), {
      deviceId: 'device-a',
      deviceName: 'Tablet 1',
      now: 0,
    });
    const bytes = delta.bytes.slice();
    bytes[bytes.length - 10]! ^= 0x40;
    const before = stateOf(b!.doc);
    await expectRefusal(() => readSessionFile(bytes), 'checksumMismatch');
    expect(stateOf(b!.doc)).toEqual(before);
  });

  it('Given an answer made for another tablet (one that had records B lacks), when B merges it, then it is refused as incomplete and nothing is applied', async () => {
    const [a, b, c] = tabletsApart(3, 3);
    const sessionId = readRecords(a!.doc).sessionId;
    // C already has A's first residents; B does not. A's answer to C leaves them out and carries on after them.
    Y.applyUpdate(c!.doc, Y.encodeStateAsUpdate(a!.doc));
    runResidents(a!, 3);
    const forC = await encodeDelta(a!.doc, requestOf(c!.doc, sessionId), {
      deviceId: 'device-a',
      deviceName: 'Tablet 1',
      now: 0,
    });
    const parsed = await readSessionFile(forC.bytes);
    const before = stateOf(b!.doc);
    const error = await expectRefusal(
      () => prepareImport(b!.doc, mergeableFile(b!.doc, parsed)),
      'badContent',
    );
    expect(error.problems[0]?.problem).toBe('incomplete');
    expect(stateOf(b!.doc)).toEqual(before);
    // The same answer is whole for C, the tablet it was made for.
    expect(prepareImport(c!.doc, mergeableFile(c!.doc, parsed)).adds.participants).toBe(3);
  });

  it('Given frames of another session mixed in, when B reads, then they are refused and B still gets its own answer', () => {
    const collector = new FrameCollector({ kind: 'D', sessionId: 'session-b', requestId: 5 });
    const foreign = frameSource(new Uint8Array(900), 'D', {
      sessionId: 'session-x',
      transferId: 1,
      requestId: 5,
    });
    expect(collector.take(foreign.frame(0))).toBe(TAKE_OUTCOMES.otherSession);
    expect(collector.progress).toBe(0);
  });
});
