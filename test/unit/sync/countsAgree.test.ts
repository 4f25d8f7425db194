/**
 * What the session-file preview, the "saved" file's header and the camera sender say a transfer brings, against
 * what the dashboard's figures do once it is merged (sessionCounts, readRecords). A walk found them apart on a
 * messy day: a withdrawn paper sheet (a try under a number then put right) still counted as a ballot, a sheet
 * typed on two devices counted twice, a decision try its retry replaced counted as a decision, a later revision
 * of a ballot counted as a ballot added, and for the same two files the preview said "Adds 2" or "Adds 1" from
 * run to run, as Yjs kept one device's write of a sheet's key or the other's (random client ids).
 *
 * Real Yjs docs, real commands: tablets A and B, and an officer's laptop O that gathers them.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { sessionCounts } from '../../../src/domain/results/participation';
import type { Ballot } from '../../../src/domain/types';
import {
  decodeRequest,
  encodeDelta,
  encodeRequest,
  type TransferRequest,
} from '../../../src/sync/cameraTransfer';
import { heldSheets, MAX_SHEETS_TEXT, sheetRanges, sheetsIn } from '../../../src/sync/deltaCounts';
import {
  applyImport,
  encodeSessionFile,
  prepareImport,
  readSessionFile,
  type ParsedFile,
} from '../../../src/sync/sessionFile';
import { previewInWords } from '../../../src/ui/facilitator/files/words';
import '../../../src/ui/facilitator/files/messages';
import { makeTranslator } from '../../../src/ui/i18n';
import { exchange, replicaOf, testContext } from '../helpers/session';
import { paperSession } from '../paper/fixtures';

/** The figures the dashboard and the officer's history show. */
function figures(doc: Y.Doc) {
  const view = viewSession(doc)!;
  const c = sessionCounts(view);
  return {
    residents: c.residents,
    ballots: c.ballotsCounted + c.ballotsExcluded,
    statuses: view.records.statuses.length,
  };
}

/** A device's copy of the session whose own writes carry the given Yjs client id. */
function deviceCopy(doc: Y.Doc, clientID: number): Y.Doc {
  const copy = replicaOf(doc);
  copy.clientID = clientID;
  return copy;
}

async function fileOf(doc: Y.Doc, name: string): Promise<ParsedFile> {
  const bytes = await encodeSessionFile(doc, { deviceId: name, deviceName: name, now: Date.now() });
  return readSessionFile(bytes, { fileName: `${name}.codesign` });
}

/**
 * The day: a resident votes on B, and A gets that ballot; then, apart, A types sheets 1 and 3 and B types sheet 3
 * differently and sheet 5, and the resident changes their priorities on B (a later revision of the ballot A has).
 * The officer's laptop O gathers both; storage refuses its try at sheet 17 though the council has it (and sends it
 * back), and it tries again as sheet 7, the number put right; its decision on Youth club is refused the same way
 * and saved on a retry; it decides on Job fair once.
 */
