/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The playground in a real browser (Debian's Chromium through
 * playwright-core) against the running local stack (`pnpm start` on free
 * ports): the page and its statistics come from GET /playground and GET
 * /openapi.json, pasted CSV runs on the API, the plotted points and the
 * table are the API's own answer, a bad cell is named, every endpoint's
 * deep-linked example renders, the robust statistics' array and union
 * options reach the API, the scheduled analyses' results are plotted once
 * the demo analyses have run, and a file over the synchronous limit goes
 * through the datasets and jobs API (a presigned PUT to the emulator's S3).
 * Screenshots of each view are written to scripts/test-results/playground/
 * (a few are committed under docs/img/).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linregress } from '@lambda-stats/stats-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectedChromiumMajor, launchBrowser } from './support/browser';
import { type LocalStack, START_HOOK_TIMEOUT_MS, startLocalStack } from './support/local-stack';

const SHOTS = fileURLToPath(new URL('../test-results/playground/', import.meta.url));
const openapi = JSON.parse(
  readFileSync(new URL('../../packages/handlers/openapi.gen.json', import.meta.url), 'utf8'),
) as { paths: Record<string, { post?: Json }> };
/** The page's synchronous limit (packages/playground/src/page/jobs.ts, SYNC_LIMIT_BYTES). */
const SYNC_LIMIT_BYTES = 5 * 1024 * 1024;
// Every statistic of the API document: each POST route but the datasets and jobs ones.
const offered = Object.entries(openapi.paths)
  .filter(([p, item]) => item.post !== undefined && !/^\/(datasets|jobs)\b/.test(p))
  .map(([p]) => p.slice(1))
  .sort();
const seed = (
  JSON.parse(
    readFileSync(new URL('./fixtures/golden/local-stack.json', import.meta.url), 'utf8'),
  ) as {
    linregress: { request: { x: number[]; y: number[] } }[];
  }
).linregress[0]!.request;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are compared field by field.
type Json = any;

let stack: LocalStack;
let browser: Browser;
let page: Page;
/** Every request the page made, to check it asked nothing of anyone but the API. */
const requests: { url: string; method: string; body: string | null }[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startLocalStack(), launchBrowser()]);
  page = await browser.context.newPage();
  page.on('request', (r) =>
    requests.push({ url: r.url(), method: r.method(), body: r.postData() }),
  );
}, START_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function open(query = ''): Promise<void> {
  await page.goto(`${stack.apiUrl}/playground${query}`);
  await page.waitForSelector('body[data-ready="true"]');
}

/** The result table as {field: exact JSON value}. */
async function resultTable(): Promise<Record<string, unknown>> {
  const cells = await page.$$eval('[data-testid="result"] td[data-field]', (tds) =>
    tds.map((td) => [td.getAttribute('data-field'), td.getAttribute('data-value')] as const),
  );
  return Object.fromEntries(
    cells.filter(([, v]) => v !== null && v !== '').map(([k, v]) => [k, JSON.parse(v!)]),
  );
}

/** The data points of the main plot, mapped back through its own scales to data coordinates. */
function plottedPoints(): Promise<{ x: number; y: number }[]> {
  return page.$eval('[data-testid="plot-main"]', (svg) => {
    const plot = svg as SVGSVGElement & { scale: (n: string) => { invert: (v: number) => number } };
    return [...svg.querySelectorAll('.data-points circle')].map((c) => ({
      x: plot.scale('x').invert(Number(c.getAttribute('cx'))),
      y: plot.scale('y').invert(Number(c.getAttribute('cy'))),
    }));
  });
}

const get = async (route: string) =>
  (await fetch(`${stack.apiUrl}/${route}`).then((r) => r.json())) as Json;

