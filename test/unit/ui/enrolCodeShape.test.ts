import { describe, expect, it } from 'vitest';
import { enrolCodeFromText, enrolCodeProblem } from '../../../src/ui/facilitator/sync/scan/enrolCodeText';

describe('an enrolment code’s shape, checked on the device', () => {
  it.each(['7K2M 9QXP 4T', '7k2m-9qxp-4t', ' 7K2M9QXP4T '])(
    'Given the well-shaped code “%s”, Then nothing is wrong with it and it reads as the server reads it',
    (typed) => {
      expect(enrolCodeProblem(typed)).toBeNull();
      expect(enrolCodeFromText(typed)).toBe('7K2M9QXP4T');
    },
  );

  it('Given too few characters, Then the problem is the count', () => {
    expect(enrolCodeProblem('7K2M 9QX')).toEqual({ kind: 'length', count: 7 });
    expect(enrolCodeProblem('7K2M 9QXP 4TT')).toEqual({ kind: 'length', count: 11 });
  });

  it('Given letters no code has (O for 0, l for 1), Then each is named once, as typed', () => {
    expect(enrolCodeProblem('7K2M 9QXP 4O')).toEqual({ kind: 'characters', characters: ['O'] });
    expect(enrolCodeProblem('lK2M 9Q0P 4l')).toEqual({ kind: 'characters', characters: ['l', '0'] });
  });

  it('Given a web address pasted, Then its wrong characters are named before its length', () => {
    expect(enrolCodeProblem('https://x.org')).toEqual({
      kind: 'characters',
      characters: [':', '/', '.', 'o'],
    });
  });
});
