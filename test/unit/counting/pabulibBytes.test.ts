// Reading a .pb file's bytes: UTF-8, or a stated single-byte encoding that keeps every id apart (issue 11 §2).
import { describe, expect, it } from 'vitest';
import { decodePb, firstNonUtf8Byte } from '../../../src/domain/counting/pabulibBytes';
import { toWindows1250 } from './windows1250';

describe('Given the bytes of a .pb file', () => {
  it('When they are UTF-8, Then the text is theirs and nothing is said', () => {
    const bytes = new TextEncoder().encode('META\nkey;value\nname;Grabówka “Odkupmy”\n');
    expect(decodePb(bytes)).toEqual({
      text: 'META\nkey;value\nname;Grabówka “Odkupmy”\n',
      encoding: 'utf-8',
    });
  });

  it('When they are windows-1250, Then they are read as windows-1250 and the warning names the first bad byte', () => {
    const text = 'META\nkey;value\nunit;Częstochowa\n';
    const decoded = decodePb(toWindows1250(text));
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe('windows-1250');
    // "META\nkey;value\nunit;Cz" is 22 bytes, so ę (0xea in windows-1250) is at offset 22.
    expect(decoded.warning).toBe(
      'the file is not UTF-8 (the byte at offset 22, 0xea, cannot be UTF-8 there), so it was read as windows-1250: ids and counts are exact, but names may show wrong letters.',
    );
  });

  it('When any byte value is read as windows-1250, Then each of the 256 gives its own character, so no two ids merge', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = new TextDecoder('windows-1250').decode(all);
    expect(new Set(text).size).toBe(256);
    expect([...text]).toHaveLength(256);
  });

  it('When bytes are checked for UTF-8, Then the first bad offset agrees with a strict TextDecoder', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const isUtf8 = (b: Uint8Array): boolean => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // Awkward cases by hand: overlong forms, surrogates, beyond U+10FFFF, cut-off sequences.
    const cases = [
      [0x41, 0xc3, 0xa9],
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98],
      [0x61, 0xe2, 0x82, 0xac, 0xff],
    ].map((b) => Uint8Array.from(b));
    // And many pseudo-random short byte strings (a fixed linear congruential sequence, so the test repeats).
    let seed = 11;
    for (let n = 0; n < 5000; n++) {
      const len = n % 7;
      cases.push(
        Uint8Array.from({ length: len }, () => {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          return seed % 3 === 0 ? 0x41 : 0x80 + (seed % 128);
        }),
      );
    }
    for (const b of cases) {
      const at = firstNonUtf8Byte(b);
      expect([Array.from(b), at === -1]).toEqual([Array.from(b), isUtf8(b)]);
      if (at >= 0) expect(isUtf8(b.subarray(0, at))).toBe(true);
    }
  });
});
