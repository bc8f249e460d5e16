import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { describe, expect, it } from 'vitest';
import {
  describe as describeStats,
  fOneway,
  pearsonr,
  ttest1samp,
  ttestInd,
  ttestRel,
} from '../src/index';
import { ratioToNumber } from '../src/internal/exactDecimal';
import {
  DecimalShift,
  passOut,
  plainMeanAndSquares,
  sampleScale,
} from '../src/internal/fastMoments';
import { withLane } from '../src/internal/lanes';

/**
 * The fast paths of fastMoments.ts (the t-tests, describe, f_oneway and
 * pearsonr read from the caller's array, offsets shifted as exact scaled
 * integers) against an independent reference: every value taken as the
 * decimal String(x) writes, as a BigInt, and the means, sums of squares and
 * cross sums computed exactly as rationals, rounded once (ratioToNumber).
 * Statistics built from those correctly rounded sums carry a few u of error;
 * the tolerance 1e-13 relative leaves room for that and for the fast sums'
 * own few u. Without the exact shift the binary rounding of values near 1e9
 * (up to 6e-8 each) moves deviations of about 1000 by 6e-11 relative each,
 * far outside it.
 */

/** Each value as the decimal String(x) writes: digits and places. */
function decimal(x: number): { digits: bigint; places: number } {
  const [mantissa, exponentText] = String(x).split('e') as [string, string | undefined];
  const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined];
  return { digits: BigInt(whole + fraction), places: fraction.length - Number(exponentText ?? 0) };
}

/** The values as integers on one common scale 10^scale. */
function scaled(samples: readonly (readonly number[])[]): { ints: bigint[][]; unit: bigint } {
  const parsed = samples.map((s) => s.map(decimal));
  const scale = Math.max(0, ...parsed.flat().map((p) => p.places));
  return {
    ints: parsed.map((s) => s.map((p) => p.digits * 10n ** BigInt(scale - p.places))),
    unit: 10n ** BigInt(scale),
  };
}

const sum = (v: readonly bigint[]) => v.reduce((a, b) => a + b, 0n);

/** Pearson's r of exact integers: deviations scaled by n stay integers, one rounding at the end. */
function exactPearson(ix: readonly bigint[], iy: readonly bigint[]): number {
  const bn = BigInt(ix.length);
  const sx = sum(ix);
  const sy = sum(iy);
  const dx = ix.map((v) => bn * v - sx);
  const dy = iy.map((v) => bn * v - sy);
  return (
    ratioToNumber(sum(dx.map((d, i) => d * (dy[i] as bigint))), 1n) /
    Math.sqrt(
      ratioToNumber(sum(dx.map((d) => d * d)), 1n) * ratioToNumber(sum(dy.map((d) => d * d)), 1n),
    )
  );
}

/** Exact mean (as a number) and n^2-scaled central sums: n^k sum (x - mean)^k = sum (n x - S)^k. */
function exactMoments(ints: readonly bigint[], unit: bigint) {
  const n = BigInt(ints.length);
  const s = sum(ints);
  const dev = ints.map((v) => n * v - s);
  const pow = (k: number) => sum(dev.map((d) => d ** BigInt(k)));
  return {
    mean: ratioToNumber(s, n * unit),
    ss: ratioToNumber(pow(2), n * n * unit * unit),
    m3: ratioToNumber(pow(3), n ** 4n * unit ** 3n),
    m4: ratioToNumber(pow(4), n ** 5n * unit ** 4n),
    dev,
  };
}

const uniform = lcg32(7, { open: true });
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
const round = (v: number, places: number) =>
  Number((Math.round(v * 10 ** places) / 10 ** places).toFixed(places));

/** Values offset + spread N(0, 1), rounded to `places`. */
const sample = (n: number, offset: number, spread: number, places: number) =>
  Array.from({ length: n }, () => round(offset + spread * normal(), places));

const close = (got: number, want: number, label: string) =>
  expect(Math.abs(got - want), `${label}: got ${got}, exact ${want}`).toBeLessThanOrEqual(
    1e-13 * Math.abs(want) + 1e-300,
  );

const FAMILIES = [
  { offset: 1e9, spread: 1000, places: 3 },
  { offset: -1e9, spread: 50, places: 3 },
  { offset: 1e6, spread: 0.5, places: 6 },
  { offset: 123456.78, spread: 3, places: 2 },
  { offset: 5e12, spread: 100, places: 0 },
  { offset: 0, spread: 1, places: 4 },
];

