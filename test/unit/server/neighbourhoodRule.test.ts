import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSession, updateSettings } from '../../../src/doc/sessionCommands';
import { recordChanges, type Changes, type WriterRole } from '../../../src/sync/changeRules';
import {
  councilKeyRuling,
  neighbourhoodProblems,
  neighbourhoodRuling,
} from '../../../src/server/neighbourhoodRule';
import { generateCouncilKey } from '../../../src/domain/answersCrypto';
import type { SessionSettings } from '../../../src/domain/types';
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

describe('councilKeyRuling', () => {
  it.each([
    [
      'a facilitator clears the key of a session the council holds',
      'KEY-1',
      null,
      'facilitator',
      true,
      'needsOfficer',
    ],
    ['a facilitator replaces it', 'KEY-1', 'KEY-2', 'facilitator', true, 'needsOfficer'],
    ['an officer replaces it (rotation)', 'KEY-1', 'KEY-2', 'officer', true, 'allowed'],
    ['a facilitator gives a session its first key', null, 'KEY-1', 'facilitator', true, 'allowed'],
    ['a facilitator creates a session without one', null, null, 'facilitator', false, 'unchanged'],
    [
      'a facilitator clears it before the council holds the session',
      'KEY-1',
      '',
      'facilitator',
      false,
      'allowed',
    ],
  ] as const)('Given %s, Then %s', (_what, before, after, role, councilHasSession, expected) => {
    expect(councilKeyRuling({ before, after, role, councilHasSession })).toBe(expected);
  });
});

describe('neighbourhoodProblems on a real update', () => {
  /** The council's copy of a session, and what a device's settings edit does to it. */
  function judge(
    patch: Parameters<typeof updateSettings>[1],
    role: WriterRole,
    isNewSession = false,
    settings: SessionSettings = validSettings(),
  ) {
    const council = new Y.Doc();
    createSession(council, randomUUID(), settings, ctx);
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

describe('the council key on a real update', () => {
  async function keyText(): Promise<string> {
    return (await generateCouncilKey('2026-12-06T08:00:00Z')).publicText;
  }
  function judgeKey(patch: Parameters<typeof updateSettings>[1], role: WriterRole, councilKey: string) {
    const council = new Y.Doc();
    createSession(council, randomUUID(), validSettings({ councilKey }), ctx);
    const tablet = new Y.Doc();
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(council));
    const vector = Y.encodeStateVector(tablet);
    updateSettings(tablet, patch, ctx);
    let recording: Changes | null = null;
    recordChanges(council, () => recording);
    const changes: Changes = new Map();
    recording = changes;
    Y.applyUpdate(council, Y.encodeStateAsUpdate(tablet, vector));
    recording = null;
    return { problems: neighbourhoodProblems(council, changes, role, false), changes };
  }

  it('Given a session the council holds with a council key, When a facilitator clears or replaces the key, Then the edit is refused naming the field, never the key', async () => {
    const [first, second] = [await keyText(), await keyText()];
    for (const councilKey of ['', second]) {
      const { problems, changes } = judgeKey({ councilKey }, 'facilitator', first);
      const editId = [...(changes.get('settings')?.keys() ?? [])][0];
      expect(problems).toEqual([
        { map: 'settings', key: editId, field: 'councilKey', problem: 'notAllowed' },
      ]);
      expect(JSON.stringify(problems)).not.toContain(first.slice(0, 40));
    }
  });

  it('Given the same, When an officer replaces the key, or a facilitator edits the title, Then nothing to say', async () => {
    const [first, second] = [await keyText(), await keyText()];
    expect(judgeKey({ councilKey: second }, 'officer', first).problems).toEqual([]);
    expect(judgeKey({ title: 'Evening session' }, 'facilitator', first).problems).toEqual([]);
  });
});
