/**
 * Seeded generators for test data, demo data and benchmark inputs: the same
 * seed gives the same numbers on every machine, so fixtures never change and
 * a failing property can be replayed. Not for anything that needs
 * unpredictability.
 */

/** mulberry32: a small, well-mixed 32-bit generator on [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The ANSI C linear congruential step (multiplier 1103515245, increment
 * 12345, modulus 2^31) on [0, 1), computed in doubles: once the product
 * passes 2^53 it rounds, so after the first few draws this is not the exact
 * integer sequence. Weaker than mulberry32; kept, doubles and all, because
 * existing property tests and benchmark inputs were drawn from it.
 */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * The 32-bit linear congruential generator of Numerical Recipes
 * (multiplier 1664525, increment 1013904223, modulus 2^32, exact in
 * Math.imul): s / 2^32 on [0, 1), or (s + 0.5) / 2^32 on the open (0, 1)
 * with `open` (safe under a logarithm). Cheap and reproducible in any
 * language, which is why the benchmarks draw their data from it.
 */
export function lcg32(seed: number, { open = false }: { open?: boolean } = {}): () => number {
  let s = seed >>> 0;
  const half = open ? 0.5 : 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + half) / 2 ** 32;
  };
}

/** One standard normal draw (Box-Muller) from two uniforms of `random`. */
export function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