describe('fast moment paths against exact decimal arithmetic', () => {
  for (const { offset, spread, places } of FAMILIES) {
    const label = `offset ${offset}, spread ${spread}, ${places} places`;
    const x = sample(500, offset, spread, places);
    const y = x.map((v) => round(v + 0.3 * spread * normal(), places));
    const z = sample(400, offset + spread / 10, spread, places);

    it(`ttest1samp, ttestInd, ttestRel (${label})`, () => {
      const { ints, unit } = scaled([x, y, z, [x[3] as number]]);
      const [ix, iy, iz, [pop]] = ints as [bigint[], bigint[], bigint[], bigint[]];
      // ttest1samp: mean(x - popmean) / sqrt(ss / (n - 1) / n).
      const n = x.length;
      const e1 = exactMoments(
        ix.map((v) => v - (pop as bigint)),
        unit,
      );
      close(
        ttest1samp(x, x[3] as number).statistic,
        e1.mean / Math.sqrt(e1.ss / (n - 1) / n),
        `1samp ${label}`,
      );
      // ttestRel: the same on the paired decimal differences.
      const er = exactMoments(
        ix.map((v, i) => v - (iy[i] as bigint)),
        unit,
      );
      close(ttestRel(x, y).statistic, er.mean / Math.sqrt(er.ss / (n - 1) / n), `rel ${label}`);
      // ttestInd (pooled): the difference of means taken exactly.
      const ex = exactMoments(ix, unit);
      const ez = exactMoments(iz, unit);
      const nz = z.length;
      const bn = BigInt(n);
      const bz = BigInt(nz);
      const diff = ratioToNumber(sum(ix) * bz - sum(iz) * bn, bn * bz * unit);
      const df = n + nz - 2;
      const want = diff / Math.sqrt(((ex.ss + ez.ss) / df) * (1 / n + 1 / nz));
      close(ttestInd(x, z).statistic, want, `ind ${label}`);
      close(
        ttestInd(Float64Array.from(x), Float64Array.from(z)).statistic,
        want,
        `ind f64 ${label}`,
      );
    });

    it(`describe (${label})`, () => {
      const { ints, unit } = scaled([x]);
      const e = exactMoments(ints[0] as bigint[], unit);
      const n = x.length;
      const got = describeStats(x);
      close(got.mean, e.mean, `mean ${label}`);
      close(got.variance, e.ss / (n - 1), `variance ${label}`);
      const m2 = e.ss / n;
      close(got.skewness, e.m3 / m2 ** 1.5, `skewness ${label}`);
      close(got.kurtosis + 3, e.m4 / (m2 * m2), `kurtosis ${label}`);
      expect(got.minmax).toEqual([Math.min(...x), Math.max(...x)]);
    });

    it(`pearsonr and fOneway (${label})`, () => {
      const { ints } = scaled([x, y]);
      const [ix, iy] = ints as [bigint[], bigint[]];
      const n = BigInt(x.length);
      const sx = sum(ix);
      const sy = sum(iy);
      const dx = ix.map((v) => n * v - sx);
      const dy = iy.map((v) => n * v - sy);
      const sxy = ratioToNumber(sum(dx.map((d, i) => d * (dy[i] as bigint))), 1n);
      const sxx = ratioToNumber(sum(dx.map((d) => d * d)), 1n);
      const syy = ratioToNumber(sum(dy.map((d) => d * d)), 1n);
      close(pearsonr(x, y).statistic, sxy / Math.sqrt(sxx * syy), `pearsonr ${label}`);
      // f_oneway: ssWithin and ssBetween exactly, on the decimals.
      const all = scaled([x, z]);
      const groups = all.ints as [bigint[], bigint[]];
      const within = groups.map((g) => exactMoments(g, all.unit).ss);
      const bigN = BigInt(x.length + z.length);
      const total = exactMoments([...groups[0], ...groups[1]], all.unit).ss;
      const ssWithin = (within[0] as number) + (within[1] as number);
      const f = fOneway(x, z);
      close(f.ssWithin, ssWithin, `ssWithin ${label}`);
      // ssBetween = total - within, exact in rationals: recompute from the groups.
      const gs = groups.map(sum);
      const gn = groups.map((g) => BigInt(g.length));
      const grand = (gs[0] as bigint) + (gs[1] as bigint);
      // sum n_i (mean_i - grand/N)^2 = sum (N s_i - n_i G)^2 / (n_i N^2)
      const betweenNum = gs.map((s, i) => (bigN * s - (gn[i] as bigint) * grand) ** 2n);
      const ssBetween =
        ratioToNumber(betweenNum[0] as bigint, (gn[0] as bigint) * bigN * bigN * all.unit ** 2n) +
        ratioToNumber(betweenNum[1] as bigint, (gn[1] as bigint) * bigN * bigN * all.unit ** 2n);
      expect(Math.abs(f.ssBetween - ssBetween)).toBeLessThanOrEqual(1e-12 * total);
    });
  }

  // The one-pass exact integer sums (DecimalShift.meanAndSquares and
  // ttestRel's paired form): many blocks, a first value far from the mean
  // (the shift's reference), ties on a grid, and spreads too wide for exact
  // block squares (the two-pass form answers), each against the exact sums.
  const ONE_PASS = [
    { name: 'n = 5000, offset 1e9, 3 places', n: 5000, offset: 1e9, spread: 1000, places: 3 },
    { name: 'first value 4 sd out', n: 3000, offset: -1e9, spread: 20, places: 2, outlier: 4 },
    { name: 'ties on a 0.5 grid at 5e12', n: 4000, offset: 5e12, spread: 10, places: 0, grid: 2 },
    { name: 'spread 3e6 at 1e9 (two-pass form)', n: 2000, offset: 1e9, spread: 3e6, places: 3 },
    { name: '6 places at 1e6', n: 3000, offset: 1e6, spread: 0.01, places: 6 },
  ];
  for (const f of ONE_PASS) {
    it(`one-pass integer sums: ttest1samp, ttestRel, ttestInd, describe (${f.name})`, () => {
      const draw = () =>
        f.grid
          ? round(f.offset + Math.round(f.spread * normal() * f.grid) / f.grid, f.places + 1)
          : round(f.offset + f.spread * normal(), f.places);
      const x = Array.from({ length: f.n }, draw);
      if (f.outlier) x[0] = round(f.offset + f.outlier * f.spread, f.places);
      const y = x.map((v) => round(v + 0.3 * f.spread * normal(), f.places + (f.grid ? 1 : 0)));
      const z = Array.from({ length: f.n - 7 }, draw);
      const { ints, unit } = scaled([x, y, z, [x[5] as number]]);
      const [ix, iy, iz, [pop]] = ints as [bigint[], bigint[], bigint[], bigint[]];
      const n = x.length;
      for (const kind of [(v: number[]) => [...v], (v: number[]) => Float64Array.from(v)]) {
        const [ax, ay, az] = [kind(x), kind(y), kind(z)] as [number[], number[], number[]];
        const e1 = exactMoments(
          ix.map((v) => v - (pop as bigint)),
          unit,
        );
        const t1 = withLane(() => ttest1samp(ax, x[5] as number));
        close(t1.result.statistic, e1.mean / Math.sqrt(e1.ss / (n - 1) / n), `1samp ${f.name}`);
        const er = exactMoments(
          ix.map((v, i) => v - (iy[i] as bigint)),
          unit,
        );
        close(
          ttestRel(ax, ay).statistic,
          er.mean / Math.sqrt(er.ss / (n - 1) / n),
          `rel ${f.name}`,
        );
        const ex = exactMoments(ix, unit);
        const ez = exactMoments(iz, unit);
        const nz = z.length;
        const diff = ratioToNumber(
          sum(ix) * BigInt(nz) - sum(iz) * BigInt(n),
          BigInt(n * nz) * unit,
        );
        const want = diff / Math.sqrt(((ex.ss + ez.ss) / (n + nz - 2)) * (1 / n + 1 / nz));
        close(ttestInd(ax, az).statistic, want, `ind ${f.name}`);
        // pearsonr's one-pass exact cross sums (or, for the wide spread, its two passes).
        close(pearsonr(ax, ay).statistic, exactPearson(ix, iy), `pearsonr ${f.name}`);
        const d = describeStats(ax);
        close(d.variance, ex.ss / (n - 1), `describe variance ${f.name}`);
        close(d.mean, ex.mean, `describe mean ${f.name}`);
        expect(d.minmax).toEqual([Math.min(...x), Math.max(...x)]);
        // Short decimals within 2^50 units take the decimal-shift lane.
        if (Math.abs(f.offset) * 10 ** f.places < 2 ** 49) expect(t1.lane).toBe('decimal-shift');
      }
    });
  }

  it('sends spreads too wide for exact block squares to the two-pass form, same answer', () => {
    const x = sample(1000, 1e9, 3e6, 3);
    const places = sampleScale([x]) as number;
    const one = new DecimalShift(places, x[0] as number);
    expect(one.meanAndSquares(x)).toBe('range');
    const narrow = sample(1000, 1e9, 1000, 3);
    const a = new DecimalShift(3, narrow[0] as number);
    const mean1 = a.meanAndSquares(narrow) as number;
    const ss1 = passOut[0] as number;
    const b = new DecimalShift(3, narrow[0] as number);
    const mean2 = b.mean(narrow);
    b.deviationSums(narrow, false);
    expect(Math.abs(mean1 - mean2)).toBeLessThanOrEqual(1e-15 * Math.abs(mean2) + 1e-300);
    expect(Math.abs(ss1 - (passOut[0] as number))).toBeLessThanOrEqual(4e-16 * ss1);
  });

  it('answers values near 1e9 with 3 decimals in the decimal-shift lane, not a slower one', () => {
    const x = sample(5000, 1e9, 1000, 3);
    const y = x.map((v) => round(v + 300 * normal(), 3));
    const calls: (() => unknown)[] = [
      () => ttestRel(x, y),
      () => ttestInd(x, y),
      () => ttest1samp(x, x[0] as number),
      () => describeStats(x),
      () => pearsonr(x, y),
      () => fOneway(x, y),
    ];
    for (const call of calls) expect(withLane(call).lane).toBe('decimal-shift');
  });

  it('hands a value with more places than the first 64 show to the general path, still exact', () => {
    const x = sample(300, 1e9, 1000, 3);
    x[200] = 1000000000.1234567; // 7 places: the fast shift at 3 places declines
    const y = x.map((v, i) => (i === 200 ? 999999999.5 : round(v + 300 * normal(), 3)));
    const { ints, unit } = scaled([x, y]);
    const [ix, iy] = ints as [bigint[], bigint[]];
    const n = x.length;
    const er = exactMoments(
      ix.map((v, i) => v - (iy[i] as bigint)),
      unit,
    );
    close(ttestRel(x, y).statistic, er.mean / Math.sqrt(er.ss / (n - 1) / n), 'rel, 7 places');
    const ex = exactMoments(ix, unit);
    close(describeStats(x).variance, ex.ss / (n - 1), 'describe, 7 places');
  });

  it('keeps the general path answers for bad entries, NaN and constant samples', () => {
    expect(() => ttestRel([1, 2, 'x' as never], [1, 2, 3])).toThrow(/a\[2\]/);
    expect(() => ttestInd([1, 2, 3], [1, undefined as never, 3])).toThrow(/b\[1\]/);
    expect(() => describeStats([1, 2, null as never])).toThrow(/a\[2\]/);
    expect(() => pearsonr([1, 2, 3], [1, '2' as never, 3])).toThrow(/y\[1\]/);
    expect(Number.isNaN(ttest1samp([1, Number.NaN, 3], 0).statistic)).toBe(true);
    expect(Number.isNaN(pearsonr([1, 1, 1, 1], [1, 2, 3, 4]).statistic)).toBe(true);
    expect(fOneway([1, 1, 1], [2, 2, 2]).statistic).toBe(Number.POSITIVE_INFINITY);
  });
});

