/**
 * Two devices start from one shared state, work apart, then exchange updates: neither side's work is lost,
 * settings edits combine field by field with the later `at` winning on the same field, and re-applying an
 * update changes nothing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  startParticipant,
} from '../../../src/doc/commands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { canonicalRecords, createdSession, exchange, replicaOf, testContext } from '../helpers/session';

const idea = (title: string) => ({
  title,
  description: '',
  themeId: 'theme-jobs',
  costPence: 50_000,
  where: '',
});

/** A facilitator's laptop that created the session, and a tablet given a copy of it. */
function twoDevices() {
  const laptop = createdSession();
  const tablet = { doc: replicaOf(laptop.doc), ...testContext('device-b', { startAt: laptop.clock.now() }) };
  return { laptop, tablet };
}

describe('two devices working apart', () => {
  it('Given a shared start, when each device adds residents, ideas, comments and ballots apart and they exchange, then both keep both sides', () => {
    const { laptop, tablet } = twoDevices();
    const shared = addProposal(laptop.doc, idea('Job club'), null, laptop.ctx);
    Y.applyUpdate(tablet.doc, Y.encodeStateAsUpdate(laptop.doc), 'remote');

    const p1 = startParticipant(laptop.doc, { language: 'en', hasConsented: true }, laptop.ctx);
    const onLaptop = addProposal(laptop.doc, idea('CV workshops'), p1, laptop.ctx);
    castBallot(laptop.doc, p1, { kind: 'dots', dots: { [shared]: 2, [onLaptop]: 1 } }, laptop.ctx);
    finishParticipant(laptop.doc, p1, laptop.ctx);

    const p2 = startParticipant(tablet.doc, { language: 'cy', hasConsented: true }, tablet.ctx);
    const onTablet = addProposal(tablet.doc, idea('Apprenticeships fair'), p2, tablet.ctx);
    addComment(tablet.doc, { proposalId: shared, text: 'Evenings please' }, p2, tablet.ctx);
    castBallot(tablet.doc, p2, { kind: 'dots', dots: { [shared]: 3, [onTablet]: 2 } }, tablet.ctx);

    exchange(laptop.doc, tablet.doc);

    expect(canonicalRecords(tablet.doc)).toBe(canonicalRecords(laptop.doc));
    for (const doc of [laptop.doc, tablet.doc]) {
      const view = viewSession(doc);
      expect(view?.records.participants.map((p) => p.id).sort()).toEqual([p1, p2].sort());
      expect(view?.records.proposals).toHaveLength(3);
      expect(view?.records.comments).toHaveLength(1);
      expect(view?.count.counted.map((c) => c.ballot.participantId)).toEqual([p1, p2].sort());
      expect(view?.board.map((r) => [r.proposal.id, r.supporters, r.points, r.comments])).toEqual([
        [shared, 2, 5, 1],
        [onTablet, 1, 2, 0],
        [onLaptop, 1, 1, 0],
      ]);
    }
  });

  it('Given updates exchanged, when the same updates are applied again in another order, then nothing changes', () => {
    const { laptop, tablet } = twoDevices();
    const updates: Uint8Array[] = [];
    for (const doc of [laptop.doc, tablet.doc]) {
      doc.on('update', (u: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') updates.push(u);
      });
    }
    addProposal(laptop.doc, idea('Job club'), null, laptop.ctx);
    addProposal(tablet.doc, idea('Mentoring'), null, tablet.ctx);
    exchange(laptop.doc, tablet.doc);
    const state = Y.encodeStateAsUpdate(laptop.doc);
    const records = canonicalRecords(laptop.doc);
    for (const u of [...updates].reverse().concat(updates)) Y.applyUpdate(laptop.doc, u, 'remote');
    Y.applyUpdate(laptop.doc, Y.encodeStateAsUpdate(tablet.doc), 'remote');
    expect(Y.encodeStateAsUpdate(laptop.doc)).toEqual(state);
    expect(canonicalRecords(laptop.doc)).toBe(records);
  });
});

describe('settings edited on two devices apart', () => {
  it('Given different fields changed on each device, when they exchange, then both changes are kept on both', () => {
    const { laptop, tablet } = twoDevices();
    updateSettings(laptop.doc, { venue: 'Ashfield library' }, laptop.ctx);
    tablet.clock.advance(5_000);
    updateSettings(tablet.doc, { title: 'Spring workshop (rescheduled)' }, tablet.ctx);
    exchange(laptop.doc, tablet.doc);
    for (const doc of [laptop.doc, tablet.doc]) {
      expect(viewSession(doc)?.settings).toMatchObject({
        venue: 'Ashfield library',
        title: 'Spring workshop (rescheduled)',
      });
      expect(maps(doc).settings.size).toBe(3);
    }
  });

  for (const later of ['laptop', 'tablet'] as const) {
    it(`Given the same field changed on both, when the ${later} edited later and they exchange, then the ${later}’s value wins on both`, () => {
      const { laptop, tablet } = twoDevices();
      const base = laptop.clock.now();
      laptop.clock.set(later === 'laptop' ? base + 60_000 : base + 30_000);
      tablet.clock.set(later === 'tablet' ? base + 60_000 : base + 30_000);
      updateSettings(laptop.doc, { venue: 'Library' }, laptop.ctx);
      updateSettings(tablet.doc, { venue: 'Community centre' }, tablet.ctx);
      exchange(laptop.doc, tablet.doc);
      const expected = later === 'laptop' ? 'Library' : 'Community centre';
      expect(viewSession(laptop.doc)?.settings.venue).toBe(expected);
      expect(viewSession(tablet.doc)?.settings.venue).toBe(expected);
    });
  }

  it('Given the pot changed on one device and the method on another, when they exchange, then both changes are in effect on both', () => {
    const { laptop, tablet } = twoDevices();
    updateSettings(laptop.doc, { potPence: 2_000_000 }, laptop.ctx);
    tablet.clock.advance();
    updateSettings(tablet.doc, { method: { kind: 'ranking', maxRanked: 2 } }, tablet.ctx);
    exchange(laptop.doc, tablet.doc);
    for (const doc of [laptop.doc, tablet.doc]) {
      expect(viewSession(doc)?.settings).toMatchObject({
        potPence: 2_000_000,
        method: { kind: 'ranking', maxRanked: 2 },
      });
    }
  });
});

describe('viewSession', () => {
  it('Given an empty document, when viewed, then there is no session', () => {
    expect(viewSession(new Y.Doc())).toBeNull();
  });

  it('Given a document from a newer app version, when viewed, then it is shown read-only', () => {
    const { doc } = createdSession();
    expect(viewSession(doc)?.isReadOnly).toBe(false);
    maps(doc).meta.set('schemaVersion', 99);
    expect(viewSession(doc)?.isReadOnly).toBe(true);
    expect(viewSession(doc)?.records.schemaVersion).toBe(99);
  });
});
