/**
 * The floor under any rigorous bound of polyfit on full-precision doubles
 * that does not resolve their decimals (`bound-floor.ts`): a decimal of x
 * moves every power, so row i moves by [0, 1, 2 x_i, .., d x_i^(d-1)] per
 * unit of x_i. Printed relative to each field and in units of the
 * tolerance the fused lane holds every field to (1e-13, `olsSolve`):
 * above 1 no bound on the doubles can answer.
 *
 *   pnpm exec tsx bench/polyfit-bound-floor.ts --sizes 1e4,1e5,1e6
 *
 * polyfit(x, y, degree) with intercept on the panel's full-precision
 * shapes; the fields are the coefficients (b_k on x^k), RSS, ESS and the
 * adjusted R^2's numerator.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { SHAPES } from '../../../scripts/bench/harness';
import * as ab from './ab-flags';
import { boundFloor, printFloor } from './bound-floor';

const { values: flags } = cli.commandLine(
  {
    degree: { type: 'string', default: '3' },
    ...ab.fullPrecisionShapes(),
    ...ab.sizesAndRounds(1),
  },
  `usage: pnpm exec tsx bench/polyfit-bound-floor.ts [--degree 3] [--shapes a,b] [--sizes 1e4,1e5]`,
);
const { degree, names, sizes } = cli.checkedFlags(() => ({
  degree: cli.wholeNumberFlag('degree', flags.degree, 1),
  names: ab.checkShapes(flags.shapes),
  ...ab.checkSizesAndRounds(flags),
}));

const powers = Array.from({ length: degree + 1 }, (_, k) => k);
console.log('shape n field value floor/|f| actual/|f| floor/1e-13');
for (const n of sizes)
  for (const shape of SHAPES.filter((s) => names.includes(s.name))) {
    const { x, y } = shape.make(n);
    const fields = boundFloor({
      n,
      y,
      row: (i) => powers.map((k) => (x[i] as number) ** k),
      inputs: [x],
      slope: (_, i) => powers.map((k) => (k === 0 ? 0 : k * (x[i] as number) ** (k - 1))),
      intercept: true,
    });
    printFloor(shape.name, n, fields, 1e-13);
  }
