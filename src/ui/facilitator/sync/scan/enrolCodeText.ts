/**
 * What a scanned QR code holds, judged as an enrolment code. The admin CLI (src/server/adminCli.ts) puts the bare
 * code in the QR: ten symbols from the server's alphabet (src/server/devices.ts, CODE_ALPHABET and CODE_LENGTH,
 * which the browser cannot import: that module uses node:crypto). Case, spaces and dashes are ignored there, and
 * so here. Anything else (a web address, wifi details, another app's code) is not an enrolment code.
 */

/** The server's alphabet: no 0/O, 1/I/L, U. Keep in step with src/server/devices.ts. */
const ENROL_CODE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/;

/** The code as the server reads it (capitals, no spaces or dashes), or null when the text is not one. */
export function enrolCodeFromText(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  return ENROL_CODE.test(code) ? code : null;
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
