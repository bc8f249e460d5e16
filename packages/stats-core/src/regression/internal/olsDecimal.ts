import { decimalCorrection } from './decimal';

/**
 * {@link decimalCorrection} for a column of full-precision doubles (what
 * ols's fused lane resolves: values of 16 or 17 significant digits), in a
 * straight loop: the shortest decimal of such a value has 16 digits when
 * the 16-digit decimal nearest to it rounds back to it and 15 do not, else
 * 17 (17 always round-trip). So three probes a value (15, 16 and 17
 * digits, all taken: which one holds is a coin toss), each Dekker's exact
 * product v 10^k = h + l and the nearest integer M of it, accepted when
 * |M - v 10^k| < 10^k ulp(v) / 2 (the test of `decimalCorrections`, which
 * takes every other value: 15 digits or fewer, an exact tie, magnitudes
 * outside 1e-7..1e15, integers). Writes decimal(v) - v into out and
 * returns how many values were resolved from the start (all when n).
 */
export function olsDecimalCorrections(values: Float64Array, out: Float64Array): number {
  const n = values.length;
  const nextPower = NEXT_POWER ?? buildTables();
  const log10 = LOG10 as Int32Array;
  const halfUlp = HALF_ULP as Float64Array;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    BITS[0] = v;
    const biased = ((WORDS[1] as number) >>> 20) & 0x7ff;
    const a = Math.abs(v);
    // (no branch: values straddling a power of ten would mispredict it)
    const up = (a >= (nextPower[biased] as number)) as unknown as number;
    const e10 = (log10[biased] as number) + (up | 0);
    const k = 15 - e10; // places of a 16-digit decimal
    if (k < 2 || k > 21 || Math.floor(v) === v) {
      const c = decimalCorrection(v);
      if (Number.isNaN(c)) return i;
      out[i] = c;
      continue;
    }
    const limit = halfUlp[biased] as number;
    const t = SPLIT * v;
    const vh = t - (t - v);
    const vl = v - vh;
    // d = M - v 10^k for the integer M nearest to v 10^k, at 15, 16 and 17
    // digits (NaN on an exact tie, which fails every comparison below and
    // so ends in the general search).
    const d15 = probe(v, vh, vl, k - 1);
    const d16 = probe(v, vh, vl, k);
    const d17 = probe(v, vh, vl, k + 1);
    const p16 = POWERS[k] as number;
    const p17 = POWERS[k + 1] as number;
    const fails15 = Math.abs(d15) >= (POWERS[k - 1] as number) * limit;
    // 0 or 1 without a branch: whether 16 or 17 digits hold is a coin toss
    // on such data, and a mispredicted branch here cost more (about 10 ns a
    // value) than the three probes together.
    const ok16 = (Math.abs(d16) < p16 * limit) as unknown as number;
    const ok17 = (Math.abs(d17) < p17 * limit) as unknown as number;
    if (fails15 && !Number.isNaN(d16) && (ok16 | ok17) !== 0) {
      PICK[0] = d17;
      PICK[1] = d16;
      PICK[2] = p17;
      PICK[3] = p16;
      const j = ok16 | 0;
      out[i] = (PICK[j] as number) / (PICK[j + 2] as number);
      continue;
    }
    if (!Number.isNaN(d15) && !fails15) {
      // 15 digits round-trip: the shortest unless 14 do too.
      const d14 = probe(v, vh, vl, k - 2);
      if (Math.abs(d14) >= (POWERS[k - 2] as number) * limit) {
        out[i] = d15 / (POWERS[k - 1] as number);
        continue;
      }
    }
    const c = decimalCorrection(v);
    if (Number.isNaN(c)) return i;
    out[i] = c;
  }
  return n;
}

/** 1.5 2^52: (x + MAGIC) - MAGIC is x rounded to an integer for |x| < 2^51 (a fast Math.round). */
const MAGIC = 6755399441055744;

/**
 * M - v 10^k for the integer M nearest to v 10^k (k <= 22, v = vh + vl
 * split), exactly enough: v 10^k = h + l by Dekker's product; r =
 * floor(h + 1/2) is within 1 of h, so f = h - r is exact, and M = r + m with
 * m = round(f + l) (|f + l| < 2). NaN on an exact tie, where `String` takes
 * the even M.
 */
function probe(v: number, vh: number, vl: number, k: number): number {
  const scale = POWERS[k] as number;
  const sh = SPLIT_HI[k] as number;
  const sl = SPLIT_LO[k] as number;
  const h = v * scale;
  const l = vl * sl - (h - vh * sh - vl * sh - vh * sl);
  const f = h - Math.floor(h + 0.5);
  const fl = f + l;
  const m = fl + MAGIC - MAGIC;
  const off = fl - m;
  return off === 0.5 || off === -0.5 ? Number.NaN : m - f - l;
}

/** The two candidates (d17, d16, then their scales), picked by index. */
const PICK = new Float64Array(4);
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer); // little-endian: WORDS[1] holds sign and exponent
const SPLIT = 134217729; // 2^27 + 1
/** 10^k, k = 0..22, exact. */
const POWERS = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
const SPLIT_HI = POWERS.map((p) => {
  const t = SPLIT * p;
  return t - (t - p);
});
const SPLIT_LO = POWERS.map((p, k) => p - (SPLIT_HI[k] as number));
/**
 * By biased binary exponent e: half the spacing of doubles; floor(log10 |v|)
 * up to one, floor((e - 1023) log10 2); and the power of ten above it (a
 * value at or past it has the next decade). Exact within 1e-7..1e16, the
 * range taken here. Built on the first call, not when the module loads:
 * about 2 ms of every cold start of the functions that bundle this lane.
 */
let HALF_ULP: Float64Array | undefined;
let LOG10: Int32Array | undefined;
let NEXT_POWER: Float64Array | undefined;

function buildTables(): Float64Array {
  HALF_ULP = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (Math.max(e, 1) - 1076));
  const log10 = Int32Array.from({ length: 2048 }, (_, e) =>
    Math.floor((Math.max(e, 1) - 1023) * Math.log10(2)),
  );
  LOG10 = log10;
  NEXT_POWER = Float64Array.from(log10, (k) => Number(`1e${k + 1}`));
  return NEXT_POWER;
}
