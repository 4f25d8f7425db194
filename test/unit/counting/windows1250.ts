// Text to windows-1250 bytes, for tests of files that are not UTF-8 (TextEncoder only writes UTF-8).
const TABLE = new Map<string, number>(
  [...new TextDecoder('windows-1250').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((ch, i) => [
    ch,
    i,
  ]),
);

export function toWindows1250(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const byte = TABLE.get(ch);
    if (byte === undefined) throw new Error(`"${ch}" has no windows-1250 byte.`);
    return byte;
  });
}