const post = async (name: string, body: unknown) =>
  (await fetch(`${stack.apiUrl}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json())) as Json;

describe('the playground in Chromium, on the local stack', () => {
  it("runs the Chromium that the pinned playwright-core expects (Debian's)", () => {
    expect(Number(browser.version.split('.')[0]), `Chromium ${browser.version}`).toBe(
      expectedChromiumMajor(),
    );
  });

  it('pnpm start prints the playground URL; the page lists every statistic of the API document', async () => {
    expect(stack.output()).toContain(`Playground (open in a browser): ${stack.apiUrl}/playground`);
    await open();
    const names = await page.$$eval('#statistic option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(names.sort()).toEqual(offered);
    await shot('start');
  });

  it('paste the seed as CSV, run linregress: the table and the plotted points are the API answer', async () => {
    await open('?statistic=linregress');
    const csv = ['temp (°C),load (kWh)', ...seed.x.map((x, i) => `${x},${seed.y[i]}`)].join('\n');
    await page.fill('[data-testid="data"]', csv);
    const before = requests.length;
    await page.click('[data-testid="run"]');
    await page.waitForSelector('[data-testid="plot-main"]');
    // the page sent the pasted numbers themselves (plus the band grid and the residuals request)
    const sent = requests
      .slice(before)
      .find((r) => r.method === 'POST' && r.url.endsWith('/linregress'));
    const body = JSON.parse(sent!.body!);
    expect(body.x).toEqual(seed.x);
    expect(body.y).toEqual(seed.y);
    expect(body.predict).toMatchObject({ fitted: true });
    // every number in the table is exactly what the API answers for that request
    const answer = await post('linregress', body);
    const table = await resultTable();
    const { prediction, ...fields } = answer;
    expect(table).toEqual(fields);
    expect(prediction.mean).toHaveLength(body.predict.x.length);
    // one mark per data point, at the data's coordinates
    const points = await plottedPoints();
    expect(points).toHaveLength(seed.x.length);
    points.forEach((p, i) => {
      expect(Math.abs(p.x - seed.x[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(p.y - seed.y[i]!)).toBeLessThan(1e-9);
    });
    // the fit's bands and the residual plots
    for (const selector of [
      '.fitted-line path',
      '.confidence-band path',
      '.prediction-band path',
    ]) {
      expect(await page.locator(`[data-testid="plot-main"] ${selector}`).count(), selector).toBe(1);
    }
    for (const id of ['plot-residuals', 'plot-qq', 'plot-histogram']) {
      expect(await page.locator(`[data-testid="${id}"]`).count(), id).toBe(1);
    }
    expect(await page.locator('[data-testid="plot-residuals"] .data-points circle').count()).toBe(
      seed.x.length,
    );
    // axes carry the columns' names and units
    const labels = await page.$$eval(
      '[data-testid="plot-main"] [aria-label$="axis label"] text',
      (ts) => ts.map((t) => t.textContent),
    );
    expect(labels.join(' ')).toContain('temp (°C)');
    expect(labels.join(' ')).toContain('load (kWh)');
    await shot('linregress-csv');
  });

  it('a bad cell: the error names its row and column, and nothing is sent', async () => {
    await open('?statistic=linregress');
    await page.fill('[data-testid="data"]', 'x,y\n1,2\n2,abc\n3,5\n');
    const before = requests.length;
    await page.click('[data-testid="run"]');
    const error = page.locator('[data-testid="error"]');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('Row 3, column "y": "abc" is not a number');
    expect(requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    await shot('bad-cell');
  });

  it("checks an option against its schema before sending, and shows the API's own 4xx message", async () => {
    await open('?statistic=polyfit');
    await page.fill('[data-testid="data"]', 'x,y\n0,1\n1,3\n2,9\n3,19\n');
    await page.fill('#option-degree', '30');
    const before = requests.length;
    await page.click('[data-testid="run"]');
    const error = page.locator('[data-testid="error"]');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('Option degree: 30 is above the maximum 20.');
    expect(requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    // a JSON request is sent as written: the API's own 400 is shown
    await page.fill(
      '[data-testid="data"]',
      JSON.stringify({ x: [0, 1, 2, 3], y: [1, 3, 9, 19], degree: 30 }),
    );
    await page.click('[data-testid="run"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="error"]')?.textContent?.includes('The API answered'),
    );
    expect(await error.textContent()).toMatch(/The API answered 400.*degree must be at most 20/s);
  });

  it('is usable from the keyboard: Tab reaches Run, Ctrl+Enter in the data box runs', async () => {
    await open('?statistic=pearsonr');
    await page.fill('[data-testid="data"]', 'a,b\n1,10\n2,9\n3,2.5\n4,6\n5,4\n');
    await page.focus('[data-testid="data"]');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="plot-main"]');
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'run');
    }
    expect(reached).toBe(true);
  });

  for (const name of offered) {
    it(`the deep link /playground?statistic=${name}&example=1 renders that endpoint's example`, async () => {
      await open(`?statistic=${name}&example=1`);
      await page.waitForSelector('[data-testid="plot-main"]');
      const example = openapi.paths[`/${name}`]!.post;
      const request = example.requestBody.content['application/json'].example;
      const expected = example.responses['200'].content['application/json'].example;
      const table = await resultTable();
      // the examples are scipy's values; the API matches them to 1e-9 relative (12+ digits in its own tests)
      for (const [field, value] of Object.entries(expected)) {
        const got = table[field];
        const flat = (v: unknown): unknown[] =>
          Array.isArray(v)
            ? v.flatMap(flat)
            : v !== null && typeof v === 'object'
              ? Object.values(v).flatMap(flat)
              : [v];
        flat(value).forEach((e, i) => {
          const g = flat(got)[i];
          if (typeof e === 'number')
            expect(Math.abs((g as number) - e), `${field}`).toBeLessThanOrEqual(
              1e-9 * Math.max(1, Math.abs(e)),
            );
          else expect(g, field).toEqual(e);
        });
      }
      const circles = await page.locator('[data-testid="plot-main"] .data-points circle').count();
      const arrays = Object.values(request).filter(Array.isArray) as unknown[][];
      const count = (v: unknown[]): number =>
        v.reduce<number>((s, x) => s + (Array.isArray(x) ? count(x) : 1), 0);
      const expectedPoints =
        name === 'exponential_smoothing' || name === 'theilslopes' || name === 'siegelslopes'
          ? (request.y as unknown[]).length
          : name === 'ols' ||
              name === 'pearsonr' ||
              name === 'kendalltau' ||
              name === 'spearmanr' ||
              name === 'linregress' ||
              name === 'polyfit'
            ? (arrays.at(-1) as unknown[]).length
            : arrays.reduce((s, a) => s + count(a), 0);
      expect(circles).toBe(expectedPoints);
      await shot(`example-${name}`);
    });
  }

  it('iqr: a tuple option and a union option are typed into the form and reach the API', async () => {
    await open('?statistic=iqr');
    await page.fill('[data-testid="data"]', 'reading (kWh)\n1\n2\n3\n4\n5\n6\n7\n8\n60\n');
    await page.fill('#option-rng', '10, 90');
    await page.selectOption('#option-scale', 'normal');
    const before = requests.length;
    await page.click('[data-testid="run"]');
    await page.waitForSelector('[data-testid="plot-main"] .flagged circle');
    const sent = requests.slice(before).find((r) => r.method === 'POST' && r.url.endsWith('/iqr'));
    const body = JSON.parse(sent!.body!);
    expect(body).toEqual({ x: [1, 2, 3, 4, 5, 6, 7, 8, 60], rng: [10, 90], scale: 'normal' });
    expect(await resultTable()).toEqual(await post('iqr', body));
    expect(await page.locator('[data-testid="plot-main"] .data-points circle').count()).toBe(9);
    // Tukey's fences flag the 60 (the fences use the quartiles and the API's range in the data's unit)
    expect(await page.locator('[data-testid="plot-main"] .flagged circle').count()).toBe(1);
    await shot('iqr-options');
    // a tuple with one value: the form says what to type, and nothing is sent
    await page.fill('#option-rng', '10');
    const again = requests.length;
    await page.click('[data-testid="run"]');
    const error = page.locator('[data-testid="error"]');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain(
      'Option rng: 1 value given, exactly 2 needed (comma-separated, e.g. 25, 75).',
    );
    expect(requests.slice(again).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('exponential_smoothing: nullable choices and the series, fit, forecast and band', async () => {
    await open('?statistic=exponential_smoothing&example=1');
    await page.waitForSelector('[data-testid="plot-main"]');
    expect(await page.inputValue('#option-initial_seasonal')).toBe('1, -8, -4, 11');
    expect(await page.inputValue('#option-trend')).toBe('add');
    for (const selector of ['.fitted-line path', '.forecast-line path', '.prediction-band path'])
      expect(await page.locator(`[data-testid="plot-main"] ${selector}`).count(), selector).toBe(1);
    // no trend, no season: the choices' "none" sends null, and the estimated fit answers
    await page.selectOption('#option-trend', '');
    await page.selectOption('#option-seasonal', '');
    for (const id of [
      'seasonal_periods',
      'smoothing_level',
      'smoothing_trend',
      'smoothing_seasonal',
      'initial_level',
      'initial_trend',
      'initial_seasonal',
    ])
      await page.fill(`#option-${id}`, '');
    const before = requests.length;
    await page.click('[data-testid="run"]');
    await page.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.includes('done'),
    );
    const sent = requests
      .slice(before)
      .find((r) => r.method === 'POST' && r.url.endsWith('/exponential_smoothing'));
    const body = JSON.parse(sent!.body!);
    expect(body.trend).toBeUndefined(); // null is the default, so it is left out
    expect(body.initial_seasonal).toBeUndefined();
    expect(body.horizon).toBe(4);
    const table = await resultTable();
    expect(table.estimated).toContain('smoothing_level');
    await shot('exponential_smoothing');
  });

  it('the scheduled analyses: pick an analysis and a series, see its band and anomalies, and its runs', async () => {
    // pnpm start fires both demo analyses once the front door is up
    const deadline = Date.now() + 280_000;
    while (!/analysis smart-alarms: SUCCEEDED/.test(stack.output())) {
      if (Date.now() > deadline || /analysis smart-alarms: FAILED/.test(stack.output()))
        throw new Error(`the demo analysis did not succeed:\n${stack.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await open();
    await page.waitForSelector('#analyses:not([hidden])');
    const analyses = await page.$$eval('#analysis option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(analyses.sort()).toEqual(['smart-alarms', 'smart-targets']);
    await page.selectOption('#analysis', 'smart-alarms');
    await page.waitForSelector('[data-testid="runs"] tr[data-status="SUCCEEDED"]');
    const runs = await get('analyses/smart-alarms/runs');
    expect(await page.locator('[data-testid="runs"] tbody tr').count()).toBe(runs.runs.length);
    const series = await page.$$eval('#series option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(series).toEqual(runs.series);
    expect(series).toHaveLength(30);
    // meter-004 carries an injected spike (docs/analytics-runs.md); keyboard: focus, choose, Enter
    await page.focus('#series');
    await page.selectOption('#series', 'meter-004');
    await page.focus('#show-results');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#analysis-plot [data-testid="plot-main"]');
    const answer = await get('analyses/smart-alarms/results?series=meter-004');
    const readings = answer.results.filter((r: Json) => r.actual !== null);
    const flagged = readings.filter((r: Json) => r.flag);
    expect(flagged.length).toBeGreaterThan(0);
    const plot = '#analysis-plot [data-testid="plot-main"]';
    expect(await page.locator(`${plot} .data-points circle`).count()).toBe(readings.length);
    expect(await page.locator(`${plot} .anomalies circle`).count()).toBe(flagged.length);
    expect(await page.locator(`${plot} .expected-band path`).count()).toBe(1);
    // the flagged points sit at the API's readings
    const ys = await page.$eval(plot, (svg) => {
      const p = svg as SVGSVGElement & { scale: (n: string) => { invert: (v: number) => number } };
      return [...svg.querySelectorAll('.anomalies circle')].map((c) =>
        p.scale('y').invert(Number(c.getAttribute('cy'))),
      );
    });
    ys.forEach((y, i) => {
      expect(Math.abs(y - flagged[i].actual)).toBeLessThan(1e-9 * Math.max(1, Math.abs(y)));
    });
    const labels = await page.$$eval(`${plot} [aria-label$="axis label"] text`, (ts) =>
      ts.map((t) => t.textContent),
    );
    expect(labels.join(' ')).toContain('time (UTC)');
    expect(labels.join(' ')).toContain('meter-004');
    await page.locator('#analyses').screenshot({ path: path.join(SHOTS, 'analyses.png') });
  }, 320_000);

  it('a file over the synchronous limit runs as a job: dataset, presigned PUT, job, progress, result', async () => {
    // deterministic data just over the limit: y = 2x + 1 + a bounded wobble
    const lines = ['x,y'];
    let bytes = 4;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; bytes <= SYNC_LIMIT_BYTES + 1000; i++) {
      const x = i / 100;
      const y = Number((2 * x + 1 + Math.sin(i * 0.7) * 3).toFixed(6));
      const line = `${x},${y}`;
      lines.push(line);
      xs.push(x);
      ys.push(y);
      bytes += line.length + 1;
    }
    const csv = `${lines.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(SYNC_LIMIT_BYTES);
    await open('?statistic=linregress');
    await page.setInputFiles('[data-testid="file"]', {
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.waitForSelector('[data-testid="file-info"]:not([hidden])');
    expect(await page.textContent('[data-testid="file-info"]')).toContain('over the 5 MiB');
    const before = requests.length;
    await page.click('[data-testid="run"]');
    await page.waitForSelector('[data-testid="progress"]:not([hidden])');
    await page.waitForSelector('[data-testid="job-summary"]', { timeout: 240_000 });
    const made = requests.slice(before);
    const api = new URL(stack.apiUrl).origin;
    expect(made.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual([
      '/datasets',
      '/jobs',
    ]);
    const putReq = made.find((r) => r.method === 'PUT');
    expect(new URL(putReq!.url).origin).not.toBe(api); // the emulator's S3, not the API
    expect(JSON.parse(made.find((r) => r.url.endsWith('/jobs'))!.body!)).toMatchObject({
      statistic: 'linregress',
      columns: { x: 'x', y: 'y' },
    });
    // the job's answer, shown in the table, is the exact regression of the file's numbers
    const table = await resultTable();
    const expected = linregress(xs, ys);
    for (const k of ['slope', 'intercept', 'rvalue', 'stderr'] as const)
      expect(Math.abs((table[k] as number) - expected[k]), k).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected[k])),
      );
    expect(await page.textContent('[data-testid="job-summary"]')).toContain(`${xs.length} rows`);
    expect(await page.isHidden('[data-testid="progress"]')).toBe(true);
    await shot('large-file-job');
    // a statistic jobs do not run: the page says which do, and creates no dataset
    await page.selectOption('[data-testid="statistic"]', 'theilslopes');
    const again = requests.length;
    await page.click('[data-testid="run"]');
    const error = page.locator('[data-testid="error"]');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('theilslopes cannot run on a file this large');
    expect(requests.slice(again).filter((r) => r.method === 'POST')).toEqual([]);
  }, 300_000);

  it('asked nothing of any origin but the API and, for the upload, the emulator (works offline)', () => {
    const origins = new Set(requests.map((r) => new URL(r.url).origin));
    const puts = new Set(
      requests.filter((r) => r.method === 'PUT').map((r) => new URL(r.url).origin),
    );
    expect(puts.size).toBe(1);
    expect([...origins].sort()).toEqual([new URL(stack.apiUrl).origin, ...puts].sort());
  });
});
