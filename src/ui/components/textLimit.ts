/**
 * How close a typed text is to its length limit, counted exactly as the checks count it (src/domain/validate.ts:
 * the text without the spaces around it, `String.length`), so that "3 characters left" never meets "too long".
 */

/** Where a text stands against its limit; a screen reader hears only a change of band, never every key. */
export const LIMIT_BANDS = {
  /** Plenty of room: nothing is said aloud. */
  roomy: 'roomy',
  /** Within NEAR_LIMIT of the limit: said once, as the text arrives there. */
  near: 'near',
  /** Longer than the limit: said once; the text is kept, and saving it is refused with the reason. */
  over: 'over',
} as const;

export type LimitBand = (typeof LIMIT_BANDS)[keyof typeof LIMIT_BANDS];

/** "Near" starts this many characters before the limit (a fifth of it for short limits). */
const NEAR_LIMIT = 20;

/** The length the checks see. */
export function typedLength(text: string): number {
  return text.trim().length;
}

/** Characters left before the limit: negative when the text is over it. */
export function charactersLeft(text: string, max: number): number {
  return max - typedLength(text);
}

export function limitBand(text: string, max: number): LimitBand {
  const left = charactersLeft(text, max);
  if (left < 0) return LIMIT_BANDS.over;
  return left <= Math.min(NEAR_LIMIT, Math.floor(max / 5)) ? LIMIT_BANDS.near : LIMIT_BANDS.roomy;
}

/*
 * Text cut where a reader sees a character end. Cutting by `String.length` (UTF-16 units) can split an emoji in
 * two and leave a broken glyph; cutting by code points can still split a flag, a skin-tone emoji or a letter with
 * a combining accent. Intl.Segmenter's graphemes (Chromium, Safari, Firefox 125+, Node 16+) are what a person
 * calls a character; without it, code points (never half a surrogate pair). Here, in the app's first script,
 * so that the voice (speech/) and the charts (officer/) share it without a chunk of its own.
 */

/** The user-perceived characters of a text, in order. */
export function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter === 'function') {
    return Array.from(
      new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text),
      (s) => s.segment,
    );
  }
  return [...text];
}

/** The longest start of `text` of at most `maxUnits` UTF-16 units that ends on a whole character. */
export function cutAtCharacter(text: string, maxUnits: number): string {
  let length = 0;
  for (const g of graphemes(text)) {
    if (length + g.length > maxUnits) break;
    length += g.length;
  }
  return text.slice(0, length);
}
