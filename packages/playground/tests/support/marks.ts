/** Reading Observable Plot mark objects back in tests: their data and channel values. */
import type { PlotSpec } from '../../src/plots/types';

// biome-ignore lint/suspicious/noExplicitAny: Plot's mark objects keep their data and channels untyped.
export type AnyMark = any;
export const marksOf = (spec: PlotSpec) => (spec.options.marks ?? []) as AnyMark[];
export const markWith = (spec: PlotSpec, className: string) =>
  marksOf(spec).find((m) => m.className === className);

/** The value of channel `name` for datum `d` (a field name or an accessor). */
export function channel(mark: AnyMark, name: string, d: unknown, i = 0): unknown {
  const value = mark.channels[name]?.value;
  if (typeof value === 'function') return value(d, i);
  if (typeof value === 'string') return (d as Record<string, unknown>)[value];
  return value;
}
