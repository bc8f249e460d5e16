/**
 * What theilslopes and siegelslopes share: y, an optional x of the same
 * length, and a cap on n, since both take O(n^2) time (theilslopes also
 * O(n^2) memory: its n(n - 1) / 2 slopes are held at once).
 */
import * as v from 'valibot';
import { documented, finiteNumbers, pathItem } from '../schema';

export function slopeEntries(maxPoints: number, why: string) {
  const points = (name: string, description: string) =>
    v.pipe(
      finiteNumbers(),
      v.minLength(2),
      v.maxLength(maxPoints),
      v.description(`${description} At most ${maxPoints} values: ${why}`),
      v.title(name),
    );
  return {
    y: points('y', 'Responses.'),
    x: documented(
      v.optional(points('x', 'Abscissae, one per value of y; default 0, 1, ..., n - 1.')),
      'Abscissae, one per value of y; default 0, 1, ..., n - 1.',
    ),
  };
}

/** x, when given, has one value per value of y. */
export function xMatchesY<T extends { y: number[]; x?: number[] | undefined }>() {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { x, y } = dataset.value;
    if (x !== undefined && x.length !== y.length) {
      addIssue({
        input: x,
        message: `x and y must have the same length (got ${x.length} and ${y.length})`,
        path: [pathItem(dataset.value, 'x')],
      });
    }
  });
}
