/**
 * What a scanned QR code holds, judged as an enrolment code. The admin CLI (src/server/adminCli.ts) puts the bare
 * code in the QR: ten symbols from the server's alphabet (src/server/devices.ts, CODE_ALPHABET and CODE_LENGTH,
 * which the browser cannot import: that module uses node:crypto). Case, spaces and dashes are ignored there, and
 * so here. Anything else (a web address, wifi details, another app's code) is not an enrolment code.
 */

/** The server's alphabet: no 0/O, 1/I/L, U. Keep in step with src/server/devices.ts. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROL_CODE_LENGTH = 10;
const ENROL_CODE = new RegExp(`^[${ALPHABET}]{${ENROL_CODE_LENGTH}}$`);

/** The text as the server reads a code: capitals, no spaces or dashes. */
function normalised(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/** The code as the server reads it (capitals, no spaces or dashes), or null when the text is not one. */
export function enrolCodeFromText(text: string): string | null {
  const code = normalised(text);
  return ENROL_CODE.test(code) ? code : null;
}

/**
 * What is plainly wrong with a typed code, before it goes to the server (which would only say "not known" and
 * count a failed try against this network): characters no code has (each once, as typed, in order), else the
 * wrong number of them. Null when the code has the shape of one; whether it is known is the server's to say.
 */
export type EnrolCodeProblem =
  { kind: 'characters'; characters: string[] } | { kind: 'length'; count: number };

export function enrolCodeProblem(text: string): EnrolCodeProblem | null {
  const code = normalised(text);
  const wrong = [
    ...new Set([...text.replace(/[\s-]/g, '')].filter((c) => !ALPHABET.includes(c.toUpperCase()))),
  ];
  if (wrong.length > 0) return { kind: 'characters', characters: wrong };
  const count = [...code].length;
  return count === ENROL_CODE_LENGTH ? null : { kind: 'length', count };
}

/** What one look at a picture found: an enrolment code, only other QR codes, or no QR code at all. */
export type ScanOutcome = { kind: 'code'; code: string } | { kind: 'otherQr' } | { kind: 'nothing' };

/** The first enrolment code among the QR texts found in one picture. */
export function judgeScan(texts: readonly string[]): ScanOutcome {
  for (const text of texts) {
    const code = enrolCodeFromText(text);
    if (code) return { kind: 'code', code };
  }
  return texts.length > 0 ? { kind: 'otherQr' } : { kind: 'nothing' };
}
