// The priority method's numbers in "Create a session" (found in a walk: "-1" was called not a whole number, and the
// dots' own problem was said only once the other field was fixed).
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { formFromSettings, readForm } from '../../../src/ui/facilitator/formModel';
import '../../../src/ui/facilitator/messages';
import { makeTranslator } from '../../../src/ui/i18n';
import { validSettings } from '../helpers/session';

describe('the dots fields of the session form', () => {
  const t = makeTranslator('en');
  const form = { ...formFromSettings(t, validSettings()), methodKind: 'dots' as const };
  const read = (dots: string, maxPerIdea: string) => readForm(t, { ...form, dots, maxPerIdea }, null);

  it('Given 0 dots and -1 on one idea, when the form is read, then both fields say which numbers may be chosen, at once', () => {
    const { errors, settings } = read('0', '-1');
    expect(settings).toBeNull();
    expect(Object.values(errors)).toEqual([
      `Please choose a number from 1 to ${LIMITS.maxDots}.`,
      `Please choose a number from 1 to ${LIMITS.maxDots}.`,
    ]);
  });

  it('Given 5 dots and 6 on one idea, then the most on one idea is checked against the dots', () => {
    expect(Object.values(read('5', '6').errors)).toEqual(['Please choose a number from 1 to 5.']);
  });

  it('Given words or decimals, then they are not whole numbers; given 5 and 3, the method is read', () => {
    expect(Object.values(read('five', '2.5').errors)).toEqual([
      'Please use a whole number.',
      'Please use a whole number.',
    ]);
    const ok = read('5', '3');
    expect(ok.errors).toEqual({});
    expect(ok.settings?.method).toEqual({ kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 });
  });
});