function day(clientIds: { a: number; b: number }) {
  const s = paperSession();
  const A = deviceCopy(s.doc, clientIds.a);
  const B = deviceCopy(s.doc, clientIds.b);
  const a = testContext('device-a', { startAt: s.clock.now() + 1000, idPrefix: 'a' });
  const b = testContext('device-b', { startAt: s.clock.now() + 1000, idPrefix: 'b' });
  const resident = startParticipant(B, { language: 'en', hasConsented: true }, b.ctx);
  castBallot(B, resident, { kind: 'dots', dots: { [s.ids.I1]: 1 } }, b.ctx);
  exchange(A, B);
  const atNoon = { A: Y.encodeStateAsUpdate(A), B: Y.encodeStateAsUpdate(B) };
  a.clock.advance();
  b.clock.advance();
  enterPaperBallot(A, { sheet: 1, choices: { kind: 'dots', dots: { [s.ids.I1]: 2 } } }, a.ctx);
  enterPaperBallot(A, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I1]: 1 } } }, a.ctx);
  enterPaperBallot(B, { sheet: 3, choices: { kind: 'dots', dots: { [s.ids.I2]: 2 } } }, b.ctx);
  enterPaperBallot(B, { sheet: 5, choices: { kind: 'dots', dots: { [s.ids.I3]: 1 } } }, b.ctx);
  b.clock.advance();
  castBallot(B, resident, { kind: 'dots', dots: { [s.ids.I2]: 3 } }, b.ctx);
  finishParticipant(B, resident, b.ctx);

  const O = deviceCopy(A, 3);
  exchange(O, B);
  const o = testContext('office-pc', { startAt: s.clock.now() + 60_000, idPrefix: 'o' });
  // What storage refused on O but the council kept and sent back.
  const tried = replicaOf(O);
  const sheet17 = { sheet: 17, choices: { kind: 'dots' as const, dots: { [s.ids.I3]: 2 } } };
  enterPaperBallot(tried, { ...sheet17, attempt: { typingId: 'o-try-1', earlier: [] } }, o.ctx);
  const funded = { proposalId: s.ids.I1, status: 'funded' as const, amountPence: 2_000_000, reason: '' };
  setProposalStatus(tried, funded, o.ctx, { recordId: 'o-status-1', earlier: [] });
  Y.applyUpdate(O, Y.encodeStateAsUpdate(tried, Y.encodeStateVector(O)));
  o.clock.advance();
  enterPaperBallot(
    O,
    { ...sheet17, sheet: 7, attempt: { typingId: 'o-try-2', earlier: ['o-try-1'] } },
    o.ctx,
  );
  setProposalStatus(O, funded, o.ctx, { recordId: 'o-status-2', earlier: ['o-status-1'] });
  o.clock.advance();
  setProposalStatus(O, { proposalId: s.ids.I2, status: 'shortlisted', amountPence: null, reason: '' }, o.ctx);
  return { A, B, O, atNoon, tried, ids: s.ids, at: s.clock.now() };
}

/** A receiver's request as its room screen makes it, read back as the sender's camera reads it. */
function requestOf(doc: Y.Doc, deviceId: string): TransferRequest {
  const made = {
    sessionId: 'session-1',
    deviceId,
    deviceName: deviceId,
    stateVector: Y.encodeStateVector(doc),
  };
  return decodeRequest(encodeRequest({ ...made, sheets: heldSheets(doc) }))!;
}

/** What a camera sender says it sends, and how much the receiver's dashboard grows once merged. */
async function cameraGrowth(from: Y.Doc, to: Y.Doc, request: TransferRequest) {
  const delta = await encodeDelta(from, request, {
    deviceId: 'sender',
    deviceName: 'Sender',
    now: Date.now(),
  });
  const merged = replicaOf(to);
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(from, request.stateVector));
  const [before, after] = [figures(to), figures(merged)];
  const { participants: residents, ballots, statuses } = delta.counts;
  return {
    says: { residents, ballots, statuses },
    grew: {
      residents: after.residents - before.residents,
      ballots: after.ballots - before.ballots,
      statuses: after.statuses - before.statuses,
    },
  };
}

/** The target's figures before and after the preview is applied to a copy of it. */
function growth(target: Y.Doc | null, files: ParsedFile) {
  const preview = prepareImport(target, files);
  const merged = target ? replicaOf(target) : new Y.Doc();
  applyImport(merged, preview);
  const before = target ? figures(target) : { residents: 0, ballots: 0, statuses: 0 };
  const after = figures(merged);
  return {
    preview,
    grew: {
      residents: after.residents - before.residents,
      ballots: after.ballots - before.ballots,
      statuses: after.statuses - before.statuses,
    },
    after,
    merged,
  };
}

const CLIENT_ORDERS = [
  { a: 1, b: 2 },
  { a: 2, b: 1 },
];

