/**
 * CSV chunks for the job worker's tests: an in-memory byte source (the
 * worker's ByteSource over a buffer, in 4 KiB pieces) and the cell shapes
 * the worker must read the same whatever route it takes.
 */
import type { ByteSource } from '../../src/jobs/read';

export function memory(bytes: Uint8Array): ByteSource {
  return async function* (from: number) {
    for (let i = from; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
  };
}

/** Cell writers: short decimals, full-precision doubles (String's 17 digits), odd cells. */
export const shapes: Record<string, (r: () => number, i: number) => string> = {
  decimals: (r) => (Math.round(r() * 1e7) / 1e3).toFixed(3),
  doubles: (r) => String(1 + r() * 999 + r() * 1e-9),
  mixed: (r, i) =>
    [
      String(r() * 1e6),
      `"${(r() * 10).toFixed(2)}"`,
      ` ${Math.round(r() * 100)} `,
      `${(r() * 9).toFixed(1)}e-3`,
      '2.5000',
      String(-r() * 1e-3),
      (r() * 100).toPrecision(17),
    ][i % 7]!,
};
