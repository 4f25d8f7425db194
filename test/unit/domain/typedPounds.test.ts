/**
 * Money read back while it is typed (readTypedPounds): the line beside a money field shows what saving will
 * store, so it must agree with parsePounds on every text, and say nothing while nothing is typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/domain/errors';
import { parsePounds, readTypedPounds } from '../../../src/domain/money';

describe('money read back as it is typed', () => {
  it('Given nothing typed yet (empty, spaces, a lone £), Then there is nothing to say', () => {
    for (const text of ['', '   ', '£', ' £ '])
      expect(readTypedPounds(text, 'potPence')).toEqual({ kind: 'empty' });
  });

  it('Given amounts a facilitator or resident types, Then each reads as the pence saving stores', () => {
    const read = (text: string): unknown => readTypedPounds(text, 'potPence');
    expect(read('1,00,000')).toEqual({ kind: 'read', pence: 10_000_000 });
    expect(read('1000.5')).toEqual({ kind: 'read', pence: 100_050 });
    expect(read('£1,000')).toEqual({ kind: 'read', pence: 100_000 });
    expect(read('12,50')).toEqual({ kind: 'read', pence: 1_250 });
    expect(read('٢٥٠٠')).toEqual({ kind: 'read', pence: 250_000 });
    expect(read('0')).toEqual({ kind: 'read', pence: 0 });
  });

  it('Given a text that cannot be read, Then it carries the error saving would give, for the field', () => {
    const problem = (text: string): string => {
      const typed = readTypedPounds(text, 'costPence');
      if (typed.kind !== 'unreadable') throw new Error(`${text} was read: ${JSON.stringify(typed)}`);
      expect(typed.error.field).toBe('costPence');
      return typed.error.code;
    };
    expect(problem('1,0,0,0')).toBe('notWholePence');
    expect(problem('abc')).toBe('notWholePence');
    expect(problem('12.345')).toBe('notWholePence');
    expect(problem('-5')).toBe('negativeMoney');
    expect(problem('99999999999999')).toBe('tooMuchMoney');
  });

  it('Given any text, Then it is read exactly as parsePounds reads it, or refused with the same error', () => {
    const typing = fc.stringMatching(/^[£\s\d,.\-٠-٩a]{0,12}$/);
    fc.assert(
      fc.property(typing, (text) => {
        const typed = readTypedPounds(text, 'amountPence');
        try {
          const pence = parsePounds(text, 'amountPence');
          expect(typed).toEqual({ kind: 'read', pence });
        } catch (e) {
          if (!isValidationError(e)) throw e;
          if (e.code === 'required') expect(typed).toEqual({ kind: 'empty' });
          else expect(typed).toEqual({ kind: 'unreadable', error: e });
        }
      }),
    );
  });
});
