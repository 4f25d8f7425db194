/**
 * Turning the bytes of a `.pb` file into text before it is parsed (pabulib.ts).
 *
 * Rule: pabulib files are UTF-8 (pabulib.org/format). Bytes that are not valid UTF-8 are not replaced by U+FFFD,
 * because two different ids would then read alike (`ą1` and `ę1` both as `�1`) and be reported as one id twice.
 * Instead the whole file is read as windows-1250, the Central European code page that older Polish exports
 * use, and the reader is told so with the offset of the first byte that is not UTF-8. windows-1250 (as the
 * WHATWG Encoding Standard defines it, which TextDecoder follows) gives every one of the 256 byte values its
 * own character, so different ids stay different and every count is exact; only names may show wrong letters
 * if the file was in another code page. Where the runtime has no windows-1250 decoder, latin1 (same property).
 * Source: WHATWG Encoding Standard (encoding.spec.whatwg.org), §4 "Encodings" and index-windows-1250.
 * Tie-break: not applicable.
 */

export interface DecodedPb {
  text: string;
  /** 'utf-8' for a proper file, otherwise the single-byte encoding that was assumed. */
  encoding: 'utf-8' | 'windows-1250' | 'latin1';
  /** A sentence for the reader when the file was not UTF-8. */
  warning?: string;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstNonUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes, and the allowed range of the first one (RFC 3629 §4), which rules
    // out overlong forms, surrogates and code points above U+10FFFF.
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}

function singleByteDecoder(): { decoder: TextDecoder; encoding: 'windows-1250' | 'latin1' } {
  try {
    return { decoder: new TextDecoder('windows-1250'), encoding: 'windows-1250' };
  } catch {
    return { decoder: new TextDecoder('latin1'), encoding: 'latin1' };
  }
}

/** Decodes a `.pb` file's bytes: UTF-8, or windows-1250 with a warning naming the first byte that is not UTF-8. */
export function decodePb(bytes: Uint8Array): DecodedPb {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const offset = firstNonUtf8Byte(bytes);
    const { decoder, encoding } = singleByteDecoder();
    return {
      text: decoder.decode(bytes),
      encoding,
      warning:
        `the file is not UTF-8 (the byte at offset ${offset}, 0x${hex(bytes[offset])}, cannot be UTF-8 there), ` +
        `so it was read as ${encoding}: ids and counts are exact, but names may show wrong letters.`,
    };
  }
}
