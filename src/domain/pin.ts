/**
 * Facilitator PINs: stored only as PBKDF2-SHA-256(PIN, random 16-byte salt), compared in constant time.
 * Wrong tries are slowed down: after 3 failures each further try waits 2^(failures-3) seconds, at most 5 minutes.
 * A PIN is 4 to 12 digits; Arabic-Indic digits (١٢٣٤, ۱۲۳۴) are the same digits as 1234 wherever a PIN is set or
 * typed, so they are read as 0-9 before hashing (a PIN set as 1234 unlocks with ١٢٣٤, and hashes stored before
 * verify as they did: those PINs were 0-9 already).
 */
import type { PinHash } from './types';
import { LIMITS } from './limits';
import { ValidationError } from './errors';
import { westernDigits } from './money';

export const PIN_ITERATIONS = 150_000;

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * The PIN as typed, read as digits 0-9; throws `badPin`, `tooFew` or `tooLong` when it cannot be a PIN at all.
 * Such a try can never be the right PIN (every stored PIN passed this check), so the PIN screen says the rule
 * instead of counting it as a wrong try.
 */
export function checkPinFormat(pin: string): string {
  const digits = westernDigits(pin);
  if (!/^[0-9]+$/.test(digits)) throw new ValidationError('badPin', 'pin', { min: LIMITS.minPinLength });
  if (digits.length < LIMITS.minPinLength)
    throw new ValidationError('tooFew', 'pin', { min: LIMITS.minPinLength });
  if (digits.length > LIMITS.maxPinLength)
    throw new ValidationError('tooLong', 'pin', { max: LIMITS.maxPinLength });
  return digits;
}

/** Two PINs typed (a PIN and its confirmation) are the same PIN, whichever digits each was typed in. */
export function isSamePin(a: string, b: string): boolean {
  return westernDigits(a) === westernDigits(b);
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const digits = checkPinFormat(pin);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { saltB64: toB64(salt), hashB64: toB64(await derive(digits, salt, iterations)), iterations };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(westernDigits(pin), fromB64(stored.saltB64), stored.iterations);
  const expected = fromB64(stored.hashB64);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

/** How long the next try must wait after this many failures in a row. */
export function pinDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(300_000, 1000 * 2 ** (failures - 3));
}
