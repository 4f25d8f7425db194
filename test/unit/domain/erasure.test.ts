/**
 * What an erased participant record is (src/domain/erasure.ts), and that it still counts as a resident taking
 * part (takingPart), whatever form the answers had.
 */
import { describe, expect, it } from 'vitest';
import {
  answeredAt,
  erasedRecord,
  holdsAnswers,
  isErased,
  isErasureOf,
  isSameErasure,
  retentionFrom,
} from '../../../src/domain/erasure';
import { takingPart } from '../../../src/domain/results/participation';
import type { Participant } from '../../../src/domain/types';

const signed = {
  id: 'r1',
  deviceId: 'tablet-a',
  at: 1_000,
  language: 'cy',
  hasConsented: true,
  answers: { age: '65 or over' },
  finishedAt: 2_000,
  revision: 3,
  deviceKey: 'k'.repeat(44),
  signature: 's'.repeat(88),
};

describe('an erased participant record', () => {
  it('Given a signed record with answers, When erased, Then answers are empty, the signature goes and the rest stays', () => {
    const erased = erasedRecord(signed, 9_000);
    expect(erased).toEqual({
      id: 'r1',
      deviceId: 'tablet-a',
      at: 1_000,
      language: 'cy',
      hasConsented: true,
      answers: {},
      finishedAt: 2_000,
      revision: 3,
      answersErased: 9_000,
    });
    expect(holdsAnswers(signed)).toBe(true);
    expect(holdsAnswers(erased)).toBe(false);
    expect(isErased(erased)).toBe(true);
  });

  it('Given answers sealed in an envelope (any field named for answers), When erased, Then none of it is left', () => {
    const sealed = { ...signed, answers: 'eyJ2IjoxfQ', sealedAnswers: { v: 1, ct: 'abc' } };
    expect(holdsAnswers(sealed)).toBe(true);
    const erased = erasedRecord(sealed, 9_000);
    expect(erased.answers).toEqual({});
    expect(erased).not.toHaveProperty('sealedAnswers');
  });

  it('Given a resident who only answered about themselves, When erased, Then they still count as taking part', () => {
    const erased = erasedRecord(signed, 9_000) as unknown as Participant;
    const unanswered: Participant = { ...erased, id: 'r2', answers: {} };
    delete unanswered.answersErased;
    const { residents, nothingDone } = takingPart({
      participants: [erased, unanswered],
      proposals: [],
      comments: [],
      ballots: [],
    });
    expect(residents.map((p) => p.id)).toEqual(['r1']);
    expect(nothingDone.map((p) => p.id)).toEqual(['r2']);
  });

  it('Given a record, Then it was answered at the later of its start and finish', () => {
    expect(answeredAt(signed)).toBe(2_000);
    expect(answeredAt({ ...signed, finishedAt: null })).toBe(1_000);
    expect(answeredAt('not a record')).toBeNull();
  });

  it('Given the council received the session between 1,500 and 5,000, Then a record counts from its tablet time held within those', () => {
    const span = { first: 1_500, last: 5_000 };
    expect(retentionFrom(signed, span)).toBe(2_000); // answered at 2,000: the tablet's time stands
    expect(retentionFrom({ ...signed, at: 0, finishedAt: 60 }, span)).toBe(1_500); // a clock reset to 1970
    expect(retentionFrom({ ...signed, at: 9e12, finishedAt: 9e12 }, span)).toBe(5_000); // a clock years ahead
    // No time the tablet wrote (or none that is a number): the latest the council could have had it.
    expect(retentionFrom({ ...signed, at: Number.NaN, finishedAt: null }, span)).toBe(5_000);
    expect(retentionFrom('not a record', span)).toBe(5_000);
  });

  it('Given a record, Then only its exact erased form is an erasure of it', () => {
    const erased = erasedRecord(signed, 9_000);
    expect(isErasureOf(signed, erased)).toBe(true);
    expect(isErasureOf(signed, { ...erased, hasConsented: false })).toBe(false);
    expect(isErasureOf(signed, { ...erased, answers: { age: 'Under 18' } })).toBe(false);
    expect(isErasureOf(signed, { ...signed, answersErased: 9_000 })).toBe(false);
    expect(isErasureOf(erased, erasedRecord(erased, 9_500))).toBe(false);
  });

  it('Given the same record erased twice (a backup restored, then erased again), Then each erasure may stand for the other, and nothing else may', () => {
    const first = erasedRecord(signed, 9_000);
    const second = erasedRecord(signed, 9_500);
    expect(isSameErasure(first, second)).toBe(true);
    expect(isSameErasure(second, first)).toBe(true);
    expect(isSameErasure(first, { ...second, hasConsented: false })).toBe(false);
    expect(isSameErasure(first, { ...second, answers: { age: 'Under 18' } })).toBe(false);
    expect(isSameErasure(first, { ...second, sealedAnswers: 'v1.k1.AAAA' })).toBe(false);
    expect(isSameErasure(signed, second)).toBe(false);
    expect(isSameErasure(first, signed)).toBe(false);
    expect(isSameErasure(first, erasedRecord({ ...signed, id: 'r2' }, 9_500))).toBe(false);
    // Only a time the council could have written (a review: a device could write NaN or 1e300 there).
    for (const at of [Number.NaN, 1e300, -1, 9_000.5]) {
      expect(isSameErasure(first, { ...second, answersErased: at }), String(at)).toBe(false);
    }
  });
});
