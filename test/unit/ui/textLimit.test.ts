import { describe, expect, it } from 'vitest';
import { requireText } from '../../../src/domain/validate';
import { charactersLeft, LIMIT_BANDS, limitBand } from '../../../src/ui/components/textLimit';

describe('a typed text against its length limit', () => {
  it.each([
    [0, 120, LIMIT_BANDS.roomy],
    [99, 120, LIMIT_BANDS.roomy],
    [100, 120, LIMIT_BANDS.near],
    [120, 120, LIMIT_BANDS.near],
    [121, 120, LIMIT_BANDS.over],
    [7, 10, LIMIT_BANDS.roomy],
    [8, 10, LIMIT_BANDS.near],
  ])('Given %i characters against a limit of %i, Then the band is %s', (length, max, band) => {
    expect(limitBand('a'.repeat(length), max)).toBe(band);
  });

  it('Given spaces around the text and an emoji, When counted, Then the count is what the check on saving sees', () => {
    const text = `  ${'a'.repeat(117)}🙂`;
    expect(charactersLeft(text, 120)).toBe(1);
    expect(() => requireText(text, 'title', 120)).not.toThrow();
    expect(charactersLeft(`${text}bb`, 120)).toBe(-1);
    expect(() => requireText(`${text}bb`, 'title', 120)).toThrow();
  });
});
