/**
 * Trying a sheet again after "not saved" (src/doc/paperCommands.ts PaperAttempt). The office laptop's storage
 * refused sheet 12, so the laptop dropped it, but its sync had already sent it to the council. Whether the
 * council's copy comes back before the retry or after, the retry makes the sheet one ballot with one typing that
 * counts, never a sheet "already entered" or "typed differently on two devices"; and the council takes it.
 * Another device's typing of the sheet is still the officer's to check. When the officer corrects the sheet
 * number before trying again, the try under the old number goes too: one sheet, one ballot, one resident.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot, type PaperAttempt } from '../../../src/doc/paperCommands';
import { viewSession } from '../../../src/doc/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';
import { channelOf, paperSheets } from '../../../src/domain/paper';
import { takingPart } from '../../../src/domain/results/participation';
import type { BallotChoices, PaperTyping } from '../../../src/domain/types';
import { UpdateGate } from '../../../src/server/validation';
import { exchange, expectValidation, replicaOf, testContext } from '../helpers/session';
import { testSigner } from '../helpers/signing';
import { asOlderApp, paperSession, type PaperSession } from './fixtures';

/** The council's copy, and the office laptop's, which has just had a try at sheet 12 refused by storage. */
function refusedTry(s: PaperSession, choices: BallotChoices) {
  const council = replicaOf(s.doc);
  const gate = new UpdateGate('session-1', council);
  const laptop = replicaOf(s.doc);
  const office = testContext('office-pc', { startAt: s.clock.now() + 60_000 });
  // The try as the sync saw it: written to the laptop's document and sent, then dropped there when the save failed.
  const tried = replicaOf(laptop);
  enterPaperBallot(tried, { sheet: 12, choices, attempt: { typingId: 'try-1', earlier: [] } }, office.ctx);
  const sent = Y.encodeStateAsUpdate(tried, Y.encodeStateVector(council));
  expect(gate.check(sent, 'officer')).toEqual([]);
  Y.applyUpdate(council, sent);
  office.clock.advance(30_000);
  /** The officer's retry on the laptop, then what it sends the council (which the council must take). */
  const retry = (
    again: BallotChoices,
    attempt: PaperAttempt = { typingId: 'try-2', earlier: ['try-1'] },
    sheet = 12,
  ) => {
    const before = Y.encodeStateVector(council);
    enterPaperBallot(laptop, { sheet, choices: again, attempt }, office.ctx);
    expect(gate.check(Y.encodeStateAsUpdate(laptop, before), 'officer')).toEqual([]);
    exchange(laptop, council);
  };
  return { council, laptop, retry, office };
}

/** Every figure that says how many paper sheets there are: sheets, counted ballots, residents, sheets flagged. */
function paperTally(doc: Y.Doc) {
  const view = viewSession(doc)!;
  return {
    sheets: paperSheets(view.records.paperTypings).map((x) => x.sheet),
    counted: view.count.counted
      .filter((c) => channelOf(c.ballot) === 'paper')
      .map((c) => c.ballot.participantId),
    excluded: view.count.excluded.filter((e) => channelOf(e.ballot) === 'paper').length,
    residents: takingPart(view.records)
      .residents.filter((p) => channelOf(p) === 'paper')
      .map((p) => p.id)
      .sort(),
    flagged: sessionChecks(view).paperConflicts.map((c) => c.sheet),
  };
}

function sheet12(doc: Y.Doc) {
  const view = viewSession(doc)!;
  const sheet = paperSheets(view.records.paperTypings).find((x) => x.sheet === 12)!;
  return {
    current: sheet.current.map((t) => t.id),
    counted: view.count.counted
      .filter((c) => channelOf(c.ballot) === 'paper')
      .map((c) => ({ id: c.ballot.participantId, kind: c.ballot.kind })),
    survivor: sheet.survivor.ballot,
    flagged: sessionChecks(view).paperConflicts.map((c) => c.sheet),
  };
}

/**
 * The council's copy holding sheets an officer typed at the office (signed with its key), and their typings;
 * `olderApp`: typed by an app from before typings were named in their ballots (asOlderApp).
 */
function officerSheets(sheets: number[], options: { olderApp?: boolean } = {}) {
  const s = paperSession();
  const council = replicaOf(s.doc);
  const gate = new UpdateGate('session-1', council);
  const laptop = replicaOf(council);
  const office = testContext('office-pc', { startAt: s.clock.now() + 60_000 });
  for (const sheet of sheets) {
    office.clock.advance();
    enterPaperBallot(laptop, { sheet, choices: { kind: 'dots', dots: { [s.ids.I1]: 3 } } }, office.ctx);
  }
  if (options.olderApp === true) asOlderApp(laptop);
  exchange(laptop, council);
  const all = viewSession(council)!.records.paperTypings;
  const typings = sheets.map((sheet) => all.find((t) => t.sheet === sheet)!);
  return { s, council, gate, typings };
}

