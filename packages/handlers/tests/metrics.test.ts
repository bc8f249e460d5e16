/**
 * The embedded-metric-format line each invocation writes (src/metrics.ts):
 * a JSON object that CloudWatch's EMF specification accepts (the `_aws`
 * member, every dimension and metric a top-level member of the right type),
 * with the endpoint, duration, n, lane and cold start; and the same line
 * from a built zip laid out as Lambda runs it.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { linregress } from '../src/endpoints/linregress';
import { ols } from '../src/endpoints/ols';
import { readEnv } from '../src/env';
import { createHandler } from '../src/handler';
import { JsonLogger } from '../src/logger';
import { emfLine, METRICS_NAMESPACE } from '../src/metrics';
import { invoke, type Layout, layOut } from '../support/lambda-layout';

type Json = Record<string, unknown>;

/** The EMF specification's structural rules, checked on one line. */
function expectValidEmf(line: string): Json {
  expect(line.endsWith('\n')).toBe(true);
  const doc = JSON.parse(line) as Json & {
    _aws: {
      Timestamp: number;
      CloudWatchMetrics: {
        Namespace: string;
        Dimensions: string[][];
        Metrics: { Name: string; Unit: string }[];
      }[];
    };
  };
  expect(Number.isInteger(doc._aws.Timestamp)).toBe(true);
  for (const directive of doc._aws.CloudWatchMetrics) {
    expect(directive.Namespace).toBe(METRICS_NAMESPACE);
    for (const set of directive.Dimensions) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const d of set) expect(typeof doc[d], `dimension ${d}`).toBe('string');
    }
    for (const m of directive.Metrics) {
      expect(typeof doc[m.Name], `metric ${m.Name}`).toBe('number');
      expect(['Milliseconds', 'Count']).toContain(m.Unit);
    }
  }
  return doc;
}

const silent = new JsonLogger({ serviceName: 't', env: { LOG_LEVEL: 'SILENT' } });
const httpEvent = (body: unknown) => ({
  version: '2.0',
  routeKey: 'POST /x',
  rawPath: '/x',
  headers: { 'content-type': 'application/json' },
  requestContext: { http: { method: 'POST' }, requestId: 'gw' },
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

describe('one EMF line per invocation', () => {
  it('says endpoint, duration, n (numbers sent) and cold start: 1 on the first call, 0 after', async () => {
    const lines: string[] = [];
    const handler = createHandler(linregress, {
      logger: silent,
      metrics: (stream, line) => {
        expect(stream).toBe('stdout');
        lines.push(line);
      },
    });
    await handler(httpEvent(linregress.example.request), { awsRequestId: 'r1' });
    await handler(httpEvent(linregress.example.request), { awsRequestId: 'r2' });
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map(expectValidEmf);
    expect(first).toMatchObject({
      endpoint: 'linregress',
      n: 10, // the numbers sent: 5 x and 5 y
      cold_starts: 1,
      '4xx': 0,
      '5xx': 0,
      status_code: 200,
      request_id: 'r1',
    });
    expect(first!.duration).toBeGreaterThan(0);
    expect(second).toMatchObject({ cold_starts: 0, request_id: 'r2' });
  });

  it("adds the precision lane (ols's method) as a property and a dimension", async () => {
    const lines: string[] = [];
    const handler = createHandler(ols, { logger: silent, metrics: (_s, l) => lines.push(l) });
    await handler(httpEvent(ols.example.request), {});
    const doc = expectValidEmf(lines[0]!);
    expect(doc).toMatchObject({ endpoint: 'ols', lane: 'float64' });
    expect(
      (doc._aws as Json & { CloudWatchMetrics: { Dimensions: unknown }[] }).CloudWatchMetrics[0]!
        .Dimensions,
    ).toEqual([['endpoint'], ['endpoint', 'lane']]);
  });

  it('counts a rejected request as 4xx, without n', async () => {
    const lines: string[] = [];
    const handler = createHandler(linregress, {
      logger: silent,
      metrics: (_s, l) => lines.push(l),
    });
    await handler(httpEvent({ x: [1, 2] }), {});
    const doc = expectValidEmf(lines[0]!);
    expect(doc).toMatchObject({ '4xx': 1, '5xx': 0, status_code: 400 });
    expect(doc.n).toBeUndefined();
  });

  it('is switched off by LAMBDA_STATS_METRICS=off; a wrong value names the variable', () => {
    expect(readEnv({}).metrics).toBe(true);
    expect(readEnv({ LAMBDA_STATS_METRICS: 'off' }).metrics).toBe(false);
    expect(() => readEnv({ LAMBDA_STATS_METRICS: 'no' })).toThrow(
      'LAMBDA_STATS_METRICS must be on or off (got "no"); unset it for on',
    );
  });

  it('has the documented shape', () => {
    expect(
      JSON.parse(
        emfLine(
          { endpoint: 'describe', durationMs: 1.5, statusCode: 500, coldStart: false },
          1_700_000_000_000,
        ),
      ),
    ).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'lambda-stats',
            Dimensions: [['endpoint']],
            Metrics: [
              { Name: 'duration', Unit: 'Milliseconds' },
              { Name: 'cold_starts', Unit: 'Count' },
              { Name: '4xx', Unit: 'Count' },
              { Name: '5xx', Unit: 'Count' },
            ],
          },
        ],
      },
      endpoint: 'describe',
      duration: 1.5,
      cold_starts: 0,
      '4xx': 0,
      '5xx': 1,
      status_code: 500,
    });
  });
});

describe('the built function', () => {
  const layouts: Layout[] = [];
  afterAll(() => {
    for (const l of layouts) {
      rmSync(path.dirname(path.dirname(l.taskRoot)), { recursive: true, force: true });
    }
  });
  /** The built linregress zip and the built layer, laid out as Lambda unpacks them. */
  async function linregressLayout(): Promise<Layout> {
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const layer = fileURLToPath(
      new URL('../../../layers/stats-runtime/dist/stats-runtime.zip', import.meta.url),
    );
    const layout = await layOut(path.join(dist, 'linregress.zip'), layer);
    layouts.push(layout);
    return layout;
  }

  it('puts the metric fields on the log line when it writes one (INFO): one line per invocation', async () => {
    const layout = await linregressLayout();
    const r = await invoke(layout, [httpEvent(linregress.example.request)], {
      env: { LAMBDA_STATS_METRICS: 'on', POWERTOOLS_LOG_LEVEL: 'INFO' },
    });
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stdout).toHaveLength(1);
    expect(expectValidEmf(`${lines[0]}\n`)).toMatchObject({
      level: 'INFO',
      message: 'request handled',
      cold_start: true, // the log line's own field
      cold_starts: 1, // the metric
      endpoint: 'linregress',
      n: 10,
    });
  });

  it('writes the EMF line on its own when logs are silent', async () => {
    const layout = await linregressLayout();
    const r = await invoke(layout, [httpEvent(linregress.example.request)], {
      env: { LAMBDA_STATS_METRICS: 'on' },
    });
    const emf = r.stdout.split('\n').filter((l) => l.includes('"_aws"'));
    expect(emf, r.stdout).toHaveLength(1);
    expect(expectValidEmf(`${emf[0]}\n`)).toMatchObject({
      endpoint: 'linregress',
      n: 10,
      cold_starts: 1,
    });
  });
});
