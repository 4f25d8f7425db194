/**
 * A paper typing's signed ballot names the typing (`Ballot.typing`, src/domain/paper.ts ownTypings). Before, the
 * signature covered the ballot only, so anyone holding a signed typing (a facilitator device, someone crafting a
 * session file) could send it again under a fresh id with a `replaces` of their own, and the council took it; the
 * reader then ignored the `replaces` of both copies, which a third review turned into two attacks: a sheet
 * withdrawn by a retry under a corrected number counted again (one resident twice), and a forged sheet the officer
 * corrected counted again (after every "Keep this one" too). Now the council refuses the copy, and a copy already
 * in a document (merged without the checks) is no typing at all.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot, keepPaperTyping } from '../../../src/doc/paperCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';
import { MAX_STAMP } from '../../../src/domain/order';
import { channelOf, paperTyping } from '../../../src/domain/paper';
import { takingPart } from '../../../src/domain/results/participation';
import type { Ballot, BallotChoices, PaperTyping } from '../../../src/domain/types';
import { UpdateGate } from '../../../src/server/validation';
import { exchange, replicaOf, testContext } from '../helpers/session';
import { signedBy } from '../helpers/signing';
import { namingNoTyping, paperSession } from './fixtures';

const FORGER = 'zz-hostile-tab';

/** The council's copy (behind its UpdateGate), the officer's laptop and a hostile device, all holding the session. */
function office() {
  const s = paperSession();
  const council = replicaOf(s.doc);
  const gate = new UpdateGate('session-1', council);
  const laptop = replicaOf(council);
  const officer = testContext('office-pc', { startAt: s.clock.now() + 60_000 });
  const hostile = replicaOf(council);
  const right: BallotChoices = { kind: 'dots', dots: { [s.ids.I1]: 3 } };
  /** What `from` sends the council since it last did: the council must take it; then everyone has it. */
  const send = (from: Y.Doc, role: 'facilitator' | 'officer') => {
    const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(council));
    expect(gate.check(update, role)).toEqual([]);
    Y.applyUpdate(council, update);
    for (const doc of [laptop, hostile]) exchange(doc, council);
  };
  /**
   * A copy of `typing` under `id` with `replaces`, as the hostile device sends it: the council must refuse it as
   * naming another typing. Then it is put in the council's and the laptop's documents all the same (a document
   * merged without the checks), so the readers meet it.
   */
  const replay = (typing: PaperTyping, id: string, replaces: string[]) => {
    const before = Y.encodeStateVector(council);
    hostile.transact(() => maps(hostile).paperTypings.set(id, { ...typing, id, replaces }));
    const update = Y.encodeStateAsUpdate(hostile, before);
    expect(gate.check(update, 'facilitator')).toContainEqual({
      map: 'paperTypings',
      key: id,
      field: 'ballot.typing',
      problem: 'keyMismatch',
    });
    Y.applyUpdate(council, update);
    exchange(laptop, council);
  };
  const typingOf = (id: string) => viewSession(council)!.records.paperTypings.find((t) => t.id === id)!;
  return { s, council, laptop, hostile, officer, right, send, replay, typingOf };
}

/** Every figure that says how paper sheets count: ballots counted (whose, which sheet), residents, sheets flagged. */
function paperTally(doc: Y.Doc) {
  const view = viewSession(doc)!;
  const paper = view.count.counted.filter((c) => channelOf(c.ballot) === 'paper').map((c) => c.ballot);
  return {
    counted: paper.map((b) => `${b.participantId} by ${b.deviceId}`),
    residents: takingPart(view.records)
      .residents.filter((p) => channelOf(p) === 'paper')
      .map((p) => p.id),
    flagged: sessionChecks(view).paperConflicts.map((c) => c.sheet),
  };
}

