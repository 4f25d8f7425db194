/**
 * Exact rational numbers on BigInt, for the counting rules.
 *
 * Rule: a value is n/d with d > 0 and gcd(|n|, d) = 1, so equal values have equal representations.
 * Source: none needed; this is arithmetic. The Method of Equal Shares needs exact arithmetic because effective
 * vote counts tie exactly in real elections (pabulib RULES.md §2.1, §2.3: pabutools uses gmpy2 fractions, the
 * pabulib checker uses Python's Fraction, equalshares.net recommends exact fractions for official results).
 * Tie-break: not applicable.
 *
 * Numbers given as JavaScript numbers are read through their shortest decimal form (String(x)), so 0.9 is
 * exactly 9/10, which is what the person who typed the cost meant.
 */

export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a <= SAFE && b <= SAFE) {
    // Fast path on doubles: exact for integers below 2^53.
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    return BigInt(x);
  }
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('A fraction cannot have a zero denominator.');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  if (n === 0n) return ZERO;
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

/** Parses a decimal string such as "12", "-0.09", "1.5e3" or "400000.0" exactly. */
export function parseDecimal(text: string): Rational {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new RangeError(`"${text}" is not a decimal number.`);
  }
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let n = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0') * sign;
  let scale = frac.length - exp;
  let d = 1n;
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  d = 10n ** BigInt(scale);
  return rat(n, d);
}

export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number.`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { n: BigInt(x), d: 1n };
  return parseDecimal(String(x));
}

export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rat(a.n + b.n, a.d);
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rat(a.n - b.n, a.d);
  return rat(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rational, b: Rational): Rational {
  return rat(a.n * b.n, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('Division by zero.');
  return rat(a.n * b.d, a.d * b.n);
}

export function mulInt(a: Rational, k: bigint): Rational {
  return rat(a.n * k, a.d);
}

export function divInt(a: Rational, k: bigint): Rational {
  return rat(a.n, a.d * k);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function cmp(a: Rational, b: Rational): number {
  const l = a.d === b.d ? a.n : a.n * b.d;
  const r = a.d === b.d ? b.n : b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function min(a: Rational, b: Rational): Rational {
  return cmp(a, b) <= 0 ? a : b;
}

export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

export function toNumber(a: Rational): number {
  if (a.d === 1n) return Number(a.n);
  return Number(a.n) / Number(a.d);
}

/** A short exact text: "7", "-3/4". */
export function toString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n.toString()}/${a.d.toString()}`;
}
