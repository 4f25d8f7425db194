/**
 * Trying a sheet again after "not saved" (src/doc/paperCommands.ts PaperAttempt). The office laptop's storage
 * refused sheet 12, so the laptop dropped it, but its sync had already sent it to the council. Whether the
 * council's copy comes back before the retry or after, the retry makes the sheet one ballot with one typing that
 * counts, never a sheet "already entered" or "typed differently on two devices"; and the council takes it.
 * Another device's typing of the sheet is still the officer's to check.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot, type PaperAttempt } from '../../../src/doc/paperCommands';
import { viewSession } from '../../../src/doc/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';
import { channelOf, paperSheets } from '../../../src/domain/paper';
import type { BallotChoices } from '../../../src/domain/types';
import { UpdateGate } from '../../../src/server/validation';
import { exchange, expectValidation, replicaOf, testContext } from '../helpers/session';
import { paperSession, type PaperSession } from './fixtures';

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
  const retry = (again: BallotChoices, attempt: PaperAttempt = { typingId: 'try-2', earlier: ['try-1'] }) => {
    const before = Y.encodeStateVector(council);
    enterPaperBallot(laptop, { sheet: 12, choices: again, attempt }, office.ctx);
    expect(gate.check(Y.encodeStateAsUpdate(laptop, before), 'officer')).toEqual([]);
    exchange(laptop, council);
  };
  return { council, laptop, retry };
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
});
