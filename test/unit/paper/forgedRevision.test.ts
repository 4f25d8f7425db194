/**
 * A forged paper revision (src/domain/paper.ts): a ballot's revision may be at most 1,000,000 (the record shapes),
 * and a replacement of a sheet takes the next revision after the typing that counts. A hostile tablet (or a
 * session file) typing a sheet at revision 1,000,000, stamped at the latest time a record may hold and labelled
 * to sort last, made every honest correction of that sheet come out at 1,000,001: refused by the shape checks, so
 * the council refused the officer's whole sync. Capped at 1,000,000 instead, the correction would tie with the
 * forgery on revision and lose to it on time for ever. So a replacement never passes the cap, and the typing that
 * counts is chosen among the typings nobody replaced: a correction made after seeing the forgery names it, and wins.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot, keepPaperTyping } from '../../../src/doc/paperCommands';
import { checkDocShape } from '../../../src/doc/recordShapes';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';
import { MAX_STAMP } from '../../../src/domain/order';
import { channelOf, paperSheets, paperTyping } from '../../../src/domain/paper';
import type { Ballot, BallotChoices } from '../../../src/domain/types';
import { UpdateGate } from '../../../src/server/validation';
import { exchange, replicaOf, testContext } from '../helpers/session';
import { signedBy } from '../helpers/signing';
import { asOlderApp, paperSession } from './fixtures';

const FORGER = 'zz-hostile-tab';
const CAP = 1_000_000;

/**
 * The council's copy holding sheet 12 as an officer typed it at the office, and the officer's laptop; `olderApp`:
 * the laptop runs an app from before typings were named in their ballots (asOlderApp).
 */
function officerSheet12(options: { olderApp?: boolean } = {}) {
  const s = paperSession();
  const council = replicaOf(s.doc);
  const gate = new UpdateGate('session-1', council);
  const laptop = replicaOf(council);
  const office = testContext('office-pc', { startAt: s.clock.now() + 60_000 });
  const right: BallotChoices = { kind: 'dots', dots: { [s.ids.I1]: 3 } };
  enterPaperBallot(laptop, { sheet: 12, choices: right }, office.ctx);
  if (options.olderApp === true) asOlderApp(laptop);
  exchange(laptop, council);
  const typed = viewSession(council)!.records.paperTypings.find((t) => t.sheet === 12)!;

  /** What a hostile tablet sends: typings of sheet 12 at the highest revision and time, signed with its own key. */
  const forge = (typings: { id: string; replaces: string[] }[]) => {
    const hostile = replicaOf(council);
    const ballot = signedBy(FORGER, 'session-1', 'ballots', {
      kind: 'dots',
      dots: { [s.ids.I2]: 1 },
      participantId: 'paper-12',
      revision: CAP,
      deviceId: FORGER,
      at: MAX_STAMP,
      channel: 'paper',
    } satisfies Ballot);
    hostile.transact(() => {
      maps(hostile).ballots.set('paper-12', ballot);
      for (const t of typings) maps(hostile).paperTypings.set(t.id, paperTyping(ballot, { ...t, sheet: 12 }));
    });
    const update = Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(council));
    // The shape checks and change rules take it: a revision and a time no higher than a record may hold.
    expect(gate.check(update, 'facilitator')).toEqual([]);
    Y.applyUpdate(council, update);
    exchange(laptop, council);
  };

  /** The officer's next change on the laptop, which the council must take, and then takes. */
  const send = (change: () => unknown) => {
    office.clock.advance(60_000);
    const before = Y.encodeStateVector(council);
    change();
    if (options.olderApp === true) asOlderApp(laptop);
    expect(checkDocShape(laptop)).toEqual([]);
    expect(gate.check(Y.encodeStateAsUpdate(laptop, before), 'officer')).toEqual([]);
    exchange(laptop, council);
  };
  return { s, council, laptop, office, right, typed, forge, send };
}

/** Sheet 12 as every screen reads it: the ballot counted, whether it is flagged, the revision it carries. */
function sheet12(doc: Y.Doc) {
  const view = viewSession(doc)!;
  const counted = view.count.counted.filter((c) => channelOf(c.ballot) === 'paper').map((c) => c.ballot);
  const sheet = paperSheets(view.records.paperTypings).find((x) => x.sheet === 12)!;
  return {
    counted: counted.map((b) => ({ deviceId: b.deviceId, dots: b.kind === 'dots' ? b.dots : null })),
    flagged: sessionChecks(view).paperConflicts.map((c) => c.sheet),
    revision: sheet.survivor.ballot.revision,
  };
}

