import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/domain/errors';
import { parsePounds, penceToPoundsText } from '../../../src/domain/money';
import { checkPinFormat, hashPin, isSamePin, pinDelayMs, verifyPin } from '../../../src/domain/pin';

describe('facilitator PIN', () => {
  it('Given a PIN set with a random salt, Then only the hash is kept and only the same PIN verifies', async () => {
    const stored = await hashPin('4821', 1000);
    expect(JSON.stringify(stored)).not.toContain('4821');
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('Given the same PIN twice, Then the salts (and so the hashes) differ', async () => {
    const [a, b] = await Promise.all([hashPin('1234', 1000), hashPin('1234', 1000)]);
    expect(a.saltB64).not.toBe(b.saltB64);
    expect(a.hashB64).not.toBe(b.hashB64);
  });

  it.each([
    ['12a4', 'badPin'],
    ['123', 'tooFew'],
    ['1234567890123', 'tooLong'],
  ])('Given the PIN "%s", Then it is refused with %s', (pin, code) => {
    try {
      checkPinFormat(pin);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(isValidationError(e) && e.code).toBe(code);
    }
  });

  it.each([
    ['abcd', 'badPin'],
    ['12 34', 'badPin'],
    ['１２３４', 'badPin'],
    ['12', 'tooFew'],
    ['١٢٣', 'tooFew'],
    ['۱۲۳۴۵۶۷۸۹۰۱۲۳', 'tooLong'],
  ])(
    'Given "%s" typed on the PIN screen, Then it cannot be a PIN (%s): the screen says the rule',
    (pin, code) => {
      expect(() => checkPinFormat(pin)).toThrow(expect.objectContaining({ code, field: 'pin' }));
    },
  );

  it.each([
    ['١٢٣٤', '1234'],
    ['۱۲۳۴', '1234'],
    ['12٣٤', '1234'],
    ['0987654321', '0987654321'],
  ])('Given the PIN typed as "%s" on an Arabic or Urdu keyboard, Then it is the PIN %s', (typed, digits) => {
    expect(checkPinFormat(typed)).toBe(digits);
  });

  it('Given a PIN set as 1234, When it is typed in Arabic-Indic or Eastern Arabic-Indic digits, Then it unlocks', async () => {
    const stored = await hashPin('1234', 1000);
    expect(await verifyPin('١٢٣٤', stored)).toBe(true);
    expect(await verifyPin('۱۲۳۴', stored)).toBe(true);
    expect(await verifyPin('١٢٣٥', stored)).toBe(false);
  });

  it('Given a PIN set in Arabic-Indic digits, Then the same digits typed 0-9 unlock it, and its confirmation in either is the same PIN', async () => {
    const stored = await hashPin('٤٨٢١', 1000);
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('۴۸۲۱', stored)).toBe(true);
    expect(isSamePin('٤٨٢١', '4821')).toBe(true);
    expect(isSamePin('٤٨٢١', '4822')).toBe(false);
  });

  it('Given a hash stored before Arabic-Indic digits were read (a PIN of 0-9 hashed as typed), Then it verifies as before', async () => {
    // PBKDF2-SHA-256('4821', salt 0x00..0f, 1000 iterations), worked out apart from this code (Node's crypto.pbkdf2Sync): a stored PIN's
    // hash must never need the PIN set again.
    const stored = {
      saltB64: 'AAECAwQFBgcICQoLDA0ODw==',
      hashB64: 'Z6JOy8PjhRTmSedeSHtn7HxPh52Qj1lcDGYj1Pc79cU=',
      iterations: 1000,
    };
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('٤٨٢١', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
  });

  it('Given wrong tries in a row, Then the wait grows from the third and is capped at 5 minutes', () => {
    expect([0, 1, 2].map(pinDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(pinDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(pinDelayMs(40)).toBe(300_000);
  });
});

describe('money typed in pounds', () => {
  it.each([
    ['2500', 250_000],
    ['£2,500', 250_000],
    ['12.5', 1250],
    ['12.50', 1250],
    [' 0 ', 0],
    ['0.01', 1],
    // Typed on an Arabic or Urdu keyboard: Arabic-Indic and extended digits, Arabic separators.
    ['٢٥٠٠', 250_000],
    ['٢٬٥٠٠', 250_000],
    ['١٢٫٥', 1250],
    ['۲۵۰۰', 250_000],
    // Typed as Polish writes money: a decimal comma and spaces between thousands.
    ['12,50', 1250],
    ['1,5', 150],
    ['10 000', 1_000_000],
    ['10\u00A0000,99', 1_000_099],
    ['2,500', 250_000],
  ])('Given "%s", Then %i pence', (text, pence) => {
    expect(parsePounds(text, 'cost')).toBe(pence);
  });

  it.each([
    ['', 'required'],
    ['abc', 'notWholePence'],
    ['12.345', 'notWholePence'],
    ['-5', 'negativeMoney'],
    ['1e5', 'notWholePence'],
    ['99999999999999', 'tooMuchMoney'],
  ])('Given "%s", Then it is refused with %s and names the field', (text, code) => {
    try {
      parsePounds(text, 'costPence');
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(isValidationError(e) && [e.code, e.field]).toEqual([code, 'costPence']);
    }
  });

  it('Given pence, Then the text a form shows parses back to the same pence', () => {
    for (const pence of [0, 1, 99, 100, 1250, 250_000, 123_456_789]) {
      expect(parsePounds(penceToPoundsText(pence), 'x')).toBe(pence);
    }
  });
});
