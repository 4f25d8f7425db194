/**
 * Text cut where a reader sees a character end. Cutting by `String.length` (UTF-16 units) can split an emoji in
 * two and leave a broken glyph; cutting by code points can still split a flag, a skin-tone emoji or a letter with
 * a combining accent. Intl.Segmenter's graphemes (Chromium, Safari, Firefox 125+, Node 16+) are what a person
 * calls a character; without it, code points (never half a surrogate pair).
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
