/**
 * Tablets whose clocks are wrong (reset to 2000 by a dead battery, an hour slow, a day ahead). Where "the latest
 * wins", an action taken after seeing another must win over it, whatever the two clocks say: the record is stamped
 * after every record it replaces (src/domain/order.ts stampAfter). Real Yjs documents, exchanged as devices do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addProposal, startParticipant } from '../../../src/doc/commands';
import { nameDevice } from '../../../src/doc/deviceCommands';
import {
  editProposal,
  hideProposal,
  mergeProposals,
  unhideProposal,
} from '../../../src/doc/moderationCommands';
import { checkDocShape } from '../../../src/doc/recordShapes';
import { readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { endSession, updateSettings } from '../../../src/doc/sessionCommands';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { latestStatus } from '../../../src/domain/statusRules';
import { recordsAfterEnd } from '../../../src/domain/afterEnd';
import { MAX_STAMP, stampAfter } from '../../../src/domain/order';
import { effectiveSettings } from '../../../src/domain/settings';
import {
  createdSession,
  exchange,
  replicaOf,
  testContext,
  validSettings,
  WORKSHOP_START,
  ideaInput,
} from '../helpers/session';

const HOUR = 3_600_000;
const settingsOf = (doc: Y.Doc) => effectiveSettings(readRecords(doc).settingsEdits);
const DAY = 24 * HOUR;
const RESET_TO_2000 = Date.UTC(2000, 0, 1);

const idea = ideaInput;

/** A session with two ideas on tablet A (clock right) and a copy on tablet B, whose clock is `offset` off. */
function twoTablets(offset: number) {
  const a = createdSession(validSettings());
  a.clock.advance();
  const p1 = addProposal(a.doc, idea('Youth club'), null, a.ctx);
  a.clock.advance();
  const p2 = addProposal(a.doc, idea('Youth club for teenagers'), null, a.ctx);
  const bDoc = replicaOf(a.doc);
  const b = testContext('device-b', { startAt: WORKSHOP_START + 10_000 + offset });
  const view = (doc = a.doc) => viewSession(doc)!;
  const shown = (id: string, doc = a.doc) => view(doc).proposals.find((p) => p.id === id)!;
  return { a, b: { ...b, doc: bDoc }, p1, p2, view, shown };
}

describe('stampAfter', () => {
  it('Given a clock ahead of what is replaced, Then the clock; behind or level, Then one millisecond after the latest', () => {
    expect(stampAfter(5_000, [{ at: 1_000 }, { at: 4_000 }])).toBe(5_000);
    expect(stampAfter(1_000, [{ at: 4_000 }, { at: 9_000 }])).toBe(9_001);
    expect(stampAfter(9_000, [{ at: 9_000 }])).toBe(9_001);
    expect(stampAfter(1_000, [])).toBe(1_000);
  });

  it('Given a record stamped at the latest time a record may hold, When a device shows the idea again after it, Then its record still passes the shape checks every device and the council apply', () => {
    const { a, b, p1 } = twoTablets(0);
    a.clock.set(MAX_STAMP); // a clock gone mad, or a hostile device
    hideProposal(a.doc, p1, 'Names a neighbour', a.ctx);
    exchange(a.doc, b.doc);
    unhideProposal(b.doc, p1, b.ctx);
    expect(stampAfter(1_000, [{ at: MAX_STAMP }])).toBe(MAX_STAMP);
    expect(checkDocShape(b.doc)).toEqual([]);
  });
});

