/**
 * Issue 12 §8: the council's erasure of a resident's answers (src/server/erasure.ts, an admin update) must get
 * into a device's own document, whose copy of the record is signed by the tablet that wrote it and so cannot
 * otherwise be replaced by the council's unsigned, erased record; and a device must not refuse everything else
 * the council sends because of it. Only what the council sends may erase: a session file may not, and neither may
 * another device through the server (validation.ts calls the change rules without erasures).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { erasedRecord } from '../../../src/domain/erasure';
import { changeProblems, type Changes } from '../../../src/sync/changeRules';
import { admitFromCouncil } from '../../../src/sync/councilGate';
import { signedBy } from '../helpers/signing';
import { seedSession } from '../server/support';

const SESSION = '0b9e7c41-5d2a-4e8f-a1c3-6f7d8e9a0b1c';

function resident() {
  return signedBy('tablet-a', SESSION, 'participants', {
    id: 'r1',
    deviceId: 'tablet-a',
    at: 1_700_000_000_000,
    language: 'en',
    hasConsented: true,
    answers: { age: '65 or over' },
    finishedAt: 1_700_000_060_000,
    revision: 2,
  });
}

describe('the council’s erasure reaching a device', () => {
  it('Given a device holding a resident’s signed record, When the council erases the answers and another device adds an idea, Then the device admits both', () => {
    const council = seedSession(new Y.Doc(), SESSION);
    const signed = resident();
    council.getMap('participants').set('r1', signed);
    const device = new Y.Doc();
    expect(admitFromCouncil(device, council, SESSION).problems).toEqual([]);

    council.getMap('participants').set('r1', erasedRecord(signed, 1_800_000_000_000));
    council.getMap('proposals').set('p9', {
      id: 'p9',
      title: 'Late idea',
      description: '',
      themeId: 'theme-young',
      costPence: 100,
      where: '',
      participantId: null,
      deviceId: 'laptop',
      at: 5,
    });
    const admission = admitFromCouncil(device, council, SESSION);

    expect(admission.problems).toEqual([]);
    expect(device.getMap('participants').get('r1')).toMatchObject({
      answers: {},
      answersErased: 1_800_000_000_000,
    });
    expect(device.getMap('proposals').has('p9')).toBe(true);
  });

  it('Given the same erasure, When judged without the council’s leave (a file, another device), Then it is refused as unsigned', () => {
    const doc = seedSession(new Y.Doc(), SESSION);
    const signed = resident();
    doc.getMap('participants').set('r1', signed);
    doc.getMap('participants').set('r1', erasedRecord(signed, 1_800_000_000_000));
    const changes: Changes = new Map([
      ['participants', new Map([['r1', { action: 'update', oldValue: signed }]])],
    ]);

    expect(changeProblems(doc, changes, false)).toEqual([
      { map: 'participants', key: 'r1', field: '', problem: 'unsigned' },
    ]);
    expect(changeProblems(doc, changes, false, { erasures: true })).toEqual([]);
  });

  it('Given an erased record that also changed something else, When the council sends it, Then it is refused', () => {
    const doc = seedSession(new Y.Doc(), SESSION);
    const signed = resident();
    doc.getMap('participants').set('r1', { ...erasedRecord(signed, 1_800_000_000_000), hasConsented: false });
    const changes: Changes = new Map([
      ['participants', new Map([['r1', { action: 'update', oldValue: signed }]])],
    ]);

    expect(changeProblems(doc, changes, false, { erasures: true })).toHaveLength(1);
  });

  it('Given a record erased twice (a backup from before the erasure restored, then erased again), When either erasure replaces the other, Then it is taken from the council and from any device alike', () => {
    const signed = resident();
    const first = erasedRecord(signed, 1_800_000_000_000);
    const second = erasedRecord(signed, 1_800_000_500_000);
    for (const [was, now] of [
      [first, second],
      [second, first],
    ]) {
      const doc = seedSession(new Y.Doc(), SESSION);
      doc.getMap('participants').set('r1', now);
      const changes: Changes = new Map([
        ['participants', new Map([['r1', { action: 'update', oldValue: was }]])],
      ]);
      expect(changeProblems(doc, changes, false)).toEqual([]);
      expect(changeProblems(doc, changes, false, { erasures: true })).toEqual([]);
    }

    const doc = seedSession(new Y.Doc(), SESSION);
    doc.getMap('participants').set('r1', { ...second, hasConsented: false });
    const changes: Changes = new Map([
      ['participants', new Map([['r1', { action: 'update', oldValue: first }]])],
    ]);
    expect(changeProblems(doc, changes, false, { erasures: true })).toEqual([
      { map: 'participants', key: 'r1', field: '', problem: 'unsigned' },
    ]);
  });
});
