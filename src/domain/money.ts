/**
 * Reading money people type. Amounts are typed in pounds ("2500", "£2,500", "12.50") and stored as whole
 * pence. Anything else (letters, three decimals, a minus sign, a comma that is not between thousands) is refused
 * rather than guessed.
 */
import { isValidationError, ValidationError } from './errors';
import { requirePence } from './validate';
import type { Pence } from './types';

/**
 * Whole pounds, with or without commas between thousands ("2500", "2,500", "1,000,000"), or in the lakh grouping
 * many Urdu, Hindi and Bengali speakers write ("1,00,000" is a hundred thousand, "10,00,000" a million: the last
 * three digits, then pairs), then at most two decimals. A comma anywhere else ("1,0,0,0", "25,00,0", ",5",
 * "1000,000") is refused, not dropped: dropping it read "1,0,0,0" as £1,000 without a word. Either grouping reads
 * the digits as written, so no comma placement that is taken changes the amount.
 */
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.(\d{1,2}))?$/;

export function parsePounds(text: string, field: string): Pence {
  const cleaned = decimalPoint(
    westernSeparators(westernDigits(text))
      .trim()
      .replace(/^£/, '')
      .replace(/[\s\u00A0\u202F]/g, ''),
  );
  if (cleaned.startsWith('-')) throw new ValidationError('negativeMoney', field);
  const match = AMOUNT.exec(cleaned);
  if (!match) throw new ValidationError(cleaned === '' ? 'required' : 'notWholePence', field);
  const pence = Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return requirePence(pence, field);
}

/**
 * How a money field's text reads while it is being typed, for the line beside it: nothing typed yet (spaces or a
 * lone "£" too), the pence `parsePounds` reads (what saving will store), or the error saving would give.
 */
export type TypedPounds =
  { kind: 'empty' } | { kind: 'read'; pence: Pence } | { kind: 'unreadable'; error: ValidationError };

export function readTypedPounds(text: string, field: string): TypedPounds {
  try {
    return { kind: 'read', pence: parsePounds(text, field) };
  } catch (e) {
    if (!isValidationError(e)) throw e;
    return e.code === 'required' ? { kind: 'empty' } : { kind: 'unreadable', error: e };
  }
}

/**
 * Arabic and Urdu keyboards type Arabic-Indic digits (٠١٢ / ۰۱۲): the same numbers as 0-9, so they are read as
 * such wherever numbers are typed (amounts here, PINs in pin.ts). Nothing else in the text changes.
 */
export function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The Arabic decimal (٫) and thousands (٬) separators, read as a point and a comma. */
function westernSeparators(text: string): string {
  return text.replace(/\u066B/g, '.').replace(/\u066C/g, ',');
}

/**
 * Polish (and most of Europe) writes pence after a comma: "12,50" is £12.50, and "10 000" is ten thousand. A comma
 * followed by one or two digits at the end, with no point elsewhere, is that decimal comma; "2,500" (three digits
 * after it) stays two thousand five hundred.
 */
function decimalPoint(text: string): string {
  return /^\d+,\d{1,2}$/.test(text) ? text.replace(',', '.') : text;
}

/** The inverse, for filling a form: 250000 -> "2500", 1250 -> "12.50". */
export function penceToPoundsText(pence: Pence): string {
  return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2);
}
