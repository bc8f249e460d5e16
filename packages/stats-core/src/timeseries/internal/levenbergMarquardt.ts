/**
 * Levenberg-Marquardt minimisation of a sum of squared residuals
 * (Marquardt 1963, with Nielsen's damping update: Madsen, Nielsen and
 * Tingleff, "Methods for Non-Linear Least Squares Problems", 2nd ed.,
 * DTU 2004, Algorithm 3.16). The Jacobian is by central differences.
 * Marquardt's scaling (the damping term is mu diag(J'J)) makes the steps
 * independent of the parameters' units, which matters here: smoothing
 * parameters on a logistic scale next to initial states in the data's units.
 *
 * Why not an npm package: `ml-levenberg-marquardt` fits a curve y = f(x; p)
 * point by point and keeps bounds by clamping (a clamped parameter stalls
 * its step); `fmin` (Nelder-Mead, CG) has had no release since 2017. The
 * problem is unconstrained here (bounds are a logistic change of variables),
 * and this is 100 lines with its convergence tests in view.
 */
export interface LmOptions {
  /** Iteration cap (default 200). */
  maxIterations?: number;
  /** Stop when the SSE falls by less than this fraction over an accepted step (default 1e-13). */
  relativeTolerance?: number;
}

export interface LmResult {
  theta: Float64Array;
  sse: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimises sum r_i(theta)^2 where `residuals(theta, out)` fills out (length
 * n) and returns the sum of squares (a non-finite sum is treated as +inf:
 * the step is rejected).
 */
export function levenbergMarquardt(
  residuals: (theta: Float64Array, out: Float64Array) => number,
  start: Float64Array,
  n: number,
  options: LmOptions = {},
): LmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tol = options.relativeTolerance ?? 1e-13;
  const p = start.length;
  let theta = Float64Array.from(start);
  const r = new Float64Array(n);
  const rPlus = new Float64Array(n);
  const rMinus = new Float64Array(n);
  const J = new Float64Array(n * p); // row-major: J[i * p + j] = d r_i / d theta_j
  const A = new Float64Array(p * p);
  const g = new Float64Array(p);
  const trial = new Float64Array(p);
  const clean = (v: number) => (Number.isFinite(v) ? v : Number.POSITIVE_INFINITY);
  let sse = clean(residuals(theta, r));
  if (p === 0 || !Number.isFinite(sse)) return { theta, sse, iterations: 0, converged: true };
  let mu = -1;
  let nu = 2;
  let iterations = 0;
  let converged = false;
  let fresh = true;
  while (iterations < maxIterations) {
    iterations++;
    if (fresh) {
      for (let j = 0; j < p; j++) {
        const t = theta[j] as number;
        const step = 1e-6 * Math.max(1, Math.abs(t));
        theta[j] = t + step;
        residuals(theta, rPlus);
        theta[j] = t - step;
        residuals(theta, rMinus);
        theta[j] = t;
        const inv = 1 / (2 * step);
        for (let i = 0; i < n; i++)
          J[i * p + j] = ((rPlus[i] as number) - (rMinus[i] as number)) * inv;
      }
      A.fill(0);
      g.fill(0);
      for (let i = 0; i < n; i++) {
        const ri = r[i] as number;
        const row = i * p;
        for (let a = 0; a < p; a++) {
          const ja = J[row + a] as number;
          if (ja === 0) continue;
          g[a] = (g[a] as number) + ja * ri;
          for (let b = a; b < p; b++)
            A[a * p + b] = (A[a * p + b] as number) + ja * (J[row + b] as number);
        }
      }
      for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) A[a * p + b] = A[b * p + a] as number;
      if (mu < 0) {
        let maxDiag = 0;
        for (let a = 0; a < p; a++) maxDiag = Math.max(maxDiag, A[a * p + a] as number);
        mu = 1e-3;
        if (maxDiag === 0) return { theta, sse, iterations, converged: true };
      }
      fresh = false;
    }
    // solve (A + mu D) delta = -g with D = diag(A) (floored so flat directions still move)
    const delta = solveDamped(A, g, mu, p);
    if (!delta) {
      mu *= nu;
      nu *= 2;
      continue;
    }
    for (let j = 0; j < p; j++) trial[j] = (theta[j] as number) + (delta[j] as number);
    const sseTrial = clean(residuals(trial, rPlus));
    // predicted decrease of the quadratic model: -(2 g.delta + delta' A delta) = delta'(mu D delta - g)... (Madsen et al. eq. 3.14)
    let predicted = 0;
    for (let a = 0; a < p; a++) {
      const da = delta[a] as number;
      const d = Math.max(A[a * p + a] as number, 1e-12);
      predicted += da * (mu * d * da - (g[a] as number));
    }
    const actual = sse - sseTrial;
    const rho = predicted > 0 ? actual / predicted : -1;
    if (rho > 0 && actual >= 0) {
      const small = actual <= tol * sse;
      theta = Float64Array.from(trial);
      r.set(rPlus);
      sse = sseTrial;
      mu *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      nu = 2;
      fresh = true;
      if (small) {
        converged = true;
        break;
      }
    } else {
      mu *= nu;
      nu *= 2;
      if (mu > 1e16) {
        converged = true; // no step improves the SSE: a (local) minimum to working precision
        break;
      }
    }
  }
  return { theta, sse, iterations, converged };
}

/** Cholesky solve of (A + mu diag(A)) x = -g; null if not positive definite. */
function solveDamped(A: Float64Array, g: Float64Array, mu: number, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j] as number;
      if (i === j) s += mu * Math.max(A[i * p + i] as number, 1e-12);
      for (let k = 0; k < j; k++) s -= (L[i * p + k] as number) * (L[j * p + k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / (L[j * p + j] as number);
    }
  }
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = -(g[i] as number);
    for (let k = 0; k < i; k++) s -= (L[i * p + k] as number) * (x[k] as number);
    x[i] = s / (L[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < p; k++) s -= (L[k * p + i] as number) * (x[k] as number);
    x[i] = s / (L[i * p + i] as number);
  }
  return x;
}
