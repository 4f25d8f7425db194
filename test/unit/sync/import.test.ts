/**
 * Importing session files: the preview says what would be added, the merge is one transaction, and the same
 * files in any order and any number of times give the same session.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { sessionCounts } from '../../../src/domain/results/participation';
import { applyImport, ImportOrigin, prepareImport, type ParsedFile } from '../../../src/sync/sessionFile';
import { canonicalRecords, recordTransactions, replicaOf } from '../helpers/session';
import { parsedFrom, stateOf, tabletsApart, type Tablet } from './workshop';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Imports files one at a time into target (null: a device without the session); returns the document. */
function importAll(target: Y.Doc | null, files: readonly ParsedFile[]): Y.Doc {
  let doc = target;
  for (const file of files) {
    const preview = prepareImport(doc, file);
    doc ??= new Y.Doc();
    applyImport(doc, preview);
  }
  if (!doc) throw new Error('no files');
  return doc;
}

const countsOf = (doc: Y.Doc) => {
  const r = readRecords(doc);
  return {
    settings: r.settingsEdits.length,
    proposals: r.proposals.length,
    comments: r.comments.length,
    participants: r.participants.length,
    ballots: r.ballots.length,
    moderation: r.moderation.length,
    statuses: r.statuses.length,
    devices: r.devices.length,
    paperTypings: r.paperTypings.length,
  };
};

describe('importing one file', () => {
  it('Given a tablet’s file, When a device without the session imports it, Then it holds the same records and the preview counted them', async () => {
    const [tablet] = tabletsApart(1, 10) as [Tablet];
    const preview = prepareImport(null, await parsedFrom(tablet));

    expect(preview.isNewSession).toBe(true);
    expect(preview.hasChanges).toBe(true);
    expect(preview.sessionTitle).toBe('Ashfield North spring workshop');
    expect(preview.adds).toEqual(countsOf(tablet.doc));
    expect(preview.totals).toEqual(countsOf(tablet.doc));
    expect(preview.sources).toEqual([
      {
        fileName: 'Tablet 1.codesign',
        deviceId: 'device-a',
        deviceName: 'Tablet 1',
        exportedAt: new Date(tablet.clock.now()).toISOString(),
      },
    ]);

    const fresh = new Y.Doc();
    const origins = recordTransactions(fresh);
    applyImport(fresh, preview);
    expect(canonicalRecords(fresh)).toBe(canonicalRecords(tablet.doc));
    expect(viewSession(fresh)?.board).toEqual(viewSession(tablet.doc)?.board);
    expect(origins).toHaveLength(1);
    expect(origins[0]).toEqual(new ImportOrigin(['Tablet 1.codesign']));
  });

  it('Given the facilitator’s device has the session, When a tablet’s file is previewed, Then it counts only what is new to the facilitator', async () => {
    const [facilitator, tablet] = tabletsApart(2, 6) as [Tablet, Tablet];
    const before = stateOf(facilitator.doc);
    const mine = readRecords(facilitator.doc);
    const theirs = readRecords(tablet.doc);
    const newIds = <T>(list: T[], key: (r: T) => string, known: T[]): number =>
      list.filter((r) => !known.some((k) => key(k) === key(r))).length;

    const preview = prepareImport(facilitator.doc, await parsedFrom(tablet));

    expect(stateOf(facilitator.doc)).toEqual(before);
    expect(preview.isNewSession).toBe(false);
    expect(preview.adds).toEqual({
      settings: 0,
      proposals: newIds(theirs.proposals, (p) => p.id, mine.proposals),
      comments: newIds(theirs.comments, (c) => c.id, mine.comments),
      participants: newIds(theirs.participants, (p) => p.id, mine.participants),
      ballots: newIds(theirs.ballots, (b) => b.participantId, mine.ballots),
      moderation: 0,
      statuses: 0,
      devices: 0,
      paperTypings: 0,
    });
    expect(preview.adds.proposals).toBeGreaterThan(0);
    expect(preview.updatedParticipants).toBe(0);
  });

  it('Given a resident changed their ballot after the first file, When the second file is previewed, Then it adds no ballot (the dashboard still counts one) and counts one updated participant', async () => {
    const [facilitator, tablet] = tabletsApart(2, 4) as [Tablet, Tablet];
    const idea = viewSession(tablet.doc)!.visible[0]!.id;
    const who = startParticipant(tablet.doc, { language: 'en', hasConsented: true }, tablet.ctx);
    castBallot(tablet.doc, who, { kind: 'dots', dots: { [idea]: 1 } }, tablet.ctx);
    importAll(facilitator.doc, [await parsedFrom(tablet)]);

    castBallot(tablet.doc, who, { kind: 'dots', dots: { [idea]: 3 } }, tablet.ctx);
    finishParticipant(tablet.doc, who, tablet.ctx);
    const preview = prepareImport(facilitator.doc, await parsedFrom(tablet));

    expect(preview.adds).toMatchObject({ proposals: 0, comments: 0, participants: 0, ballots: 0 });
    expect(preview.updatedParticipants).toBe(1);
    applyImport(facilitator.doc, preview);
    expect(facilitator.doc.getMap('ballots').get(who)).toMatchObject({ revision: 2, dots: { [idea]: 3 } });
  });

  it('Given a tablet’s file with two turns in which nothing was done, When the facilitator previews it, Then it counts residents as the dashboard does, not turns (found in a walk: "4 residents" for 2 more taking part)', async () => {
    const [facilitator, tablet] = tabletsApart(2, 3) as [Tablet, Tablet];
    importAll(facilitator.doc, [await parsedFrom(tablet)]);
    const residentsBefore = sessionCounts(viewSession(facilitator.doc)!).residents;
    const turnsBefore = readRecords(facilitator.doc).participants.length;
    const idea = viewSession(tablet.doc)!.visible[0]!.id;
    // One resident votes; one walks away before doing anything; one is handed over with nothing saved.
    const voter = startParticipant(tablet.doc, { language: 'en', hasConsented: true }, tablet.ctx);
    castBallot(tablet.doc, voter, { kind: 'dots', dots: { [idea]: 2 } }, tablet.ctx);
    finishParticipant(tablet.doc, voter, tablet.ctx);
    startParticipant(tablet.doc, { language: 'en', hasConsented: true }, tablet.ctx);
    const handedOver = startParticipant(tablet.doc, { language: 'cy', hasConsented: true }, tablet.ctx);
    finishParticipant(tablet.doc, handedOver, tablet.ctx);

    const preview = prepareImport(facilitator.doc, await parsedFrom(tablet));
    applyImport(facilitator.doc, preview);
    const residentsAfter = sessionCounts(viewSession(facilitator.doc)!).residents;

    expect(residentsAfter).toBe(residentsBefore + 1);
    expect(preview.adds.participants).toBe(1);
    expect(preview.totals.participants).toBe(residentsAfter);
    expect(preview.adds.ballots).toBe(1);
    // The empty turns are still merged (kept, not counted).
    expect(readRecords(facilitator.doc).participants.length).toBe(turnsBefore + 3);
  });
});

