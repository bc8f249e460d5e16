/**
 * The floor under any rigorous bound of ols on full-precision doubles that
 * does not resolve their decimals (`bound-floor.ts`), relative to each
 * field, beside the actual move once the decimals are resolved (first
 * order), and in units of the lanes' tolerance (1e-13).
 *
 *   pnpm exec tsx bench/ols-bound-floor.ts --sizes 1e4,1e5,1e6
 *
 * ols on [1, x, z] with y, the panel's full-precision shapes; the fields
 * shown are the three coefficients, RSS, ESS (R^2 = ESS / TSS) and the
 * adjusted R^2's numerator.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { SHAPES } from '../../../scripts/bench/harness';
import * as ab from './ab-flags';
import { boundFloor, printFloor } from './bound-floor';

const { values: flags } = cli.commandLine(
  { ...ab.fullPrecisionShapes(), ...ab.sizesAndRounds(1) },
  `usage: pnpm exec tsx bench/ols-bound-floor.ts [--shapes a,b] [--sizes 1e4,1e5]`,
);
const { names, sizes } = cli.checkedFlags(() => ({
  names: ab.checkShapes(flags.shapes),
  ...ab.checkSizesAndRounds(flags),
}));

console.log('shape n field value floor/|f| actual/|f| floor/1e-13');
for (const n of sizes)
  for (const shape of SHAPES.filter((s) => names.includes(s.name))) {
    const { x, y, z } = shape.make(n);
    const fields = boundFloor({
      n,
      y,
      row: (i) => [1, x[i] as number, z[i] as number],
      inputs: [x, z],
      slope: (k) => (k === 0 ? [0, 1, 0] : [0, 0, 1]),
      intercept: true,
    });
    printFloor(shape.name, n, fields, 1e-13);
  }