/**
 * The one-pass plain sums (plainMeanAndSquares, ttestRel's paired form,
 * pearsonr's plainCrossSums): full-precision doubles, where no decimal
 * shift applies, against the same exact rational arithmetic on the decimals
 * String(x) writes (each within half an ulp of the double, far inside the
 * tolerance), with both array kinds and a length that leaves a tail after
 * the blocks of four. The error analysis in fastMoments.ts gives about 14 u
 * on the sums of squares and 30 u on r; 1e-13 relative is the tolerance of
 * the other fast-path tests here.
 */
describe('one-pass plain sums against exact arithmetic', () => {
  const n = 2051;
  const FULL = [
    { name: 'N(0, 1)', draw: (_: number) => normal() },
    { name: 'N(3, 1): mean 3 sd from 0', draw: (_: number) => 3 + normal() },
    { name: 'sorted uniform (a trend)', draw: (i: number) => i / n + 1e-3 * uniform() },
    { name: 'first value 40 sd out', draw: (i: number) => (i === 0 ? 40 : normal()) },
    { name: 'Cauchy tails', draw: (_: number) => Math.tan(Math.PI * (uniform() - 0.5)) },
  ];
  for (const f of FULL) {
    it(`ttest1samp, ttestRel, ttestInd, fOneway, pearsonr (${f.name})`, () => {
      const x = Array.from({ length: n }, (_, i) => f.draw(i));
      const y = x.map((v) => 0.6 * v + normal());
      const z = Array.from({ length: n - 5 }, (_, i) => f.draw(i) + 0.01);
      expect(Number.isNaN(plainMeanAndSquares(x))).toBe(false);
      const { ints, unit } = scaled([x, y, z]);
      const [ix, iy, iz] = ints as [bigint[], bigint[], bigint[]];
      const ex = exactMoments(ix, unit);
      const er = exactMoments(
        ix.map((v, i) => v - (iy[i] as bigint)),
        unit,
      );
      const ez = exactMoments(iz, unit);
      const nz = z.length;
      const diff = ratioToNumber(sum(ix) * BigInt(nz) - sum(iz) * BigInt(n), BigInt(n * nz) * unit);
      const r = exactPearson(ix, iy);
      for (const kind of [(v: number[]) => [...v], (v: number[]) => Float64Array.from(v)]) {
        const [ax, ay, az] = [kind(x), kind(y), kind(z)] as [number[], number[], number[]];
        close(
          ttest1samp(ax, 0).statistic,
          ex.mean / Math.sqrt(ex.ss / (n - 1) / n),
          `1samp ${f.name}`,
        );
        close(
          ttestRel(ax, ay).statistic,
          er.mean / Math.sqrt(er.ss / (n - 1) / n),
          `rel ${f.name}`,
        );
        const want = diff / Math.sqrt(((ex.ss + ez.ss) / (n + nz - 2)) * (1 / n + 1 / nz));
        close(ttestInd(ax, az).statistic, want, `ind ${f.name}`);
        close(fOneway(ax, az).ssWithin, ex.ss + ez.ss, `f_oneway ssWithin ${f.name}`);
        close(pearsonr(ax, ay).statistic, r, `pearsonr ${f.name}`);
        // ttest_rel's paired pass is ttest_1samp's pass on the differences, bit for bit.
        expect(ttestRel(ax, ay)).toEqual(
          ttest1samp(
            x.map((v, i) => v - (y[i] as number)),
            0,
          ),
        );
      }
    });
  }

  it('takes two passes when the centre is far from the mean, still exact', () => {
    // The 64 values the centre is taken from (every floor(n / 64)-th) are
    // 50; the rest N(0, 1): the centre sits about 8 sd from the mean.
    const step = Math.floor(n / 64);
    const x = Array.from({ length: n }, (_, i) =>
      i % step === 0 && i < 64 * step ? 50 : normal(),
    );
    expect(Number.isNaN(plainMeanAndSquares(x))).toBe(true);
    const { ints, unit } = scaled([x]);
    const ex = exactMoments(ints[0] as bigint[], unit);
    close(ttest1samp(x, 0).statistic, ex.mean / Math.sqrt(ex.ss / (n - 1) / n), 'two passes');
  });

  it('gives the same answer on a first large input (kernel priming) and after', () => {
    const big = 20_000;
    const x = Array.from({ length: big }, () => normal());
    const y = x.map((v) => 0.3 * v + normal());
    const first = [pearsonr(x, y), ttestRel(x, y), ttest1samp(x, 0.01)];
    const again = [pearsonr(x, y), ttestRel(x, y), ttest1samp(x, 0.01)];
    expect(again).toEqual(first);
    const small = x.slice(0, 9);
    expect(ttest1samp(small, 0)).toEqual(ttest1samp(Float64Array.from(small), 0));
  });
});
