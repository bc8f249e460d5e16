import { noteLane } from '../../internal/lanes';
import type { Design } from './design';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBig } from './olsBig';
import { decimalInputs, olsFloat } from './olsFloat';

/**
 * Fits a design: the float64 QR answer on the decimal inputs as
 * double-doubles (where they resolve; see `decimalInputs`) when its error
 * bound allows, else the BigNumber answer (which also decides, and reports,
 * a singular design).
 *
 * Why the decimals and not the float64 data first: the answer is then the
 * decimal inputs' own least-squares fit, nearly correctly rounded (1.17, not
 * 1.1700000000000002), whichever path answers; the bound passes on far more
 * data (the inputs' binary rounding is often all that stands in its way); and
 * resolving costs about 50 ns a value, stopping at the first value it cannot
 * resolve (17 significant digits), against a second solve when the float64
 * data decline.
 */
export function fitDesign(d: Design): OlsResult {
  const p = d.columns.length;
  const dfResidual = d.n - p;
  const dfModel = d.hasIntercept ? p - 1 : p;
  const solved = olsFloat(d, decimalInputs(d));
  if (solved.fit !== null) {
    return finishFit(solved.fit, dfModel, dfResidual, solved.conditionNumber, 'float64');
  }
  noteLane('bignumber');
  return finishFit(olsBig(d), dfModel, dfResidual, solved.conditionNumber, 'bignumber');
}
