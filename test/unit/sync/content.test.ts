/**
 * Files that are intact (the checksum matches) but whose content this app will not merge: malformed records,
 * too many of them, records rewritten or deleted, another session's data. Each is refused with a clear code and
 * the facilitator's document stays byte for byte as it was.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { maps, readMeta } from '../../../src/doc/schema';
import type { ContentProblem } from '../../../src/sync/errors';
import { gzip, writeEnvelope } from '../../../src/sync/envelope';
import {
  applyImport,
  encodeSessionFile,
  prepareImport,
  readSessionFile,
  type ParsedFile,
  type SessionFileErrorCode,
} from '../../../src/sync/sessionFile';
import { createdSession, recordTransactions, replicaOf, validSettings } from '../helpers/session';
import { signedBy } from '../helpers/signing';
import { expectRefusal, parsedFrom, stateOf, tabletsApart, type Tablet } from './workshop';

const [facilitator, tablet] = tabletsApart(2, 6) as [Tablet, Tablet];

const parsed = await parsedFrom(tablet);

/** A file whose header is taken from a real one, patched, around `doc`'s state: checksum valid. */
async function forgedFile(doc: Y.Doc, patch: Record<string, unknown>, update = Y.encodeStateAsUpdate(doc)) {
  const payload = await gzip(update);
  const bytes = await writeEnvelope(
    JSON.stringify({ ...parsed.header, ...patch, payloadBytes: payload.length, updateBytes: update.length }),
    payload,
  );
  return readSessionFile(bytes, { fileName: 'forged.codesign' });
}

/** What a forger (or a broken app) could export: a copy of `from`, changed behind the commands' back. */
async function tamperedFile(from: Y.Doc, change: (doc: Y.Doc) => void): Promise<ParsedFile> {
  const doc = replicaOf(from);
  doc.transact(() => change(doc));
  const bytes = await encodeSessionFile(doc, { deviceId: 'device-x', deviceName: 'Tablet X', now: 0 });
  return readSessionFile(bytes, { fileName: 'tampered.codesign' });
}

const first = <T>(map: Y.Map<T>): [string, T] => {
  const entry = [...map.entries()][0];
  if (!entry) throw new Error('empty map');
  return entry;
};
const ownIdea = (doc: Y.Doc) => [...maps(doc).proposals.values()].find((p) => p.deviceId === 'device-b')!;
const ownBallot = (doc: Y.Doc) => [...maps(doc).ballots.values()].find((b) => b.deviceId === 'device-b')!;
const facilitatorsBallot = (doc: Y.Doc) =>
  [...maps(doc).ballots.values()].find((b) => b.deviceId === 'device-a')!;