describe('trying a paper sheet again after "not saved"', () => {
  it('Given sheet 12 refused on the laptop but at the council, when the officer tries again (a typo put right) before the council sends it back, then on both the sheet counts once, as retried, and is not flagged', () => {
    const s = paperSession();
    const { council, laptop, retry } = refusedTry(s, { kind: 'dots', dots: { [s.ids.I1]: 2 } });
    retry({ kind: 'dots', dots: { [s.ids.I1]: 3 } });
    for (const doc of [laptop, council]) {
      const seen = sheet12(doc);
      expect(seen.current).toEqual(['try-2']);
      expect(seen.counted).toEqual([{ id: 'paper-12', kind: 'dots' }]);
      expect(seen.survivor).toMatchObject({ dots: { [s.ids.I1]: 3 } });
      expect(seen.flagged).toEqual([]);
    }
  });

  it('Given the council sent sheet 12 back to the laptop before the retry, when the officer tries again, then it is not "already entered": the retry replaces the earlier try, and the sheet counts once', () => {
    const s = paperSession();
    const choices: BallotChoices = { kind: 'dots', dots: { [s.ids.I2]: 1 } };
    const { council, laptop, retry } = refusedTry(s, choices);
    exchange(laptop, council);
    retry(choices);
    for (const doc of [laptop, council]) {
      const seen = sheet12(doc);
      expect(seen.current).toEqual(['try-2']);
      expect(seen.survivor.revision).toBe(2);
      expect(seen.counted).toHaveLength(1);
      expect(seen.flagged).toEqual([]);
    }
  });

  it('Given sheet 12 typed on another device, when the officer’s retry names only its own tries, then the sheet is still "already entered"', () => {
    const s = paperSession();
    const { council, laptop, retry } = refusedTry(s, { kind: 'dots', dots: { [s.ids.I1]: 1 } });
    const tablet = replicaOf(s.doc);
    enterPaperBallot(tablet, { sheet: 12, choices: { kind: 'dots', dots: { [s.ids.I3]: 1 } } }, s.ctx);
    exchange(tablet, council);
    exchange(laptop, council);
    expectValidation(() => retry({ kind: 'dots', dots: { [s.ids.I1]: 1 } }), 'sheetTaken', 'sheet');
    // Not after another sheet's try either: a try names the typings it wrote, nothing else.
    expectValidation(
      () => retry({ kind: 'dots', dots: { [s.ids.I1]: 1 } }, { typingId: 'try-3', earlier: ['other'] }),
      'sheetTaken',
      'sheet',
    );
  });

  it('Given sheet 12 refused on the laptop but at the council, when the officer corrects the number to 13 and tries again before the council sends it back, then on both only sheet 13 counts: one ballot, one resident', () => {
    const s = paperSession();
    const choices: BallotChoices = { kind: 'dots', dots: { [s.ids.I1]: 2 } };
    const { council, laptop, retry } = refusedTry(s, choices);
    retry(choices, { typingId: 'try-2', earlier: ['try-1'] }, 13);
    for (const doc of [laptop, council]) {
      expect(paperTally(doc)).toEqual({
        sheets: [13],
        counted: ['paper-13'],
        excluded: 0,
        residents: ['paper-13'],
        flagged: [],
      });
    }
  });

  it('Given the council sent sheet 12 back before the retry, when the officer tries again as sheet 13, then sheet 12 goes, and the real sheet 12 can still be typed in later', () => {
    const s = paperSession();
    const { council, laptop, retry, office } = refusedTry(s, { kind: 'dots', dots: { [s.ids.I2]: 1 } });
    exchange(laptop, council);
    expect(paperTally(laptop).counted).toEqual(['paper-12']);
    retry({ kind: 'dots', dots: { [s.ids.I2]: 1 } }, { typingId: 'try-2', earlier: ['try-1'] }, 13);
    for (const doc of [laptop, council]) expect(paperTally(doc).counted).toEqual(['paper-13']);
    // Sheet 12 is not "already entered": as far as the officer knows it never was.
    office.clock.advance(60_000);
    enterPaperBallot(laptop, { sheet: 12, choices: { kind: 'dots', dots: { [s.ids.I3]: 3 } } }, office.ctx);
    exchange(laptop, council);
    for (const doc of [laptop, council]) {
      expect(paperTally(doc)).toEqual({
        sheets: [12, 13],
        counted: ['paper-12', 'paper-13'],
        excluded: 0,
        residents: ['paper-12', 'paper-13'],
        flagged: [],
      });
      expect(sheet12(doc).survivor).toMatchObject({ dots: { [s.ids.I3]: 3 } });
    }
  });

  it('Given sheet 12 also typed on another device, when the laptop’s retry moves to sheet 13, then only the laptop’s own try goes: sheet 12 stays as the other device typed it', () => {
    const s = paperSession();
    const { council, laptop, retry } = refusedTry(s, { kind: 'dots', dots: { [s.ids.I1]: 1 } });
    const tablet = replicaOf(s.doc);
    enterPaperBallot(tablet, { sheet: 12, choices: { kind: 'dots', dots: { [s.ids.I3]: 1 } } }, s.ctx);
    exchange(tablet, council);
    retry({ kind: 'dots', dots: { [s.ids.I1]: 1 } }, { typingId: 'try-2', earlier: ['try-1'] }, 13);
    exchange(tablet, council);
    for (const doc of [laptop, council, tablet]) {
      expect(paperTally(doc)).toMatchObject({
        sheets: [12, 13],
        counted: ['paper-12', 'paper-13'],
        flagged: [],
      });
      expect(sheet12(doc).survivor).toMatchObject({ deviceId: s.ctx.deviceId, dots: { [s.ids.I3]: 1 } });
    }
  });

  it('Given an officer’s sheet 5 at the council, when another device types throw-away sheets labelled with the officer’s device id that name it, then sheet 5 still counts (a review of d9ae205 found it could be withdrawn)', () => {
    const { s, council, gate, typings } = officerSheets([5]);
    const victim = typings[0]!;

    // The forger copies the officer's device id but can only sign with its own key.
    const hostile = replicaOf(council);
    const evil = testContext('hostile-tab', { startAt: s.clock.now() + 120_000 });
    const forged = { ...evil.ctx, deviceId: victim.deviceId, signer: testSigner('hostile-tab') };
    const dots: BallotChoices = { kind: 'dots', dots: { [s.ids.I2]: 1 } };
    enterPaperBallot(
      hostile,
      { sheet: 900, choices: dots, attempt: { typingId: 'x-900', earlier: [victim.id, 'x-901'] } },
      forged,
    );
    enterPaperBallot(
      hostile,
      { sheet: 901, choices: dots, attempt: { typingId: 'x-901', earlier: ['x-900'] } },
      forged,
    );
    const update = Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(council));
    expect(gate.check(update, 'facilitator')).toEqual([]);
    Y.applyUpdate(council, update);
    // Its own two throw-away sheets name each other under its own key and go; the officer's stays.
    expect(paperTally(council).counted).toEqual(['paper-5']);

    // Nor can it borrow the officer's key: a typing whose ballot names that key without its signature is refused.
    const borrowed = replicaOf(council);
    enterPaperBallot(
      borrowed,
      { sheet: 902, choices: dots, attempt: { typingId: 'x-902', earlier: [victim.id] } },
      forged,
    );
    const typing = borrowed.getMap<Record<string, unknown>>('paperTypings').get('x-902')!;
    borrowed.getMap('paperTypings').set('x-902', {
      ...typing,
      ballot: { ...(typing.ballot as object), deviceKey: victim.ballot.deviceKey },
    });
    const problems = gate.check(Y.encodeStateAsUpdate(borrowed, Y.encodeStateVector(council)), 'facilitator');
    expect(problems).toContainEqual(
      expect.objectContaining({ map: 'paperTypings', key: 'x-902', problem: 'badSignature' }),
    );
  });
  it('Given an officer’s sheets 5 and 6 typed by an older app, when another device copies the officer’s signed typings with a replaces of its own (a replay), then both sheets still count (a second review of 7c60b84)', () => {
    // An older app's ballot names no typing, so the council cannot tell a copy: it takes it (see boundTyping.test.ts
    // for typings of this app).
    const { council, gate, typings } = officerSheets([5, 6], { olderApp: true });
    const [t5, t6] = typings as [PaperTyping, PaperTyping];
    const hostile = replicaOf(council);
    hostile.transact(() => {
      hostile.getMap('paperTypings').set('evil-a', { ...t6, id: 'evil-a', replaces: [t5.id, 'evil-b'] });
      hostile.getMap('paperTypings').set('evil-b', { ...t5, id: 'evil-b', replaces: [t6.id, 'evil-a'] });
    });
    const update = Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(council));
    expect(gate.check(update, 'facilitator')).toEqual([]);
    Y.applyUpdate(council, update);
    expect(paperTally(council)).toMatchObject({
      counted: ['paper-5', 'paper-6'],
      residents: ['paper-5', 'paper-6'],
    });
  });
});
