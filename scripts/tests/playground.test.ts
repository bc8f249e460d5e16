/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The playground in a real browser (Debian's Chromium through
 * playwright-core) against the running local stack (`pnpm start` on free
 * ports): the page and its statistics come from GET /playground and GET
 * /openapi.json, pasted CSV runs on the API, the plotted points and the
 * table are the API's own answer, a bad cell is named, every endpoint's
 * deep-linked example renders. Screenshots of each view are written to
 * scripts/test-results/playground/ (a few are committed under docs/img/).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, expectedChromiumMajor, launchBrowser } from './support/browser';
import { type LocalStack, startLocalStack } from './support/local-stack';

const SHOTS = fileURLToPath(new URL('../test-results/playground/', import.meta.url));
const openapi = JSON.parse(
  readFileSync(new URL('../../packages/handlers/openapi.gen.json', import.meta.url), 'utf8'),
) as { paths: Record<string, { post?: Json }> };
// Every statistic of the API document but the robust and smoothing ones, which the page does
// not offer yet (packages/playground/src/page/statistics.ts, PLAYGROUND_STATISTICS, says why).
const NOT_OFFERED = [
  'exponential_smoothing',
  'iqr',
  'median_abs_deviation',
  'modified_zscore',
  'siegelslopes',
  'theilslopes',
  'zscore',
];
// (the statistics: the POST routes with an example answer; not the datasets, jobs and analyses routes)
const offered = Object.entries(openapi.paths)
  .filter(([, item]) => item.post?.responses['200']?.content['application/json'].example)
  .map(([p]) => p.slice(1))
  .filter((name) => !NOT_OFFERED.includes(name))
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
}, 300_000);

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

  it("shows the API's own 4xx message", async () => {
    await open('?statistic=polyfit');
    await page.fill('[data-testid="data"]', 'x,y\n0,1\n1,3\n2,9\n3,19\n');
    await page.fill('#option-degree', '30');
    await page.click('[data-testid="run"]');
    const error = page.locator('[data-testid="error"]');
    await error.waitFor({ state: 'visible' });
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
        name === 'ols' ||
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

  it('asked nothing of any other origin (works offline)', () => {
    const origins = new Set(requests.map((r) => new URL(r.url).origin));
    expect([...origins]).toEqual([new URL(stack.apiUrl).origin]);
  });
});