describe('importing is idempotent', () => {
  it('Given a file was imported, When the same file is imported again, Then the preview adds nothing and the document does not change', async () => {
    const [facilitator, tablet] = tabletsApart(2, 6) as [Tablet, Tablet];
    const file = await parsedFrom(tablet);
    applyImport(facilitator.doc, prepareImport(facilitator.doc, file));
    const once = stateOf(facilitator.doc);
    const origins = recordTransactions(facilitator.doc);

    const again = prepareImport(facilitator.doc, file);
    applyImport(facilitator.doc, again);

    expect(again.hasChanges).toBe(false);
    expect(Object.values(again.adds).every((n) => n === 0)).toBe(true);
    expect(again.updatedParticipants).toBe(0);
    expect(origins).toEqual([]);
    expect(stateOf(facilitator.doc)).toEqual(once);
  });

  it('Given a file that holds only what this device already has (its own export), When it is previewed, Then nothing is new', async () => {
    const [tablet] = tabletsApart(1, 4) as [Tablet];
    const preview = prepareImport(tablet.doc, await parsedFrom(tablet));
    expect(preview.hasChanges).toBe(false);
    expect(preview.adds.proposals + preview.adds.ballots + preview.adds.comments).toBe(0);
  });
});

describe('importing is commutative', () => {
  it('Given three tablets’ files, When they are imported in each of the six orders, Then every result is identical', async () => {
    const tablets = tabletsApart(3, 6);
    const files = await Promise.all(tablets.map(parsedFrom));
    const results = permutations(files).map((order) => importAll(null, order));

    const expected = canonicalRecords(results[0]!);
    const vector = Y.encodeStateVector(results[0]!);
    for (const doc of results) {
      expect(canonicalRecords(doc)).toBe(expected);
      expect(Y.encodeStateVector(doc)).toEqual(vector);
      expect(viewSession(doc)?.count).toEqual(viewSession(results[0]!)?.count);
    }
    const r = readRecords(results[0]!);
    const all = tablets.map((t) => readRecords(t.doc));
    expect(r.proposals).toHaveLength(new Set(all.flatMap((x) => x.proposals.map((p) => p.id))).size);
    expect(r.ballots).toHaveLength(new Set(all.flatMap((x) => x.ballots.map((b) => b.participantId))).size);
  });

  it('Given several files at once, some holding the same records, When previewed together, Then each record counts once and one transaction merges them', async () => {
    const [facilitator, t2, t3] = tabletsApart(3, 5) as [Tablet, Tablet, Tablet];
    const f2 = await parsedFrom(t2);
    // Tablet 3 has already merged tablet 2's work, so both files hold tablet 2's records.
    applyImport(t3.doc, prepareImport(t3.doc, f2));
    const f3 = await parsedFrom(t3);
    const sequential = importAll(replicaOf(facilitator.doc), [f2, f3]);
    const before = countsOf(facilitator.doc);
    const origins = recordTransactions(facilitator.doc);

    const preview = prepareImport(facilitator.doc, [f2, f3]);
    applyImport(facilitator.doc, preview);

    const after = countsOf(facilitator.doc);
    expect(preview.sources.map((s) => s.deviceName)).toEqual(['Tablet 2', 'Tablet 3']);
    expect(preview.totals).toEqual(after);
    expect(preview.adds.proposals).toBe(after.proposals - before.proposals);
    expect(preview.adds.comments).toBe(after.comments - before.comments);
    expect(preview.adds.participants).toBe(after.participants - before.participants);
    expect(canonicalRecords(facilitator.doc)).toBe(canonicalRecords(sequential));
    expect(origins).toHaveLength(1);
  });
});