describe('a copy of a signed paper typing under a fresh id (a replay)', () => {
  it('Given a try at sheet 17 refused on the laptop and retried as sheet 7 (the number put right), when a device sends the retry again under a fresh id naming nothing, then the council refuses it, and where it sits all the same sheet 17 stays withdrawn: one resident, one ballot', () => {
    const { council, laptop, officer, right, replay, typingOf } = office();
    // The try as the sync saw it: sent to the council, then dropped on the laptop when storage refused it.
    const tried = replicaOf(laptop);
    enterPaperBallot(
      tried,
      { sheet: 17, choices: right, attempt: { typingId: 'try-17', earlier: [] } },
      officer.ctx,
    );
    Y.applyUpdate(council, Y.encodeStateAsUpdate(tried, Y.encodeStateVector(council)));
    officer.clock.advance(20_000);
    enterPaperBallot(
      laptop,
      { sheet: 7, choices: right, attempt: { typingId: 'try-7', earlier: ['try-17'] } },
      officer.ctx,
    );
    exchange(laptop, council);
    const once = { counted: ['paper-7 by office-pc'], residents: ['paper-7'], flagged: [] };
    expect(paperTally(council)).toEqual(once);

    replay(typingOf('try-7'), 'zz-replay', []);
    for (const doc of [council, laptop]) expect(paperTally(doc)).toEqual(once);
    // Nor does a copy of the withdrawn try bring sheet 17 back.
    replay(typingOf('try-17'), 'zz-replay-17', []);
    for (const doc of [council, laptop]) expect(paperTally(doc)).toEqual(once);
  });

  it('Given a forged typing of sheet 12 at revision 1,000,000 and the latest time, corrected by the officer, when a device sends the correction again under a fresh id naming nothing, then the council refuses it, and where it sits all the same the correction counts; so does a "Keep this one" sent again', () => {
    const { s, council, laptop, hostile, officer, right, send, replay, typingOf } = office();
    enterPaperBallot(laptop, { sheet: 12, choices: right }, officer.ctx);
    send(laptop, 'officer');
    const [typed] = viewSession(council)!.records.paperTypings;
    const ballot = signedBy(FORGER, 'session-1', 'ballots', {
      kind: 'dots',
      dots: { [s.ids.I2]: 1 },
      participantId: 'paper-12',
      revision: 1_000_000,
      deviceId: FORGER,
      at: MAX_STAMP,
      channel: 'paper',
    } satisfies Ballot);
    hostile.transact(() => {
      maps(hostile).ballots.set('paper-12', ballot);
      maps(hostile).paperTypings.set(
        'zz-forged',
        paperTyping(ballot, { id: 'zz-forged', replaces: [typed!.id], sheet: 12 }),
      );
    });
    send(hostile, 'facilitator');
    expect(paperTally(council).counted).toEqual([`paper-12 by ${FORGER}`]);

    // The officer corrects the sheet after seeing the forgery: the correction counts (cd96ab2).
    officer.clock.advance(60_000);
    enterPaperBallot(laptop, { sheet: 12, replace: true, choices: right }, officer.ctx);
    send(laptop, 'officer');
    const corrected = { counted: ['paper-12 by office-pc'], residents: ['paper-12'], flagged: [] };
    expect(paperTally(council)).toEqual(corrected);

    const correction = laptop.getMap<PaperTyping>('paperTypings');
    const correctionId = [...correction.keys()].find((id) => id !== typed!.id && id !== 'zz-forged')!;
    replay(typingOf(correctionId), 'a-replay', []);
    for (const doc of [council, laptop]) expect(paperTally(doc)).toEqual(corrected);

    // "Keep this one" (the correction), and the keep sent again: the officer's version still counts.
    officer.clock.advance(60_000);
    const keptId = keepPaperTyping(laptop, { sheet: 12, typingId: correctionId }, officer.ctx);
    send(laptop, 'officer');
    replay(typingOf(keptId), 'b-replay', []);
    for (const doc of [council, laptop]) expect(paperTally(doc)).toEqual(corrected);
  });

  it('Given the officer corrected sheet 12, when a device sends the first typing again with its ballot stripped of the typing it names (the officer’s signature kept) and naming the correction, then the council refuses it, and where it sits all the same the correction counts', () => {
    const { s, council, laptop, hostile, officer, right, send, typingOf } = office();
    enterPaperBallot(laptop, { sheet: 12, choices: right }, officer.ctx);
    send(laptop, 'officer');
    const [typed] = viewSession(council)!.records.paperTypings;
    officer.clock.advance(60_000);
    const again: BallotChoices = { kind: 'dots', dots: { [s.ids.I2]: 3 } };
    enterPaperBallot(laptop, { sheet: 12, replace: true, choices: again }, officer.ctx);
    send(laptop, 'officer');
    const correctionId = viewSession(council)!.records.paperTypings.find((t) => t.id !== typed!.id)!.id;

    const before = Y.encodeStateVector(council);
    const stripped = namingNoTyping(typingOf(typed!.id).ballot);
    hostile.transact(() =>
      maps(hostile).paperTypings.set('zz-stripped', {
        ...typed!,
        id: 'zz-stripped',
        replaces: [correctionId],
        ballot: stripped,
      }),
    );
    const update = Y.encodeStateAsUpdate(hostile, before);
    expect(new UpdateGate('session-1', council).check(update, 'facilitator')).toContainEqual(
      expect.objectContaining({ key: 'zz-stripped', problem: 'badSignature' }),
    );
    Y.applyUpdate(council, update);
    exchange(laptop, council);
    for (const doc of [council, laptop]) {
      expect(paperTally(doc)).toEqual({
        counted: ['paper-12 by office-pc'],
        residents: ['paper-12'],
        flagged: [],
      });
      const counted = viewSession(doc)!.count.counted.find((c) => c.ballot.participantId === 'paper-12')!;
      expect(counted.ballot).toMatchObject({ dots: again.dots, typing: correctionId });
    }
  });
});