type Case = [string, Y.Doc, (doc: Y.Doc) => void, Partial<ContentProblem>];
const cases: Case[] = [
  [
    'an idea whose cost is "abc"',
    tablet.doc,
    (d) =>
      maps(d).proposals.set('p-abc', { ...ownIdea(d), id: 'p-abc', costPence: 'abc' as unknown as number }),
    { map: 'proposals', key: 'p-abc', field: 'costPence', problem: 'notWholeNumber' },
  ],
  [
    'an idea whose cost is 1.5 pence',
    tablet.doc,
    (d) => maps(d).proposals.set('p-half', { ...ownIdea(d), id: 'p-half', costPence: 1.5 }),
    { key: 'p-half', field: 'costPence', problem: 'notWholeNumber' },
  ],
  [
    'a comment of 5,000 characters',
    tablet.doc,
    (d) => {
      const [, c] = first(maps(d).comments);
      maps(d).comments.set('c-long', { ...c, id: 'c-long', text: 'x'.repeat(5000) });
    },
    { map: 'comments', field: 'text', problem: 'tooLong' },
  ],
  [
    'a ballot stored under another participant',
    tablet.doc,
    (d) => maps(d).ballots.set('someone-else', ownBallot(d)),
    { map: 'ballots', key: 'someone-else', field: 'participantId', problem: 'keyMismatch' },
  ],
  [
    'a moderation record of an unknown kind',
    tablet.doc,
    (d) =>
      d
        .getMap('moderation')
        .set('m-x', { id: 'm-x', kind: 'deleteAll', deviceId: 'x', at: 1, proposalId: 'p' }),
    { map: 'moderation', field: 'kind', problem: 'unknownKind' },
  ],
  [
    'a status that is not one of the statuses',
    tablet.doc,
    (d) =>
      d.getMap('statuses').set('s-x', {
        id: 's-x',
        proposalId: 'p',
        status: 'cancelled',
        amountPence: null,
        reason: '',
        deviceId: 'x',
        at: 1,
      }),
    { map: 'statuses', field: 'status', problem: 'unknownKind' },
  ],
  [
    'a nested Yjs map in place of an idea',
    tablet.doc,
    (d) => d.getMap('proposals').set('p-nested', new Y.Map()),
    // Refused from the file's bytes, before anything is applied (structureRules.ts).
    { map: 'proposals', key: 'p-nested', problem: 'notAPlainValue' },
  ],
  [
    'a settings edit with an unknown priority method',
    tablet.doc,
    (d) =>
      d
        .getMap('settings')
        .set('e-x', { id: 'e-x', deviceId: 'x', at: 1, values: { method: { kind: 'lottery' } } }),
    { map: 'settings', field: 'values.method.kind', problem: 'unknownKind' },
  ],
  [
    'more ideas than a session may hold',
    tablet.doc,
    (d) => {
      const idea = ownIdea(d);
      for (let i = 0; i < 2001; i++) maps(d).proposals.set(`p-${i}`, { ...idea, id: `p-${i}` });
    },
    { map: 'proposals', key: '', problem: 'tooMany' },
  ],
  [
    'a deleted idea',
    facilitator.doc,
    (d) => maps(d).proposals.delete(first(maps(d).proposals)[0]),
    { map: 'proposals', problem: 'deleted' },
  ],
  [
    'an idea rewritten',
    facilitator.doc,
    (d) => {
      const [id, p] = first(maps(d).proposals);
      maps(d).proposals.set(id, { ...p, title: 'Something else entirely' });
    },
    { map: 'proposals', problem: 'rewritten' },
  ],
  [
    'a ballot replaced by another device',
    facilitator.doc,
    (d) => {
      const b = facilitatorsBallot(d);
      const forged = { ...b, deviceId: 'device-x', revision: b.revision + 1 };
      maps(d).ballots.set(b.participantId, signedBy('device-x', readMeta(d)!.sessionId, 'ballots', forged));
    },
    { map: 'ballots', problem: 'otherDevice' },
  ],
  [
    'a ballot replaced with the same device id and key but no valid signature',
    facilitator.doc,
    (d) => {
      const b = facilitatorsBallot(d);
      maps(d).ballots.set(b.participantId, { ...b, revision: b.revision + 1 });
    },
    { map: 'ballots', problem: 'badSignature' },
  ],
  [
    'a ballot replaced by an older revision',
    facilitator.doc,
    (d) => {
      const b = facilitatorsBallot(d);
      const again = signedBy(b.deviceId, readMeta(d)!.sessionId, 'ballots', { ...b, at: b.at + 1 });
      maps(d).ballots.set(b.participantId, again);
    },
    { map: 'ballots', problem: 'revisionNotNewer' },
  ],
  [
    'the session’s creator rewritten',
    facilitator.doc,
    (d) => maps(d).meta.set('createdBy', 'device-x'),
    { map: 'meta', key: 'createdBy', problem: 'rewritten' },
  ],
];