describe('a paper sheet typed by a hostile device at the highest revision', () => {
  it('Given a forged typing of sheet 12 at revision 1,000,000 replacing the officer’s, when the officer corrects the sheet after seeing it, then the council takes the correction and it counts on both', () => {
    const { laptop, council, office, right, typed, forge, send } = officerSheet12();
    forge([{ id: 'zz-forged', replaces: [typed.id] }]);
    expect(sheet12(laptop).counted.map((b) => b.deviceId)).toEqual([FORGER]);

    send(() => enterPaperBallot(laptop, { sheet: 12, replace: true, choices: right }, office.ctx));
    for (const doc of [laptop, council]) {
      const seen = sheet12(doc);
      expect(seen.counted).toEqual([{ deviceId: 'office-pc', dots: right.dots }]);
      expect(seen.flagged).toEqual([]);
      expect(seen.revision).toBeLessThanOrEqual(CAP);
    }
  });

  it('Given the officer’s correction of a forged sheet, when the officer corrects it once more, then the later correction counts (revisions stay at the cap)', () => {
    const { s, laptop, council, office, right, typed, forge, send } = officerSheet12();
    forge([{ id: 'zz-forged', replaces: [typed.id] }]);
    send(() => enterPaperBallot(laptop, { sheet: 12, replace: true, choices: right }, office.ctx));
    const again: BallotChoices = { kind: 'dots', dots: { [s.ids.I3]: 2 } };
    send(() => enterPaperBallot(laptop, { sheet: 12, replace: true, choices: again }, office.ctx));
    for (const doc of [laptop, council]) {
      expect(sheet12(doc)).toEqual({
        counted: [{ deviceId: 'office-pc', dots: again.dots }],
        flagged: [],
        revision: CAP,
      });
    }
  });

  it('Given a forged typing of sheet 12 typed apart (replacing nothing), when the officer keeps their own version, then the council takes it and the kept version counts, no longer flagged', () => {
    const { laptop, council, office, right, typed, forge, send } = officerSheet12();
    forge([{ id: 'zz-forged', replaces: [] }]);
    expect(sheet12(laptop).flagged).toEqual([12]);

    send(() => keepPaperTyping(laptop, { sheet: 12, typingId: typed.id }, office.ctx));
    for (const doc of [laptop, council]) {
      expect(sheet12(doc)).toMatchObject({
        counted: [{ deviceId: 'office-pc', dots: right.dots }],
        flagged: [],
      });
    }
  });

  it('Given two forged typings of sheet 12 that replace each other and the officer’s, when the officer corrects the sheet, then the correction counts', () => {
    const { laptop, council, office, right, typed, forge, send } = officerSheet12();
    forge([
      { id: 'zz-forged-a', replaces: [typed.id, 'zz-forged-b'] },
      { id: 'zz-forged-b', replaces: ['zz-forged-a'] },
    ]);
    send(() => enterPaperBallot(laptop, { sheet: 12, replace: true, choices: right }, office.ctx));
    for (const doc of [laptop, council]) {
      expect(sheet12(doc)).toMatchObject({
        counted: [{ deviceId: 'office-pc', dots: right.dots }],
        flagged: [],
      });
    }
  });
});

/** The other valid form of a P-256 signature (r || s, base64): (r, n - s), which every verifier takes. */
function twinSignature(b64: string): string {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const bytes = Buffer.from(b64, 'base64');
  const sValue = BigInt('0x' + bytes.subarray(32).toString('hex'));
  const twin = Buffer.from((n - sValue).toString(16).padStart(64, '0'), 'hex');
  return Buffer.concat([bytes.subarray(0, 32), twin]).toString('base64');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The form of a signature (as signed, or its twin) whose s is in the lower or the upper half. */
function half(b64: string, which: 'lower' | 'upper'): string {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const sValue = BigInt('0x' + Buffer.from(b64, 'base64').subarray(32).toString('hex'));
  return sValue <= n >> 1n === (which === 'lower') ? b64 : twinSignature(b64);
}

/** The same 64 bytes in another base64 text: the 4 unused bits of the last data letter set (atob ignores them). */
function otherSpelling(b64: string): string {
  const i = B64.indexOf(b64[85]!);
  const text = b64.slice(0, 85) + B64[(i & 0b110000) | 0b1111]! + '==';
  expect(text).not.toBe(b64);
  expect(Buffer.from(text, 'base64').equals(Buffer.from(b64, 'base64'))).toBe(true);
  return text;
}

describe('a copy of an older app’s signed typing sent again with a replaces of its own (a replay)', () => {
  // Typings of this app name themselves in their signed ballots, and a copy is refused: boundTyping.test.ts.
  it.each([
    ['its signature as signed', (signature: string) => signature],
    ['the twin of its signature, (r, n - s), which verifies as well', twinSignature],
    [
      'its lower-half form spelled in other base64 (unused bits of the last letter set)',
      (signature: string) => otherSpelling(half(signature, 'lower')),
    ],
    [
      'its upper-half form spelled in other base64',
      (signature: string) => otherSpelling(half(signature, 'upper')),
    ],
  ])(
    'Given the officer typed sheet 12 and then corrected it, when a device sends the first typing again under a fresh id naming the correction, with %s, then the correction still counts on the council and the laptop',
    (_, signatureOf) => {
      const { s, laptop, council, office, typed, send } = officerSheet12({ olderApp: true });
      const corrected: BallotChoices = { kind: 'dots', dots: { [s.ids.I2]: 3 } };
      send(() => enterPaperBallot(laptop, { sheet: 12, replace: true, choices: corrected }, office.ctx));
      const correction = viewSession(council)!.records.paperTypings.find(
        (t) => t.sheet === 12 && t.id !== typed.id,
      )!;

      // The signature covers the ballot, not the typing's replaces: the copy passes the council's checks as it is.
      const hostile = replicaOf(council);
      hostile.transact(() =>
        maps(hostile).paperTypings.set('zz-replay', {
          ...typed,
          id: 'zz-replay',
          ballot: { ...typed.ballot, signature: signatureOf(typed.ballot.signature!) },
          replaces: [correction.id],
        }),
      );
      const update = Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(council));
      expect(new UpdateGate('session-1', council).check(update, 'facilitator')).toEqual([]);
      Y.applyUpdate(council, update);
      exchange(laptop, council);

      for (const doc of [laptop, council]) {
        expect(sheet12(doc).counted).toEqual([{ deviceId: 'office-pc', dots: corrected.dots }]);
      }
    },
  );
});
