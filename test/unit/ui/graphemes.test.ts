import { describe, expect, it } from 'vitest';
import { clipText } from '../../../src/ui/officer/charts/geometry';
import { cutAtCharacter, graphemes } from '../../../src/ui/components/textLimit';
import { splitSentences } from '../../../src/ui/speech/sentences';

const THUMB = '👍🏽'; // a thumb and a skin tone: four UTF-16 units, two code points, one character
const HALF_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text cut where a reader sees a character end', () => {
  it('Given a thumb with a skin tone, When split into characters, Then it is one', () => {
    expect(graphemes(`a${THUMB}b`)).toEqual(['a', THUMB, 'b']);
  });

  it('Given a cut that would fall inside an emoji, When cut, Then the whole emoji is left out', () => {
    expect(cutAtCharacter(`ab${THUMB}`, 4)).toBe('ab');
    expect(cutAtCharacter(`ab${THUMB}`, 6)).toBe(`ab${THUMB}`);
  });

  it('Given a chart label ending in a skin-tone emoji, When clipped, Then no emoji is cut in two', () => {
    const clipped = clipText(`Youth club ${THUMB}${THUMB}${THUMB}`, 13);
    expect(clipped).toBe(`Youth club ${THUMB}…`);
  });

  it('Given a sentence of emoji with no space or comma, When cut for the voice, Then no piece holds half of one', () => {
    const pieces = splitSentences('🙂'.repeat(15), 'en-GB', 5);
    expect(pieces.join('')).toBe('🙂'.repeat(15));
    for (const piece of pieces) expect(piece).not.toMatch(HALF_SURROGATE);
  });
});
