/**
 * One set of rules (src/sync/changeRules.ts): the session-file import and the server's update check judge the same
 * change the same way, and the role rule says who may write what.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAPS } from '../../../src/doc/schema';
import { UpdateGate } from '../../../src/server/validation';
import { mayWrite, recordChanges, roleProblems, type Changes } from '../../../src/sync/changeRules';
import { COUNCIL_SOURCE } from '../../../src/sync/councilGate';
import { FORMAT_NAME, FORMAT_VERSION } from '../../../src/sync/envelope';
import { isSessionFileError } from '../../../src/sync/errors';
import { prepareImport } from '../../../src/sync/importSession';
import type { ParsedFile } from '../../../src/sync/sessionFile';
import { proposal, seedSession } from '../server/support';
import { signedBy } from '../helpers/signing';

function asFile(sessionId: string, update: Uint8Array): ParsedFile {
  return {
    fileName: 'test.codesign',
    fileBytes: update.byteLength,
    update,
    header: {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      schemaVersion: 1,
      sessionId,
      sessionTitle: '',
      deviceId: 'tablet',
      deviceName: COUNCIL_SOURCE,
      exportedAt: new Date(0).toISOString(),
      counts: { proposals: 0, comments: 0, participants: 0, ballots: 0, moderation: 0, statuses: 0 },
      compression: 'gzip',
      payloadBytes: update.byteLength,
      updateBytes: update.byteLength,
    },
  };
}

type Found = string[];

/** What the import finds wrong with `changed` merged into `base` (null base: a new session). */
function importProblems(sessionId: string, base: Y.Doc | null, changed: Y.Doc): Found {
  try {
    prepareImport(base, asFile(sessionId, Y.encodeStateAsUpdate(changed)));
    return [];
  } catch (e) {
    if (!isSessionFileError(e)) throw e;
    return e.problems.map((p) => `${p.map}.${p.key}.${p.field} ${p.problem}`).sort();
  }
}

/** What the server's gate finds wrong with the update from `base` to `changed`, from a facilitator. */
function gateProblems(sessionId: string, base: Y.Doc, changed: Y.Doc): Found {
  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(base));
  const gate = new UpdateGate(sessionId, live);
  return gate
    .check(Y.encodeStateAsUpdate(changed, Y.encodeStateVector(base)), 'facilitator')
    .map((p) => `${p.map}.${p.key}.${p.field} ${p.problem}`)
    .sort();
}

const copy = (doc: Y.Doc): Y.Doc => {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
};

const ballot = (participantId: string, deviceId: string, revision: number): Record<string, unknown> => ({
  participantId,
  deviceId,
  at: 1,
  revision,
  kind: 'dots',
  dots: {},
});