describe('what a transfer says it brings is what the dashboard gains', () => {
  it('Given the officer laptop holds a withdrawn sheet, a sheet typed on two devices and a refused decision try, when its file is previewed on tablet A, then "adds" is what the dashboard and the decision history grow by', async () => {
    for (const order of CLIENT_ORDERS) {
      const { A, O } = day(order);
      const { preview, grew } = growth(A, await fileOf(O, 'office'));
      expect(grew).toEqual({ residents: 2, ballots: 2, statuses: 2 });
      expect({
        residents: preview.adds.participants,
        ballots: preview.adds.ballots,
        statuses: preview.adds.statuses,
      }).toEqual(grew);
      // The resident who changed their priorities on B, and sheet 3 as B typed it (it wins by the survivor rule).
      expect(preview.updatedParticipants).toBe(2);
      // Typings: B's of sheets 3 and 5, O's of sheet 7; not O's withdrawn try at sheet 17.
      expect(preview.adds.paperTypings).toBe(3);
    }
  });

  it('Given tablet A holds the laptop’s refused try at sheet 17 (the council sent it back), when the laptop’s file with its retry as sheet 7 is previewed on A, then the preview adds no ballot and says it replaces one, as the dashboard stays the same', async () => {
    for (const order of CLIENT_ORDERS) {
      const { O, tried } = day(order);
      // A already has everything on the laptop but its retries and its decision on Job fair.
      const A = replicaOf(tried);
      const { preview, grew } = growth(A, await fileOf(O, 'office'));
      expect(grew).toEqual({ residents: 0, ballots: 0, statuses: 1 });
      expect([preview.adds.ballots, preview.adds.participants]).toEqual([0, 0]);
      // The decision on Youth club was tried there too: its retry stands in the history in its place.
      expect(preview.adds.statuses).toBe(1);
      expect([preview.replaces.ballots, preview.replaces.participants, preview.replaces.statuses]).toEqual([
        1, 1, 1,
      ]);
      expect(preview.totals.ballots).toBe(figures(A).ballots);
      const words = previewInWords(makeTranslator('en'), preview).join(' ');
      expect(words).not.toMatch(/ballot.* from office/);
      expect(words).toMatch(/^Adds 1 decision on an idea from office\./);
      expect(words).toContain(
        'The files try again what this tablet holds as 1 ballot, 1 resident and 1 decision on an idea',
      );
    }
  });

  it('Given the same two tablets, when B’s file is previewed on A, then it says the same whichever device’s write of sheet 3 Yjs keeps, and that is what the dashboard gains', async () => {
    const seen: unknown[] = [];
    const kept = new Set<string>();
    for (const order of CLIENT_ORDERS) {
      const { A, B } = day(order);
      const { preview, grew, merged } = growth(A, await fileOf(B, 'tablet-b'));
      kept.add(merged.getMap<Ballot>('ballots').get('paper-3')?.deviceId ?? '');
      expect(grew).toEqual({ residents: 1, ballots: 1, statuses: 0 });
      expect(preview.adds.ballots).toBe(grew.ballots);
      expect(preview.adds.participants).toBe(grew.residents);
      seen.push({ adds: preview.adds, updated: preview.updatedParticipants, totals: preview.totals });
    }
    expect(seen[1]).toEqual(seen[0]);
    // The two orders did keep different writes of the sheet's key.
    expect([...kept].sort()).toEqual(['device-a', 'device-b']);
  });

  it('Given a device without the session, when O’s file is saved and opened there, then the file header, the preview and the dashboard of the saving device say the same', async () => {
    for (const order of CLIENT_ORDERS) {
      const { O } = day(order);
      const file = await fileOf(O, 'office');
      const { preview, after } = growth(null, file);
      const there = figures(O);
      expect(after).toEqual(there);
      const { totals } = preview;
      expect([totals.ballots, totals.participants, totals.statuses]).toEqual([
        there.ballots,
        there.residents,
        there.statuses,
      ]);
      const r = readRecords(O);
      expect(file.header.counts).toEqual({
        proposals: totals.proposals,
        comments: totals.comments,
        participants: totals.participants,
        ballots: totals.ballots,
        moderation: totals.moderation,
        statuses: totals.statuses,
      });
      expect(totals.ballots).toBe(r.ballots.length);
    }
  });

  it('Given O holds every typing A has, when O sends A what it lacks by camera, then "Sending …" is what A’s dashboard and decision history grow by', async () => {
    for (const order of CLIENT_ORDERS) {
      const { A, O } = day(order);
      // With the sheets A counts in its request, and without them (an older app's request).
      const request = requestOf(A, 'device-a');
      for (const asked of [request, { ...request, sheets: undefined }]) {
        const { says, grew } = await cameraGrowth(O, A, asked);
        expect(says).toEqual(grew);
      }
    }
  });

  it('Given A typed sheet 3 apart and B never saw it, when B sends A what it lacks by camera, then "Sending …" counts only sheet 5, as A’s dashboard grows by one ballot and one resident', async () => {
    for (const order of CLIENT_ORDERS) {
      // The afternoon again, before the laptop gathered: each tablet types its sheets without the other's.
      const { atNoon, ids, at } = day(order);
      const [A, B] = [atNoon.A, atNoon.B].map((u) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, u);
        return doc;
      }) as [Y.Doc, Y.Doc];
      const later = at + 5000;
      const a = testContext('device-a', { startAt: later, idPrefix: 'a2' });
      const b = testContext('device-b', { startAt: later, idPrefix: 'b2' });
      enterPaperBallot(A, { sheet: 1, choices: { kind: 'dots', dots: { [ids.I1]: 2 } } }, a.ctx);
      enterPaperBallot(A, { sheet: 3, choices: { kind: 'dots', dots: { [ids.I1]: 1 } } }, a.ctx);
      enterPaperBallot(B, { sheet: 3, choices: { kind: 'dots', dots: { [ids.I2]: 2 } } }, b.ctx);
      enterPaperBallot(B, { sheet: 5, choices: { kind: 'dots', dots: { [ids.I3]: 1 } } }, b.ctx);
      const request = requestOf(A, 'device-a');
      expect(request.sheets).toBe('1,3');
      const { says, grew } = await cameraGrowth(B, A, request);
      expect(grew).toEqual({ residents: 1, ballots: 1, statuses: 0 });
      expect(says).toEqual(grew);
      // An older app's request lists no sheets: its sender still counts sheet 3, as far as it can tell.
      const older = await cameraGrowth(B, A, { ...request, sheets: undefined });
      expect(older.says).toEqual({ residents: 2, ballots: 2, statuses: 0 });
    }
  });

  it('Given A holds the laptop’s refused try at sheet 17, when the laptop sends A its retry as sheet 7 by camera, then it says no ballot and no resident, as A’s dashboard stays the same', async () => {
    for (const order of CLIENT_ORDERS) {
      const { O, tried } = day(order);
      const A = replicaOf(tried);
      const request = requestOf(A, 'device-a');
      expect(request.sheets).toBe('1,3,5,17');
      const { says, grew } = await cameraGrowth(O, A, request);
      // The decision on Job fair is new; Youth club's retry stands in its try's place.
      expect(grew).toEqual({ residents: 0, ballots: 0, statuses: 1 });
      expect(says).toEqual(grew);
    }
  });

  it('Given a request’s list of sheets, then it is ranges within its limit, a list past the limit is left out, and a list that is not one is not read', () => {
    expect(sheetRanges([5, 1, 2, 3, 9, 10, 3])).toBe('1-3,5,9-10');
    expect(sheetRanges([])).toBe('');
    const held = sheetsIn('1-3,5,9-10')!;
    expect([1, 2, 3, 4, 5, 8, 9, 10, 11].filter(held)).toEqual([1, 2, 3, 5, 9, 10]);
    // Every other sheet from 1 to 999,999 does not fit: the request then carries none.
    const scattered = Array.from({ length: 2000 }, (_, i) => 1 + i * 2);
    expect(sheetRanges(scattered)).toBeUndefined();
    expect(sheetRanges(Array.from({ length: 5000 }, (_, i) => i + 1))).toBe('1-5000');
    for (const bad of ['1-', '0', '3-1', '1,,2', '1000000', 'x', '1'.repeat(MAX_SHEETS_TEXT + 1)]) {
      expect(sheetsIn(bad)).toBeNull();
      const bytes = encodeRequest({
        sessionId: 'session-1',
        deviceId: 'device-a',
        deviceName: 'A',
        stateVector: Y.encodeStateVector(new Y.Doc()),
        sheets: bad,
      });
      expect(decodeRequest(bytes)).not.toHaveProperty('sheets');
    }
  });

  it('Given A holds the resident’s first ballot, when B sends A what it lacks by camera, then the later revision is no new ballot and only the sheets are new residents', async () => {
    for (const order of CLIENT_ORDERS) {
      const { atNoon, B } = day(order);
      const A = new Y.Doc();
      Y.applyUpdate(A, atNoon.A);
      const stateVector = Y.encodeStateVector(A);
      const request = { sessionId: 'session-1', deviceId: 'device-a', deviceName: 'A', stateVector };
      const delta = await encodeDelta(B, request, { deviceId: 'device-b', deviceName: 'B', now: Date.now() });
      const merged = replicaOf(A);
      Y.applyUpdate(merged, Y.encodeStateAsUpdate(B, stateVector));
      const [before, after] = [figures(A), figures(merged)];
      // Sheets 1, 3 and 5 (B has A's typings from the laptop), not the resident's later ballot.
      expect([after.ballots - before.ballots, after.residents - before.residents]).toEqual([3, 3]);
      expect([delta.counts.ballots, delta.counts.participants]).toEqual([3, 3]);
    }
  });
});