describe('a checksum-valid file with content this app will not merge', () => {
  it.each(cases)(
    'Given %s, When it is prepared, Then it is refused as badContent and the document is unchanged',
    async (_name, from, change, expected) => {
      const file = await tamperedFile(from, change);
      const before = stateOf(facilitator.doc);
      const origins = recordTransactions(facilitator.doc);

      const error = await expectRefusal(() => prepareImport(facilitator.doc, file), 'badContent');

      expect(error.problems).toContainEqual(expect.objectContaining(expected));
      expect(error.params.count).toBe(error.problems.length);
      expect(origins).toEqual([]);
      expect(stateOf(facilitator.doc)).toEqual(before);
    },
  );

  it('Given one bad file among good ones, When they are prepared together, Then none of them is merged', async () => {
    const bad = await tamperedFile(tablet.doc, (d) =>
      maps(d).proposals.set('p-abc', { ...ownIdea(d), id: 'p-abc', costPence: -1 }),
    );
    const before = stateOf(facilitator.doc);
    await expectRefusal(() => prepareImport(facilitator.doc, [parsed, bad]), 'badContent');
    expect(stateOf(facilitator.doc)).toEqual(before);
  });

  it('Given a new session’s file with no settings, When it is prepared, Then it is refused', async () => {
    const doc = new Y.Doc();
    maps(doc).meta.set('sessionId', 'session-bare');
    maps(doc).meta.set('schemaVersion', 1);
    maps(doc).meta.set('createdAt', 0);
    maps(doc).meta.set('createdBy', 'device-x');
    const file = await forgedFile(doc, { sessionId: 'session-bare' });
    const error = await expectRefusal(() => prepareImport(null, file), 'badContent');
    expect(error.problems).toContainEqual(expect.objectContaining({ map: 'settings', problem: 'missing' }));
  });
});

describe('a file for another session', () => {
  const cases: [string, () => Promise<ParsedFile>, Y.Doc | null, SessionFileErrorCode][] = [
    [
      'another session’s file',
      async () => parsedFrom({ ...tablet, doc: createdSession(validSettings(), undefined, 'session-2').doc }),
      facilitator.doc,
      'wrongSession',
    ],
    [
      'a header naming this session around another session’s document',
      () => forgedFile(createdSession(validSettings(), undefined, 'session-2').doc, {}),
      facilitator.doc,
      'wrongSession',
    ],
    [
      'a header naming a new session around another session’s document',
      () => forgedFile(tablet.doc, { sessionId: 'session-9' }),
      null,
      'wrongSession',
    ],
  ];

  it.each(cases)('Given %s, When it is prepared, Then it is refused', async (_name, make, target, code) => {
    const file = await make();
    const before = target ? stateOf(target) : null;
    await expectRefusal(() => prepareImport(target, file), code);
    if (target) expect(stateOf(target)).toEqual(before);
  });

  it('Given another session’s file, When it is refused, Then the error names the file and both sessions', async () => {
    const other = await parsedFrom({
      ...tablet,
      doc: createdSession(validSettings(), undefined, 'session-2').doc,
    });
    const error = await expectRefusal(() => prepareImport(facilitator.doc, other), 'wrongSession');
    expect(error.params).toEqual({
      expected: 'session-1',
      found: 'session-2',
      fileName: 'Tablet 2.codesign',
    });
  });

  it('Given an update that depends on changes neither it nor this device holds, When it is prepared, Then it is refused as incomplete', async () => {
    const earlier = replicaOf(tablet.doc);
    const later = replicaOf(tablet.doc);
    const p = [...maps(later).participants.values()][0]!;
    later.transact(() => maps(later).participants.set(p.id, { ...p, finishedAt: 1 }));
    // The facilitator's whole document (so meta is there) plus the finishing record without what it replaces.
    const update = Y.mergeUpdates([
      Y.encodeStateAsUpdate(facilitator.doc),
      Y.encodeStateAsUpdate(later, Y.encodeStateVector(earlier)),
    ]);
    const file = await forgedFile(later, {}, update);
    const before = stateOf(facilitator.doc);

    const error = await expectRefusal(() => prepareImport(facilitator.doc, file), 'badContent');

    expect(error.problems).toEqual([{ map: 'meta', key: '', field: '', problem: 'incomplete' }]);
    expect(stateOf(facilitator.doc)).toEqual(before);
  });

  it('Given a preview for one session, When it is applied to another session’s document, Then it is refused', async () => {
    const other = createdSession(validSettings(), undefined, 'session-2').doc;
    const before = stateOf(other);
    await expectRefusal(() => applyImport(other, prepareImport(null, parsed)), 'wrongSession');
    expect(stateOf(other)).toEqual(before);
  });
});
