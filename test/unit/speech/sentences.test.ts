import { describe, expect, it } from 'vitest';
import { MAX_PIECE_CHARS, splitSentences } from '../../../src/ui/speech/sentences';

describe('cutting a screen’s text into pieces a voice reads whole', () => {
  it('Given a heading line and a lead of three sentences, When split, Then the heading and each sentence are pieces of their own', () => {
    const text =
      'Welcome\nHelp decide how £50,000 is spent in Eastbrook. It takes about 10 minutes. We do not ask your name.';
    expect(splitSentences(text, 'en-GB')).toEqual([
      'Welcome',
      'Help decide how £50,000 is spent in Eastbrook.',
      'It takes about 10 minutes.',
      'We do not ask your name.',
    ]);
  });

  it('Given Welsh text, When split, Then it is cut at its full stops and question marks', () => {
    expect(splitSentences('Croeso\nBeth hoffech chi ei wneud? Mae’n cymryd tua 10 munud.', 'cy')).toEqual([
      'Croeso',
      'Beth hoffech chi ei wneud?',
      'Mae’n cymryd tua 10 munud.',
    ]);
  });

  it('Given Urdu and Arabic text, When split, Then their own full stop and question mark end sentences', () => {
    expect(splitSentences('یہ پہلا جملہ ہے۔ کیا آپ خوش ہیں؟ شکریہ', 'ur')).toEqual([
      'یہ پہلا جملہ ہے۔',
      'کیا آپ خوش ہیں؟',
      'شکریہ',
    ]);
    expect(splitSentences('مرحبا. هل أنت مستعد؟', 'ar')).toEqual(['مرحبا.', 'هل أنت مستعد؟']);
  });

  it('Given a sentence longer than a voice reads whole, When split, Then it is cut at a comma or a space and no piece is too long', () => {
    const clause = 'a youth club open on Friday nights with a kitchen';
    const long = `${Array.from({ length: 8 }, () => clause).join(', ')}.`;
    const pieces = splitSentences(long, 'en');
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_PIECE_CHARS);
    expect(pieces.join(' ')).toBe(long);
    expect(pieces[0]?.endsWith(',')).toBe(true);
  });

  it('Given one word longer than the limit, When split, Then it is cut hard rather than sent whole', () => {
    const word = 'x'.repeat(450);
    const pieces = splitSentences(word, 'en', 200);
    expect(pieces.map((p) => p.length)).toEqual([200, 200, 50]);
  });

  it('Given blank lines and spaces, When split, Then no piece is empty and spaces are tidied', () => {
    expect(splitSentences('\n  Before you start \n\n\n Please read   this. \n', 'en')).toEqual([
      'Before you start',
      'Please read this.',
    ]);
    expect(splitSentences('   \n ', 'en')).toEqual([]);
  });

  it('Given a language tag the segmenter refuses, When split, Then sentences are still found', () => {
    expect(splitSentences('One. Two.', 'not a tag!')).toEqual(['One.', 'Two.']);
  });
});
