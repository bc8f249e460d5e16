/**
 * Which plots a statistic gets, from its request and response alone. Pure:
 * no DOM, no fetch; the page renders what comes back with Plot.plot.
 */
import { curvePlots, olsPlots } from './regression';
import { robustSamplePlots, slopesPlots } from './robust';
import { contingencyPlots, ecdfPlots, qqPlots, scatterPlots, stripPlots } from './samples';
import { smoothingPlots } from './smoothing';
import { type Body, type Labels, numbers, type PlotSpec, rowsOf } from './types';

export type { Body, Labels, PlotSpec } from './types';
export { DATA_POINTS } from './types';

export function plotsFor(
  statistic: string,
  request: Body,
  response: Body,
  labels: Labels = {},
): PlotSpec[] {
  const label = (field: string) => labels[field] ?? field;
  const sample = (field: string) => ({ name: label(field), values: numbers(request[field]) });
  switch (statistic) {
    case 'linregress':
    case 'polyfit':
      return curvePlots(request, response, labels);
    case 'ols':
      return olsPlots(request, response, labels);
    case 'ttest_ind':
    case 'ttest_rel':
      return stripPlots([sample('a'), sample('b')], 'value');
    case 'mannwhitneyu':
      return stripPlots([sample('x'), sample('y')], 'value');
    case 'f_oneway':
      return stripPlots(
        rowsOf(request.samples).map((values, i) => ({
          name: labels[`samples.${i}`] ?? `sample ${i + 1}`,
          values,
        })),
        'value',
      );
    case 'ttest_1samp':
      return stripPlots([sample('a')], label('a'), { popmean: request.popmean as number });
    case 'describe':
      return stripPlots([sample('a')], label('a'));
    case 'ks_2samp':
      return ecdfPlots(request, response, labels);
    case 'chi2_contingency':
      return contingencyPlots(request, response);
    case 'shapiro':
      return qqPlots(numbers(request.x), label('x'), response);
    case 'pearsonr':
    case 'kendalltau':
      return scatterPlots(numbers(request.x), numbers(request.y), label('x'), label('y'), response);
    case 'spearmanr':
      return scatterPlots(numbers(request.a), numbers(request.b), label('a'), label('b'), response);
    case 'theilslopes':
    case 'siegelslopes':
      return slopesPlots(statistic, request, response, labels);
    case 'zscore':
      return robustSamplePlots(statistic, 'a', request, response, labels);
    case 'median_abs_deviation':
    case 'iqr':
    case 'modified_zscore':
      return robustSamplePlots(statistic, 'x', request, response, labels);
    case 'exponential_smoothing':
      return smoothingPlots(request, response, labels);
    default:
      return [];
  }
}
