import type { Design } from './design';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBig } from './olsBig';
import { decimalInputs, olsFloat, plainInputs } from './olsFloat';

/**
 * Fits a design: the float64 QR answer when its error bound allows (first
 * on the float64 data, then, if only the bound declined, on the decimal
 * inputs as double-doubles), else the BigNumber answer (which also decides,
 * and reports, a singular design).
 */
export function fitDesign(d: Design): OlsResult {
  const p = d.columns.length;
  const dfResidual = d.n - p;
  const dfModel = d.hasIntercept ? p - 1 : p;
  const plain = plainInputs(d);
  let solved = olsFloat(d, plain);
  if (solved.fit === null && solved.boundLimited) {
    const decimal = decimalInputs(d);
    if (decimal.columnError < plain.columnError || decimal.yError < plain.yError) {
      solved = olsFloat(d, decimal);
    }
  }
  if (solved.fit !== null) {
    return finishFit(solved.fit, dfModel, dfResidual, solved.conditionNumber, 'float64');
  }
  return finishFit(olsBig(d), dfModel, dfResidual, solved.conditionNumber, 'bignumber');
}
