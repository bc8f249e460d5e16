/**
 * The `predict` request of linregress, ols and polyfit at the HTTP edge:
 * the summary_frame columns come back (the numbers themselves are checked
 * against statsmodels and exact goldens in stats-core's prediction tests),
 * the defaults, and a 4xx saying what to fix for each bad predict field.
 */
import { describe, expect, it } from 'vitest';
import { linregress } from '../src/endpoints/linregress';
import { ols } from '../src/endpoints/ols';
import { polyfit } from '../src/endpoints/polyfit';
import { postTo } from './support/post';

const post = postTo;

describe('predict', () => {
  it('linregress: the fit as before plus the prediction columns at each new x', async () => {
    const { status, body } = await post(linregress, {
      ...linregress.example.request,
      predict: { x: [0, 3, 10], fitted: true },
    });
    expect(status).toBe(200);
    expect(body.slope).toBeCloseTo(0.6, 12);
    const p = body.prediction;
    expect(p.confidence_level).toBe(0.95);
    // mean = intercept + slope x, exactly the line of the fit
    expect(p.mean[2]).toBeCloseTo(2.2 + 0.6 * 10, 12);
    for (let i = 0; i < 3; i++) {
      expect(p.obs_ci_lower[i]).toBeLessThan(p.mean_ci_lower[i]);
      expect(p.mean_ci_lower[i]).toBeLessThan(p.mean[i]);
      expect(p.obs_ci_upper[i]).toBeGreaterThan(p.mean_ci_upper[i]);
    }
    // narrowest at the mean of x (3), wider when extrapolating
    expect(p.mean_se[1]).toBeLessThan(p.mean_se[0]);
    expect(p.mean_se[2]).toBeGreaterThan(p.mean_se[0]);
    expect(p.fittedvalues).toHaveLength(5);
    expect(p.resid[0]).toBeCloseTo(2 - 2.8, 12);
  });

  it('leaves the response unchanged without predict', async () => {
    const { body } = await post(linregress, linregress.example.request);
    expect(body.prediction).toBeUndefined();
  });

  it('ols and polyfit: new rows and new x, a chosen confidence level', async () => {
    const o = await post(ols, {
      ...ols.example.request,
      predict: { X: [[3, 1]], confidence_level: 0.9 },
    });
    expect(o.status).toBe(200);
    expect(o.body.prediction.confidence_level).toBe(0.9);
    expect(o.body.prediction.mean[0]).toBeCloseTo(1.17 + 2 * 3 + 0.65, 10);
    expect(o.body.prediction.fittedvalues).toBeUndefined();
    const p = await post(polyfit, { ...polyfit.example.request, predict: { x: [5] } });
    expect(p.status).toBe(200);
    const [b0, b1, b2] = p.body.coefficients;
    expect(p.body.prediction.mean[0]).toBeCloseTo(b0 + 5 * b1 + 25 * b2, 10);
  });

  it('rejects a confidence level outside (0, 1), naming the field', async () => {
    const { status, body } = await post(linregress, {
      ...linregress.example.request,
      predict: { x: [1], confidence_level: 95 },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body.error.details.issues)).toMatch(
      /predict\.confidence_level must be less than 1/,
    );
  });

  it('rejects a predict row of the wrong width, naming it', async () => {
    const { status, body } = await post(ols, {
      ...ols.example.request,
      predict: { X: [[1, 2, 3]] },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body.error.details.issues)).toMatch(
      /predict.X must have one entry per column of X \(X has 2 columns, predict.X\[0\] has 3\)/,
    );
  });

  it('rejects an unknown predict field and a non-finite new x', async () => {
    const unknown = await post(polyfit, { ...polyfit.example.request, predict: { xs: [1] } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details.issues)).toMatch(
      /unknown field \\"xs\\": remove it; accepted fields are x, confidence_level, fitted/,
    );
    const text = await post(linregress, { ...linregress.example.request, predict: { x: ['a'] } });
    expect(text.status).toBe(400);
    expect(JSON.stringify(text.body.error.details.issues)).toMatch(
      /predict\.x\[0\] must be a finite number/,
    );
  });

  it('answers intervals on 2 points with a 422 that says why', async () => {
    const { status, body } = await post(linregress, { x: [1, 2], y: [1, 3], predict: { x: [3] } });
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/at least 3 points/);
  });
});
