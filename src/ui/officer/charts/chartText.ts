/**
 * Words on a chart, placed by pure functions: how wide a text is (measured in the page, estimated in Node), the
 * box it takes, and how to cut or wrap it to a width. The layouts (./geometry.ts) place every word with these, so
 * a test in Node can check that no two words and no line of the drawing overlap.
 *
 * A text's box runs from ASCENT above its baseline to DESCENT below it (in ems: generous for system fonts, whose
 * accents and descenders stay within about 0.93 and 0.24), as wide as `widthOf` says.
 */
import { graphemes } from '../../components/textLimit';

export const ASCENT = 0.95;
export const DESCENT = 0.3;
/** A line of words is this many ems tall; a baseline sits ASCENT + half the spare below the line's top. */
export const LINE_HEIGHT = 1.4;

export interface ChartFont {
  /** Size of every word on the chart, in viewBox units (CSS px when the chart is drawn at its own width). */
  size: number;
  /** How wide a text is drawn, in the same units: bold for titles and the pot's words. */
  widthOf: (text: string, isBold: boolean) => number;
}

/** Bidi marks, embeddings, overrides and isolates: they steer the words around them and take no room. */
const BIDI_FORMATS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Widths guessed from the number of characters (wide enough for DejaVu Sans, the widest usual system font). */
export function estimatedFont(size: number): ChartFont {
  return {
    size,
    widthOf: (text, isBold) =>
      graphemes(text.replace(BIDI_FORMATS, '')).length * size * (isBold ? 0.72 : 0.64),
  };
}

export type TextAnchor = 'start' | 'middle' | 'end';

/** One line of words as drawn: `y` is its baseline. */
export interface ChartText {
  text: string;
  x: number;
  y: number;
  anchor: TextAnchor;
  isBold: boolean;
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function textBox(t: ChartText, font: ChartFont): Box {
  const width = font.widthOf(t.text, t.isBold);
  const left = t.anchor === 'start' ? t.x : t.anchor === 'end' ? t.x - width : t.x - width / 2;
  return { left, right: left + width, top: t.y - ASCENT * font.size, bottom: t.y + DESCENT * font.size };
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The baseline of a line of words whose line starts at `top`. */
export function baselineIn(top: number, font: ChartFont): number {
  return top + ((LINE_HEIGHT - ASCENT - DESCENT) / 2 + ASCENT) * font.size;
}

/** `text` cut with an ellipsis to fit `width` (the full text stays in the table). */
export function clipToWidth(text: string, width: number, font: ChartFont, isBold: boolean): string {
  if (font.widthOf(text, isBold) <= width) return text;
  const chars = graphemes(text);
  let n = chars.length - 1;
  while (n > 1 && font.widthOf(`${chars.slice(0, n).join('')}…`, isBold) > width) n--;
  return `${chars.slice(0, n).join('')}…`;
}

/**
 * `parts` packed into as few lines as fit `width`, joined by `separator` within a line (words of a sentence,
 * or the " · " pieces of a bar's figures). A part wider than `width` on its own gets a line to itself.
 */
export function wrapToWidth(
  parts: readonly string[],
  separator: string,
  width: number,
  font: ChartFont,
  isBold: boolean,
): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    const joined = last === undefined ? part : `${last}${separator}${part}`;
    if (last !== undefined && font.widthOf(joined, isBold) <= width) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  return lines;
}
