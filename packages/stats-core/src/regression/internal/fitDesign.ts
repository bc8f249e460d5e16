import type { Design } from './design';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBig } from './olsBig';
import { olsFloat } from './olsFloat';

/**
 * Fits a design: the float64 QR answer when its error bound allows, else the
 * BigNumber answer (which also decides, and reports, a singular design).
 */
export function fitDesign(d: Design): OlsResult {
  const p = d.columns.length;
  const dfResidual = d.n - p;
  const dfModel = d.hasIntercept ? p - 1 : p;
  const solved = olsFloat(d);
  if (solved.fit !== null) {
    return finishFit(solved.fit, dfModel, dfResidual, solved.conditionNumber, 'float64');
  }
  return finishFit(olsBig(d), dfModel, dfResidual, solved.conditionNumber, 'bignumber');
}
