// Exact rational arithmetic for money rules. Per-capita income is "exact; no rounding before comparisons"
// (spec §2), and binary floating point cannot say whether 1806 ÷ 3 is below 602. Every figure the rules
// compare or round is therefore a fraction of BigInts; inputs are decimals with few places, so they convert
// exactly. Pure: no I/O.

export type Ratio = { readonly num: bigint; readonly den: bigint };

const ZERO: Ratio = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function make(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/**
 * The exact value of a decimal number with at most 8 places (money has 2, percentages and multipliers a few).
 * Math.round(x·10^k) is exact for such inputs because the nearest double to x·10^k is the integer itself.
 */
export function ratio(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  for (let k = 0; k <= 8; k++) {
    const scale = 10 ** k;
    const scaled = Math.round(x * scale);
    if (scaled / scale === x) return make(BigInt(scaled), BigInt(scale));
  }
  return make(BigInt(Math.round(x * 1e8)), 100_000_000n);
}

export function fromInt(n: number | bigint): Ratio {
  return { num: BigInt(n), den: 1n };
}

export const add = (a: Ratio, b: Ratio): Ratio => make(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Ratio, b: Ratio): Ratio => make(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Ratio, b: Ratio): Ratio => make(a.num * b.num, a.den * b.den);
export const div = (a: Ratio, b: Ratio): Ratio => make(a.num * b.den, a.den * b.num);

export const sum = (xs: readonly Ratio[]): Ratio => xs.reduce(add, ZERO);

/** Sign of a − b: −1, 0 or 1. */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export const lt = (a: Ratio, b: Ratio): boolean => compare(a, b) < 0;
export const gt = (a: Ratio, b: Ratio): boolean => compare(a, b) > 0;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Round to a multiple of `unit`, halves away from −∞ (x.5 → up), e.g. unit 1 for whole yuan. */
export function roundHalfUp(x: Ratio, unit: Ratio): Ratio {
  const q = div(x, unit);
  const steps = floorDiv(2n * q.num + q.den, 2n * q.den);
  return mul(fromInt(steps), unit);
}

export function toNumber(x: Ratio): number {
  // Split off the integer part so large numerators keep their precision.
  const whole = floorDiv(x.num, x.den);
  const rest = x.num - whole * x.den;
  return Number(whole) + Number(rest) / Number(x.den);
}

/** True when x has at most `places` decimal places. */
export function hasPlaces(x: Ratio, places: number): boolean {
  return (x.num * 10n ** BigInt(places)) % x.den === 0n;
}

function fixed(x: Ratio, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = roundHalfUp(mul(x, fromInt(scale)), fromInt(1n)).num;
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const int = abs / scale;
  const frac = (abs % scale).toString().padStart(places, '0');
  return `${neg ? '-' : ''}${int}${places > 0 ? `.${frac}` : ''}`;
}

/**
 * Money for the rule trace: two decimals ("300.00"). A value that is not a whole number of fen (a per-capita
 * figure such as 1805 ÷ 3) is shown with four decimals and "约", so a line never reads "602.00 元，低于 602 元".
 */
export function formatMoney(x: Ratio): string {
  return hasPlaces(x, 2) ? fixed(x, 2) : `约 ${fixed(x, 4)}`;
}

/** A paid amount or a figure derived from the policy: "362", "1204", "602.50". */
export function formatAmount(x: Ratio): string {
  return x.den === 1n ? x.num.toString() : formatMoney(x);
}

/** A policy figure as the office typed it: "602", "602.5". */
export function formatPlain(x: number): string {
  return String(x);
}