describe('an action taken after seeing another wins, whatever the clocks', () => {
  it('Given B hides an idea, A (a day ahead) shows it again, When B hides it again after seeing that, Then it is hidden on both', () => {
    const { a, b, p1, shown } = twoTablets(0);
    a.clock.set(WORKSHOP_START + DAY); // tablet A is a day ahead from here on
    hideProposal(b.doc, p1, 'Names a neighbour', b.ctx);
    exchange(a.doc, b.doc);
    unhideProposal(a.doc, p1, a.ctx);
    exchange(a.doc, b.doc);
    expect(shown(p1, b.doc).isHidden).toBe(false);
    b.clock.advance(60_000);
    hideProposal(b.doc, p1, 'Still names a neighbour', b.ctx);
    expect(shown(p1, b.doc).isHidden).toBe(true);
    exchange(a.doc, b.doc);
    expect(shown(p1, a.doc)).toMatchObject({ isHidden: true, hiddenReason: 'Still names a neighbour' });
  });

  it('Given a typo fixed on a tablet a day ahead, When a tablet with the right clock fixes it again after seeing it, Then its fix is shown', () => {
    const { a, b, p1, shown } = twoTablets(0);
    a.clock.set(WORKSHOP_START + DAY);
    editProposal(a.doc, p1, { title: 'Youth clb', description: '' }, a.ctx);
    exchange(a.doc, b.doc);
    editProposal(b.doc, p1, { title: 'Youth club (Tuesdays)', description: '' }, b.ctx);
    exchange(a.doc, b.doc);
    expect(shown(p1, a.doc).shownTitle).toBe('Youth club (Tuesdays)');
    expect(shown(p1, b.doc).shownTitle).toBe('Youth club (Tuesdays)');
  });

  it('Given a duplicate merged on a tablet a day ahead, When a tablet reset to 2000 merges it elsewhere after seeing it, Then the later merge holds', () => {
    const { a, b, p1, p2, view } = twoTablets(0);
    a.clock.advance();
    const p3 = addProposal(a.doc, idea('Teen club'), null, a.ctx);
    exchange(a.doc, b.doc);
    a.clock.set(WORKSHOP_START + DAY);
    mergeProposals(a.doc, p3, p1, a.ctx);
    exchange(a.doc, b.doc);
    b.clock.set(RESET_TO_2000);
    mergeProposals(b.doc, p3, p2, b.ctx);
    exchange(a.doc, b.doc);
    for (const doc of [a.doc, b.doc]) {
      expect(view(doc).proposals.find((p) => p.id === p2)?.mergedIds).toEqual([p3]);
      expect(view(doc).proposals.find((p) => p.id === p1)?.mergedIds).toEqual([]);
    }
  });

  it('Given a tablet named on a laptop a day ahead, When the tablet reset to 2000 renames itself after seeing it, Then the new name stands', () => {
    const { a, b, view } = twoTablets(0);
    a.clock.set(WORKSHOP_START + DAY);
    nameDevice(a.doc, { namedDeviceId: 'device-b', name: 'Tablet 3' }, a.ctx);
    exchange(a.doc, b.doc);
    b.clock.set(RESET_TO_2000);
    nameDevice(b.doc, { namedDeviceId: 'device-b', name: 'Tablet 3 (blue case)' }, b.ctx);
    exchange(a.doc, b.doc);
    expect(view(a.doc).deviceNames.get('device-b')).toBe('Tablet 3 (blue case)');
    expect(view(b.doc).deviceNames.get('device-b')).toBe('Tablet 3 (blue case)');
  });

  it('Given a session made on a tablet with the right clock, When a tablet reset to 2000 ends it, Then it is ended there and everywhere', () => {
    const { a, b } = twoTablets(0);
    b.clock.set(RESET_TO_2000);
    endSession(b.doc, b.ctx);
    expect(settingsOf(b.doc)?.isEnded).toBe(true);
    exchange(a.doc, b.doc);
    expect(settingsOf(a.doc)?.isEnded).toBe(true);
  });

  it('Given residents took turns on tablet A, When tablet B, reset to 2000, ends the session after gathering them, Then none of those turns is listed as after the end', () => {
    const { a, b } = twoTablets(0);
    for (let i = 0; i < 3; i++) {
      a.clock.advance(10 * 60_000);
      startParticipant(a.doc, { language: 'en', hasConsented: true }, a.ctx);
    }
    exchange(a.doc, b.doc);
    b.clock.set(RESET_TO_2000);
    endSession(b.doc, b.ctx);
    // Tablet A has not heard of the end yet: its next turn comes after it.
    a.clock.advance(10 * 60_000);
    const late = startParticipant(a.doc, { language: 'en', hasConsented: true }, a.ctx);
    exchange(a.doc, b.doc);
    const after = recordsAfterEnd(readRecords(a.doc));
    expect(after?.participants.map((p) => p.id)).toEqual([late]);
  });

  it('Given a tablet an hour slow, When it changes the pot and the title after seeing the session, Then the change holds', () => {
    const { a, b } = twoTablets(-HOUR);
    updateSettings(b.doc, { potPence: 6_000_000, title: 'Ashfield spring, second evening' }, b.ctx);
    exchange(a.doc, b.doc);
    for (const doc of [a.doc, b.doc]) {
      expect(settingsOf(doc)).toMatchObject({
        potPence: 6_000_000,
        title: 'Ashfield spring, second evening',
      });
    }
  });

  it('Given "funded £50,000" decided on a laptop a day ahead, When an officer with the right clock corrects it the next morning, Then the correction is the decision', () => {
    const { a, b, p1 } = twoTablets(0);
    a.clock.set(WORKSHOP_START + 2 * DAY);
    setProposalStatus(a.doc, { proposalId: p1, status: 'funded', amountPence: 5_000_000, reason: '' }, a.ctx);
    exchange(a.doc, b.doc);
    b.clock.set(WORKSHOP_START + DAY);
    setProposalStatus(b.doc, { proposalId: p1, status: 'funded', amountPence: 500_000, reason: '' }, b.ctx);
    exchange(a.doc, b.doc);
    for (const doc of [a.doc, b.doc]) {
      expect(latestStatus(readRecords(doc).statuses, p1)).toMatchObject({ amountPence: 500_000 });
    }
  });

  it('Property: hides and shows from tablets with any clocks, each after seeing the one before, end as the last one did', () => {
    const step = fc.record({
      onB: fc.boolean(),
      hide: fc.boolean(),
      // Where each tablet's clock is at that moment: anywhere from reset to 2000 to a day ahead.
      clock: fc.oneof(
        fc.constant(RESET_TO_2000),
        fc.integer({ min: -DAY, max: DAY }).map((d) => WORKSHOP_START + d),
      ),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const { a, b, p1, shown } = twoTablets(0);
        for (const s of steps) {
          const tablet = s.onB ? b : a;
          tablet.clock.set(s.clock);
          if (s.hide) hideProposal(tablet.doc, p1, 'Reason', tablet.ctx);
          else unhideProposal(tablet.doc, p1, tablet.ctx);
          exchange(a.doc, b.doc);
        }
        const last = steps[steps.length - 1]!;
        expect(shown(p1, a.doc).isHidden).toBe(last.hide);
        expect(shown(p1, b.doc).isHidden).toBe(last.hide);
      }),
      { numRuns: 150 },
    );
  });
});
