import { StatsInputError } from '../errors';
import type { ExactDecimal } from './state';

/** An exact decimal as an integer and a power of ten: m 10^e. */
export interface Scaled {
  m: bigint;
  e: number;
}

const CANONICAL = /^-?(0|[1-9][0-9]*)(e-?[0-9]+)?$/;

/** The canonical string of m 10^e: trailing zeros moved into the exponent. */
export function formatExact(m: bigint, e: number): ExactDecimal {
  if (m === 0n) return '0';
  let mantissa = m;
  let exponent = e;
  let text = mantissa.toString();
  let zeros = 0;
  while (text.charCodeAt(text.length - 1 - zeros) === 48) zeros++;
  if (zeros > 0) {
    text = text.slice(0, text.length - zeros);
    mantissa = BigInt(text);
    exponent += zeros;
  }
  return exponent === 0 ? text : `${text}e${exponent}`;
}

/** True when `s` is an {@link ExactDecimal} in canonical form. */
export function isExactDecimal(s: unknown): s is ExactDecimal {
  if (typeof s !== 'string' || !CANONICAL.test(s)) return false;
  const [m] = s.split('e') as [string];
  return m === '0' ? s === '0' : !m.endsWith('0');
}

/** Parses an {@link ExactDecimal} (validated by {@link isExactDecimal} first). */
export function parseExact(s: ExactDecimal): Scaled {
  const at = s.indexOf('e');
  if (at < 0) return { m: BigInt(s), e: 0 };
  return { m: BigInt(s.slice(0, at)), e: Number(s.slice(at + 1)) };
}

/** m 10^e as an integer on the scale 10^target (target <= e). */
export function rescale(x: Scaled, target: number): bigint {
  if (x.m === 0n) return 0n;
  if (x.e < target) throw new Error(`internal: cannot rescale 10^${x.e} to 10^${target}`);
  return x.e === target ? x.m : x.m * 10n ** BigInt(x.e - target);
}

/** Exact sum of two {@link ExactDecimal}s. */
export function addExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  if (a === '0') return b;
  if (b === '0') return a;
  const x = parseExact(a);
  const y = parseExact(b);
  const e = Math.min(x.e, y.e);
  return formatExact(rescale(x, e) + rescale(y, e), e);
}

/** A state's field that must be an exact decimal, or a StatsInputError naming it. */
export function requireExact(fn: string, path: string, value: unknown): ExactDecimal {
  if (!isExactDecimal(value)) {
    throw new StatsInputError(
      fn,
      `requires ${path} to be an exact decimal string such as "12" or "-15e-1" (got ${describeValue(value)}); pass states made by the matching Partial or Merge function`,
    );
  }
  return value;
}

/** A state's count field: a non-negative safe integer. */
export function requireCount(fn: string, path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StatsInputError(
      fn,
      `requires ${path} to be a non-negative integer count (got ${describeValue(value)})`,
    );
  }
  return value;
}

/** A plain object (not null, not an array), or a StatsInputError. */
export function requireObject(fn: string, path: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StatsInputError(fn, `requires ${path} to be an object (got ${describeValue(value)})`);
  }
  return value as Record<string, unknown>;
}

/** Checks the `stat` and `v` fields of a state. */
export function requireHeader(
  fn: string,
  stat: string,
  value: unknown,
  name = 'state',
): Record<string, unknown> {
  const o = requireObject(fn, name, value);
  if (o.stat !== stat) {
    throw new StatsInputError(
      fn,
      `requires a ${stat} state (${name}.stat is ${describeValue(o.stat)}); merge only states of the same statistic`,
    );
  }
  if (o.v !== 1) {
    throw new StatsInputError(
      fn,
      `requires state format version 1 (${name}.v is ${describeValue(o.v)}); recompute the partial states with this release`,
    );
  }
  return o;
}

export function requireBoolean(fn: string, path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new StatsInputError(
      fn,
      `requires ${path} to be true or false (got ${describeValue(value)})`,
    );
  }
  return value;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  if (typeof v === 'number') return String(v);
  return typeof v;
}
