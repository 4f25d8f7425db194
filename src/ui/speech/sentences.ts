/**
 * Text for the synthetic voice, cut into pieces it reads whole. Chrome stops an utterance after about 15 seconds
 * of speech (and Android's engines have length limits too), so a screen is spoken one sentence at a time: lines
 * first (a heading has no full stop), then sentences by `Intl.Segmenter` in the text's language (it knows the
 * Urdu and Arabic full stops), then, for a sentence still longer than `maxChars`, at the last comma or space
 * before the limit.
 */
import { cutAtCharacter, graphemes } from '../components/textLimit';

/** About 12 seconds of speech: under the length where Chrome cuts an utterance off. */
export const MAX_PIECE_CHARS = 200;

function sentencesOf(line: string, lang: string): string[] {
  if (typeof Intl.Segmenter === 'function') {
    let segmenter: Intl.Segmenter;
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    return [...segmenter.segment(line)].map((s) => s.segment);
  }
  // Browsers before Intl.Segmenter (Firefox before 125): full stops, question and exclamation marks.
  return line.split(/(?<=[.!?\u06d4\u061f])\s+/u);
}

/** A sentence longer than `max`: cut after the last comma (Latin or Arabic) before it, else the last space. */
function cutLong(sentence: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    // Never half an emoji or a letter without its accent: with no comma or space, the cut is at a whole character.
    const head = cutAtCharacter(rest, max);
    const comma = Math.max(head.lastIndexOf(', '), head.lastIndexOf('\u060c '));
    const space = head.lastIndexOf(' ');
    const at =
      comma > max / 3 ? comma + 1 : space > 0 ? space : head.length || (graphemes(rest)[0]?.length ?? 1);
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The pieces to queue, in reading order, none empty and none longer than `maxChars`. */
export function splitSentences(text: string, lang: string, maxChars = MAX_PIECE_CHARS): string[] {
  const pieces: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const sentence of sentencesOf(line.trim(), lang)) {
      const trimmed = sentence.replace(/\s+/g, ' ').trim();
      if (trimmed) pieces.push(...cutLong(trimmed, maxChars));
    }
  }
  return pieces;
}
