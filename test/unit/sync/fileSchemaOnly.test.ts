/**
 * Issue 12 §6 for session files: a file whose document holds anything but the schema (an unknown map, a list under
 * a map, a nested shared type) is refused whole as badContent, naming where, and the target session is unchanged;
 * the council server refuses the same content (test/unit/server/schemaOnly.test.ts). Real files: encoded and read
 * by the app's own code, from real tablets' sessions.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeSessionFile,
  prepareImport,
  readSessionFile,
  type ParsedFile,
} from '../../../src/sync/sessionFile';
import { replicaOf } from '../helpers/session';
import { expectRefusal, parsedFrom, stateOf, tabletsApart, type Tablet } from './workshop';

const [facilitator, tablet] = tabletsApart(2, 4) as [Tablet, Tablet];

/** A real tablet's session with something the schema does not have added behind the commands' back. */
async function fileWith(change: (doc: Y.Doc) => void): Promise<ParsedFile> {
  const doc = replicaOf(tablet.doc);
  doc.transact(() => change(doc));
  const bytes = await encodeSessionFile(doc, { deviceId: 'device-x', deviceName: 'Tablet X', now: 0 });
  return readSessionFile(bytes, { fileName: 'odd.codesign' });
}

describe('a session file holds nothing but the schema', () => {
  const cases: [string, (doc: Y.Doc) => void, string][] = [
    [
      'an unknown map of 500 kB',
      (doc) => doc.getMap('junk').set('k', 'x'.repeat(500_000)),
      'junk.k unknownMap',
    ],
    [
      'a list under proposals',
      (doc) => {
        // Written by another document, where `proposals` is a list (here it is a map): the bytes carry both.
        const other = new Y.Doc();
        other.getArray('proposals').push([{ id: 'p-list' }]);
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
      },
      'proposals notAMapEntry',
    ],
    [
      'a map nested in a comment',
      (doc) => doc.getMap('comments').set('c-nested', new Y.Map()),
      'comments.c-nested notAPlainValue',
    ],
  ];

  it.each(cases)(
    'Given %s, When it is prepared, Then it is refused as badContent naming where, and nothing changes',
    async (_, change, where) => {
      const file = await fileWith(change);
      const before = stateOf(facilitator.doc);
      const error = await expectRefusal(() => prepareImport(facilitator.doc, file), 'badContent');
      expect(error.params.first).toBe(where);
      expect(error.params.count).toBe(error.problems.length);
      expect(stateOf(facilitator.doc)).toEqual(before);
    },
  );

  it('Given the same tablet’s file without additions, When it is prepared, Then it is accepted', async () => {
    const file = await parsedFrom(tablet);
    const preview = prepareImport(facilitator.doc, file);
    expect(preview.updates.length).toBeGreaterThan(0);
  });
});