describe('one set of change rules', () => {
  const sessionId = randomUUID();
  const base = seedSession(new Y.Doc(), sessionId);
  /** A ballot signed by the device of `seed` (by default the device whose id it carries). */
  const signed = (participantId: string, deviceId: string, revision: number, seed = deviceId) =>
    signedBy(seed, sessionId, 'ballots', ballot(participantId, deviceId, revision));
  base.getMap('proposals').set('p1', proposal('p1', 'Youth club'));
  base.getMap('ballots').set('v1', signed('v1', 'tablet-1', 1));
  // Written by an app older than signing: no key, no signature.
  base.getMap('ballots').set('old', ballot('old', 'tablet-1', 1));

  const cases: [string, (doc: Y.Doc) => void, Found][] = [
    ['adds a proposal', (d) => d.getMap('proposals').set('p2', proposal('p2', 'Benches')), []],
    ['deletes a proposal', (d) => d.getMap('proposals').delete('p1'), ['proposals.p1. deleted']],
    [
      'rewrites a proposal',
      (d) => d.getMap('proposals').set('p1', proposal('p1', 'Changed')),
      ['proposals.p1. rewritten'],
    ],
    [
      'replaces a ballot by its own device',
      (d) => d.getMap('ballots').set('v1', signed('v1', 'tablet-1', 2)),
      [],
    ],
    [
      'replaces a ballot from another device',
      (d) => d.getMap('ballots').set('v1', signed('v1', 'tablet-2', 2)),
      ['ballots.v1. otherDevice'],
    ],
    [
      'replaces a ballot with the same device id, signed by another key',
      (d) => d.getMap('ballots').set('v1', signed('v1', 'tablet-1', 2, 'forger')),
      ['ballots.v1. otherDevice'],
    ],
    [
      'replaces a ballot with the same device id and key, without a valid signature',
      (d) => {
        const original = signed('v1', 'tablet-1', 1);
        d.getMap('ballots').set('v1', { ...original, revision: 2 });
      },
      ['ballots.v1. badSignature'],
    ],
    [
      'replaces a ballot with an older revision',
      (d) => d.getMap('ballots').set('v1', signed('v1', 'tablet-1', 1)),
      ['ballots.v1. revisionNotNewer'],
    ],
    [
      'replaces an unsigned ballot of an older app, even signed by the device it names',
      (d) => d.getMap('ballots').set('old', signed('old', 'tablet-1', 2)),
      ['ballots.old. unsigned'],
    ],
    [
      'adds an unsigned ballot (an older app)',
      (d) => d.getMap('ballots').set('v2', ballot('v2', 'tablet-1', 1)),
      [],
    ],
    [
      'adds a ballot whose signature is not over its content',
      (d) => d.getMap('ballots').set('v3', { ...signed('v3', 'tablet-1', 1), dots: { p1: 1 } }),
      ['ballots.v3. badSignature'],
    ],
    [
      'adds a malformed proposal',
      (d) => d.getMap('proposals').set('p3', { ...proposal('p3', 'Bad'), costPence: 'abc' }),
      ['proposals.p3.costPence notWholeNumber'],
    ],
  ];

  for (const [what, change, expected] of cases) {
    it(`Given a change that ${what}, Then the import and the server find the same problems`, () => {
      const changed = copy(base);
      change(changed);
      expect(importProblems(sessionId, base, changed)).toEqual(expected);
      expect(gateProblems(sessionId, base, changed)).toEqual(expected);
    });
  }

  it('Given a new session without settings, Then both say the settings are missing', () => {
    const bare = new Y.Doc();
    bare.getMap(MAPS.meta).set('sessionId', sessionId);
    bare.getMap(MAPS.meta).set('schemaVersion', 1);
    bare.getMap(MAPS.meta).set('createdAt', 1);
    bare.getMap(MAPS.meta).set('createdBy', 'tablet-1');
    expect(importProblems(sessionId, null, bare)).toEqual(['settings.. missing']);
    expect(gateProblems(sessionId, new Y.Doc(), bare)).toEqual(['settings.. missing']);
  });

  it('Given the roles, Then an officer writes only statuses and a facilitator everything but statuses', () => {
    expect(mayWrite('officer', 'statuses')).toBe(true);
    expect(mayWrite('officer', 'proposals')).toBe(false);
    expect(mayWrite('officer', 'meta')).toBe(false);
    expect(mayWrite('facilitator', 'statuses')).toBe(false);
    expect(mayWrite('facilitator', 'ballots')).toBe(true);
    const doc = copy(base);
    const changes: Changes = new Map();
    recordChanges(doc, () => changes);
    doc.transact(() => {
      doc.getMap('statuses').set('s1', { id: 's1' });
      doc.getMap('comments').set('c1', { id: 'c1' });
    });
    expect(roleProblems(changes, 'officer')).toEqual([
      { map: 'comments', key: 'c1', field: '', problem: 'notAllowed' },
    ]);
    expect(roleProblems(changes, 'facilitator')).toEqual([
      { map: 'statuses', key: 's1', field: '', problem: 'notAllowed' },
    ]);
  });
});
