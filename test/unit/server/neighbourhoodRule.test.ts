import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSession, updateSettings } from '../../../src/doc/sessionCommands';
import { recordChanges, type Changes, type WriterRole } from '../../../src/sync/changeRules';
import { neighbourhoodProblems, neighbourhoodRuling } from '../../../src/server/neighbourhoodRule';
import { validSettings } from '../helpers/session';

// A clock that moves on: settings edits made at the same moment are ordered by their random ids, so with a
// stopped clock the later edit lost half the time and the test failed at random.
let clock = 0;
const ctx = { deviceId: 'tablet-1', now: () => ++clock, newId: () => randomUUID() };

describe('neighbourhoodRuling', () => {
  it.each([
    [
      'a facilitator moves a session the council holds',
      'Ashfield North',
      'Brookside',
      'facilitator',
      true,
      'needsOfficer',
    ],
    [
      'an officer moves a session the council holds',
      'Ashfield North',
      'Brookside',
      'officer',
      true,
      'allowed',
    ],
    ['a facilitator creates a session', null, 'Brookside', 'facilitator', false, 'allowed'],
    [
      'a facilitator edits another field',
      'Ashfield North',
      'Ashfield North',
      'facilitator',
      true,
      'unchanged',
    ],
    [
      'the same name in other case and spacing',
      'Ashfield North',
      ' ashfield   NORTH',
      'facilitator',
      true,
      'unchanged',
    ],
    ['a facilitator clears the neighbourhood', 'Ashfield North', null, 'facilitator', true, 'needsOfficer'],
  ] as const)('Given %s, Then %s', (_what, before, after, role, councilHasSession, expected) => {
    expect(neighbourhoodRuling({ before, after, role, councilHasSession })).toBe(expected);
  });
});

describe('neighbourhoodProblems on a real update', () => {
  /** The council's copy of a session, and what a device's settings edit does to it. */
  function judge(patch: Parameters<typeof updateSettings>[1], role: WriterRole, isNewSession = false) {
    const council = new Y.Doc();
    createSession(council, randomUUID(), validSettings(), ctx);
    const tablet = new Y.Doc();
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(council));
    const vector = Y.encodeStateVector(tablet);
    updateSettings(tablet, patch, ctx);
    const update = Y.encodeStateAsUpdate(tablet, vector);
    let recording: Changes | null = null;
    recordChanges(council, () => recording);
    const changes: Changes = new Map();
    recording = changes;
    Y.applyUpdate(council, update);
    recording = null;
    return { problems: neighbourhoodProblems(council, changes, role, isNewSession), changes };
  }

  it('Given a facilitator settings edit that moves a session the council holds, Then it is refused, naming the edit and the field only', () => {
    const { problems, changes } = judge({ neighbourhood: 'Brookside' }, 'facilitator');
    const editId = [...(changes.get('settings')?.keys() ?? [])][0];
    expect(problems).toEqual([
      { map: 'settings', key: editId, field: 'neighbourhood', problem: 'notAllowed' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('Brookside');
  });

  it('Given a facilitator settings edit of the title, or of the neighbourhood in other case, Then nothing to say', () => {
    expect(judge({ title: 'A new title' }, 'facilitator').problems).toEqual([]);
    expect(judge({ neighbourhood: 'ashfield  north' }, 'facilitator').problems).toEqual([]);
  });

  it('Given an officer, or a session being created, Then the move is allowed by this rule', () => {
    expect(judge({ neighbourhood: 'Brookside' }, 'officer').problems).toEqual([]);
    expect(judge({ neighbourhood: 'Brookside' }, 'facilitator', true).problems).toEqual([]);
  });
});
