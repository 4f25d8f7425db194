/**
 * Issue 13 §3: a tablet handed the room's ideas keeps its own residents' records as its own, and the council later
 * counts every record once. Five tablets (real Y.Docs, residents run through the ordinary commands, their records
 * signed by each tablet's key) are gathered on tablet 1 and handed back through real session files, by the same
 * import the room view uses (prepareImport / applyImport, the merge rules unchanged).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { roomTablets, TABLET_STATES } from '../../../src/sync/roomStatus';
import { applyImport, prepareImport, type ParsedFile } from '../../../src/sync/sessionFile';
import { canonicalRecords } from '../helpers/session';
import { parsedFrom, tabletsApart, type Tablet } from '../sync/workshop';

/** Everything a tablet's own residents wrote: their records and ballots, signatures included. */
function ownRecords(tablet: Tablet): string {
  const r = readRecords(tablet.doc);
  const mine = <T extends { deviceId: string }>(list: readonly T[]): T[] =>
    list.filter((x) => x.deviceId === tablet.ctx.deviceId);
  return JSON.stringify({
    participants: mine(r.participants),
    ballots: mine(r.ballots),
    proposals: mine(r.proposals),
    comments: mine(r.comments),
  });
}

function add(tablet: Tablet, files: readonly ParsedFile[]): void {
  applyImport(tablet.doc, prepareImport(tablet.doc, files));
}

const vector = (doc: Y.Doc): Map<number, number> => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('gathered and handed back', () => {
  it('Given five tablets that worked apart, When tablet 1 gathers them and hands the room back, Then every tablet holds the same records and each tablet’s residents’ records are unchanged and still its own', async () => {
    const tablets = tabletsApart(5, 4);
    const [first, ...others] = tablets as [Tablet, ...Tablet[]];
    const ownBefore = tablets.map(ownRecords);

    // Gather: tablet 1 adds the four files.
    const gathered = await Promise.all(others.map(parsedFrom));
    add(first, gathered);
    // The room's rules: every other tablet is behind tablet 1 now.
    const log = gathered.map((f, i) => ({
      direction: 'received' as const,
      peerDeviceId: f.header.deviceId,
      at: i,
      stateVector: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(f.update)),
    }));
    const ids = others.map((t) => t.ctx.deviceId);
    expect(roomTablets(first.ctx.deviceId, ids, log, vector(first.doc)).map((x) => x.state)).toEqual(
      Array(4).fill(TABLET_STATES.behind),
    );

    // Hand back: each tablet adds tablet 1's file.
    const roomFile = await parsedFrom(first);
    for (const t of others) add(t, [roomFile]);

    // Then: the same records everywhere, and each tablet's own exactly as it wrote them (signatures too).
    for (const t of others) expect(canonicalRecords(t.doc)).toBe(canonicalRecords(first.doc));
    expect(tablets.map(ownRecords)).toEqual(ownBefore);
    // And the room's rules on tablet 1, after a second file from each: every tablet is up to date.
    const again = await Promise.all(others.map(parsedFrom));
    const confirmed = again.map((f, i) => ({
      direction: 'received' as const,
      peerDeviceId: f.header.deviceId,
      at: 10 + i,
      stateVector: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(f.update)),
    }));
    expect(
      roomTablets(first.ctx.deviceId, ids, [...log, ...confirmed], vector(first.doc)).map((x) => x.state),
    ).toEqual(Array(4).fill(TABLET_STATES.upToDate));
  });

  it('Given a tablet handed the room, When its next resident votes and changes their vote, Then tablet 1 accepts that tablet’s file (the ballot is still that tablet’s to replace)', async () => {
    const tablets = tabletsApart(3, 3);
    const [first, second] = tablets as [Tablet, Tablet, Tablet];
    add(first, await Promise.all(tablets.slice(1).map(parsedFrom)));
    add(second, [await parsedFrom(first)]);

    // A resident on tablet 2 after the hand back, backing an idea born on tablet 3.
    const fromThird = viewSession(second.doc)!.visible.find((p) => p.deviceId === 'device-c')!;
    const p = startParticipant(second.doc, { language: 'en', hasConsented: true }, second.ctx);
    castBallot(second.doc, p, { kind: 'dots', dots: { [fromThird.id]: 1 } }, second.ctx);
    second.clock.advance();
    castBallot(second.doc, p, { kind: 'dots', dots: { [fromThird.id]: 3 } }, second.ctx);
    finishParticipant(second.doc, p, second.ctx);

    const preview = prepareImport(first.doc, [await parsedFrom(second)]);
    expect(preview.adds.ballots).toBe(1);
    applyImport(first.doc, preview);
    const ballot = readRecords(first.doc).ballots.find((b) => b.participantId === p)!;
    expect(ballot).toMatchObject({ deviceId: 'device-b', revision: 2 });
  });

  it('Given tablet 1 and tablet 2 after the hand back, When both sync with the council in either order and again, Then the council holds every record once', async () => {
    const tablets = tabletsApart(5, 3);
    const [first, second] = tablets as [Tablet, Tablet];
    add(first, await Promise.all(tablets.slice(1).map(parsedFrom)));
    add(second, [await parsedFrom(first)]);

    const orders = [
      [first, second, first, second],
      [second, first, second, first],
    ];
    const councils = orders.map((order) => {
      const council = new Y.Doc();
      for (const t of order)
        Y.applyUpdate(council, Y.encodeStateAsUpdate(t.doc, Y.encodeStateVector(council)));
      return council;
    });
    expect(canonicalRecords(councils[0]!)).toBe(canonicalRecords(first.doc));
    expect(canonicalRecords(councils[1]!)).toBe(canonicalRecords(first.doc));
    // Counted once: one ballot per resident who voted on any tablet, the same figure tablet 1 shows.
    const voters = new Set(tablets.flatMap((t) => readRecords(t.doc).ballots.map((b) => b.participantId)));
    for (const council of councils) {
      expect(readRecords(council).ballots).toHaveLength(voters.size);
      expect(viewSession(council)!.count).toEqual(viewSession(first.doc)!.count);
    }
  });
});
