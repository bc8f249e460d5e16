/**
 * Content-Type: text/csv input and nan_policy. Every endpoint of the
 * registry answers the CSV form of its example exactly as its JSON form;
 * every bad CSV request is a 4xx saying what to fix; nan_policy's omit and
 * propagate match scipy 1.17 (tests/fixtures/nan_policy.json, written by
 * golden/nan_policy.py), in JSON (null) and in CSV (missing cells).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../src/endpoint';
import { endpoints } from '../src/endpoints/index';
import { createHandler } from '../src/handler';
import { csvForm } from '../src/http/csvExample';
import { NAN_POLICY_ENDPOINTS } from '../src/http/fields';
import { context, type HttpResponse, httpEvent } from './support/events';

const byName = new Map(endpoints.map((e) => [e.name, e] as const));
const silent = { info() {}, error() {} };

async function send(endpoint: Endpoint, event: Record<string, unknown>) {
  const res = (await createHandler(endpoint, { logger: silent })(event, context)) as HttpResponse;
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

function csvEvent(body: string, query: Record<string, string>, contentType = 'text/csv') {
  const event = httpEvent(body, { headers: { 'content-type': contentType } });
  event.queryStringParameters = query;
  return event;
}

const postJson = (name: string, request: unknown) =>
  send(byName.get(name)!, httpEvent(JSON.stringify(request)));
const postCsv = (name: string, csv: string, query: Record<string, string>, contentType?: string) =>
  send(byName.get(name)!, csvEvent(csv, query, contentType));

describe.each(endpoints.map((e) => [e.name, e] as const))('%s in CSV', (name, endpoint) => {
  it('answers the CSV form of its example exactly as the JSON form', async () => {
    const request = endpoint.example.request as Record<string, unknown>;
    const { csv, query } = csvForm(endpoint, request);
    const json = await postJson(name, request);
    const fromCsv = await postCsv(name, csv, query);
    expect(json.status).toBe(200);
    expect(fromCsv.status, JSON.stringify(fromCsv.body)).toBe(200);
    expect(fromCsv.body).toEqual(json.body);
  });

  it('a non-numeric cell is a 400 naming row, column and value', async () => {
    const request = endpoint.example.request as Record<string, unknown>;
    const { csv, query } = csvForm(endpoint, request);
    const lines = csv.split('\n');
    const header = lines[0]!.split(',');
    // the first numeric cell of the second data row
    const row = lines[2]!.split(',');
    const col = row.findIndex((c) => c !== '' && !Number.isNaN(Number(c)));
    row[col] = 'n/a?';
    lines[2] = row.join(',');
    const { status, body } = await postCsv(name, lines.join('\n'), query);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_csv');
    expect(body.error.details).toMatchObject({
      reason: 'not_a_number',
      row: 2,
      column: header[col],
      value: 'n/a?',
    });
    expect(body.error.message).toContain(
      `Row 2 (counted from 1 below the header; line 3), column "${header[col]}"`,
    );
  });

  it('an unknown column is a 422 listing the columns; a missing mapping is a 400 saying what to add', async () => {
    const request = endpoint.example.request as Record<string, unknown>;
    const { csv, query } = csvForm(endpoint, request);
    const [field, column] = Object.entries(query)[0]!;
    const wrong = await postCsv(name, csv, { ...query, [field]: `${column.split(',')[0]}_typo` });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('unknown_column');
    expect(wrong.body.error.details.available).toEqual(csv.split('\n')[0]!.split(','));
    const { [field]: _dropped, ...rest } = query;
    const missing = await postCsv(name, csv, rest);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(
      /Invalid CSV request: map ".*" to CSV columns in the query string/,
    );
  });
});

describe('CSV requests: the HTTP edge', () => {
  const csv = 'temp,kwh\n1,2\n2,4\n3,5\n4,4\n5,5\n';
  it('accepts text/csv with charset utf-8; other types are a 415 naming both', async () => {
    expect(
      (await postCsv('linregress', csv, { x: 'temp', y: 'kwh' }, 'text/csv; charset=utf-8')).status,
    ).toBe(200);
    const res = await postCsv('linregress', csv, { x: 'temp', y: 'kwh' }, 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('Content-Type: text/csv');
  });
  it('options come from the query string, validated by the JSON schema', async () => {
    const ok = await postCsv('linregress', csv, { x: 'temp', y: 'kwh', alternative: 'greater' });
    const json = await postJson('linregress', {
      x: [1, 2, 3, 4, 5],
      y: [2, 4, 5, 4, 5],
      alternative: 'greater',
    });
    expect(ok.body).toEqual(json.body);
    const bad = await postCsv('linregress', csv, { x: 'temp', y: 'kwh', alternative: 'bigger' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'alternative must be one of "two-sided", "less", "greater"',
    );
    const flag = await postCsv('ttest_ind', 'a,b\n1,2\n2,3\n3,5\n', {
      a: 'a',
      b: 'b',
      equal_var: 'maybe',
    });
    expect(flag.status).toBe(400);
    expect(flag.body.error.message).toContain('equal_var must be true or false');
  });
  it('an unknown query parameter is a 400 listing the accepted ones', async () => {
    const res = await postCsv('linregress', csv, { x: 'temp', y: 'kwh', alpha: '0.05' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'unknown query parameter "alpha"; linregress accepts x, y, alternative, nan_policy',
    );
  });
  it('bad CSV: empty body, header only, ragged row, bad quoting, missing header, invalid UTF-8', async () => {
    const q = { x: 'temp', y: 'kwh' };
    expect((await postCsv('linregress', '', q)).body.error.code).toBe('missing_body');
    const headerOnly = await postCsv('linregress', 'temp,kwh\n', q);
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.error.message).toContain('x needs at least 2 values');
    const ragged = await postCsv('linregress', 'temp,kwh\n1,2\n3\n', q);
    expect(ragged.body.error.details).toMatchObject({
      reason: 'ragged_row',
      row: 2,
      expected: 2,
      found: 1,
    });
    const quoting = await postCsv('linregress', 'temp,kwh\n1,"2\n', q);
    expect(quoting.body.error.details.reason).toBe('bad_quoting');
    const noHeader = await postCsv('linregress', '1,2\n3,4\n', q);
    expect(noHeader.body.error.details.reason).toBe('missing_header');
    const event = csvEvent(
      Buffer.from([0x74, 0x2c, 0x6b, 0x0a, 0xff, 0x2c, 0x31, 0x0a]).toString('base64'),
      q,
    );
    event.isBase64Encoded = true;
    const utf8 = await send(byName.get('linregress')!, event);
    expect(utf8.status).toBe(400);
    expect(utf8.body.error.code).toBe('invalid_body_encoding');
  });
  it('f_oneway and chi2_contingency: both forms of each', async () => {
    const long = await postCsv(
      'f_oneway',
      'kwh,site\n1,a\n2,a\n3,a\n2,b\n3,b\n4,b\n5,c\n6,c\n9,c\n',
      { samples: 'kwh', group_by: 'site' },
    );
    const wide = await postCsv('f_oneway', 'a,b,c\n1,2,5\n2,3,6\n3,4,9\n', { samples: 'a,b,c' });
    const json = await postJson('f_oneway', byName.get('f_oneway')!.example.request);
    expect(long.body).toEqual(json.body);
    expect(wide.body).toEqual(json.body);
    const rows = ['region,tariff'];
    const table = [
      [10, 10, 20],
      [20, 20, 20],
    ];
    for (const [i, r] of table.entries()) {
      for (const [j, n] of r.entries()) for (let k = 0; k < n; k++) rows.push(`r${i},t${j}`);
    }
    const cross = await postCsv('chi2_contingency', `${rows.join('\n')}\n`, {
      rows: 'region',
      cols: 'tariff',
    });
    expect(cross.body).toEqual((await postJson('chi2_contingency', { observed: table })).body);
    const both = await postCsv('chi2_contingency', 'a,b\n1,2\n', { observed: 'a,b', rows: 'a' });
    expect(both.status).toBe(400);
  });
  it('ttest_ind takes columns of different lengths (empty cells pad the shorter)', async () => {
    const res = await postCsv('ttest_ind', 'a,b\n1,3\n2,4\n3,5\n4,7\n5,\n', { a: 'a', b: 'b' });
    const json = await postJson('ttest_ind', { a: [1, 2, 3, 4, 5], b: [3, 4, 5, 7] });
    expect(res.body).toEqual(json.body);
  });
});

const golden = JSON.parse(
  readFileSync(new URL('./fixtures/nan_policy.json', import.meta.url), 'utf8'),
) as {
  scipy: string;
  cases: {
    name: string;
    request: Record<string, unknown>;
    omit: Record<string, unknown>;
    propagate: Record<string, unknown>;
  }[];
};

/** Each scipy field: null where scipy gives nan, else within 1e-12 relative (the core's own contract is tighter). */
function expectScipy(got: Record<string, unknown>, want: Record<string, unknown>) {
  for (const [k, w] of Object.entries(want)) {
    const g = got[k];
    if (w === null) expect(g, k).toBeNull();
    else if (Array.isArray(w)) {
      expect((g as unknown[]).length, `${k}.length`).toBe(w.length);
      for (const [i, x] of w.entries()) {
        if (x === null) expect((g as unknown[])[i], `${k}[${i}]`).toBeNull();
        else expect((g as number[])[i], `${k}[${i}]`).toBeCloseTo(x as number, 12);
      }
    } else
      expect(Math.abs((g as number) - (w as number)), `${k}: ${g} vs ${w}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(w as number)),
      );
  }
}

describe(`nan_policy against scipy ${golden.scipy}`, () => {
  it('covers every endpoint whose scipy function has nan_policy', () => {
    expect(golden.cases.map((c) => c.name).sort()).toEqual([...NAN_POLICY_ENDPOINTS].sort());
  });
  describe.each(golden.cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    it('omit drops the missing values as scipy does (JSON nulls and CSV cells alike)', async () => {
      const json = await postJson(name, { ...c.request, nan_policy: 'omit' });
      expect(json.status, JSON.stringify(json.body)).toBe(200);
      expectScipy(json.body, c.omit);
      const { csv, query } = csvForm(byName.get(name)!, c.request);
      const fromCsv = await postCsv(name, csv, { ...query, nan_policy: 'omit' });
      expect(fromCsv.body).toEqual(json.body);
    });
    it("propagate answers scipy's nan (null), counts kept", async () => {
      const json = await postJson(name, { ...c.request, nan_policy: 'propagate' });
      expect(json.status).toBe(200);
      expectScipy(json.body, c.propagate);
      const { csv, query } = csvForm(byName.get(name)!, c.request);
      expect((await postCsv(name, csv, { ...query, nan_policy: 'propagate' })).body).toEqual(
        json.body,
      );
    });
    it('raise (the default) is a 400 naming where the missing value is', async () => {
      const json = await postJson(name, c.request);
      expect(json.status).toBe(400);
      expect(json.body.error.message).toMatch(
        /is null, a missing value: remove it, or send "nan_policy": "omit"/,
      );
      const { csv, query } = csvForm(byName.get(name)!, c.request);
      const fromCsv = await postCsv(name, csv, query);
      expect(fromCsv.status).toBe(400);
      expect(fromCsv.body.error.details).toMatchObject({ reason: 'missing_value', value: 'NaN' });
      expect(fromCsv.body.error.message).toContain('nan_policy=omit');
    });
  });
  it('an endpoint without nan_policy refuses it, in JSON and in CSV', async () => {
    const json = await postJson('pearsonr', { x: [1, 2, 3], y: [1, 3, 2], nan_policy: 'omit' });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toContain('unknown field "nan_policy"');
    const csv = await postCsv('pearsonr', 'x,y\n1,1\n2,3\n3,2\n', {
      x: 'x',
      y: 'y',
      nan_policy: 'omit',
    });
    expect(csv.status).toBe(400);
    const missing = await postCsv('pearsonr', 'x,y\n1,1\n2,\n3,2\n', { x: 'x', y: 'y' });
    expect(missing.body.error.message).toContain('this statistic has no nan_policy');
  });
  it('every value missing under omit: zscore scores all null (scipy: all nan), the MAD is a 400', async () => {
    const z = await postJson('zscore', { a: [null, null, null], nan_policy: 'omit' });
    expect(z.status).toBe(200);
    expect(z.body.zscore).toEqual([null, null, null]);
    const mad = await postJson('median_abs_deviation', { x: [null, null], nan_policy: 'omit' });
    expect(mad.status).toBe(400);
    expect(mad.body.error.message).toMatch(/x/);
  });
  it('a missing value under omit keeps its place in modified_zscore, indices count the request', async () => {
    const res = await postJson('modified_zscore', {
      x: [null, 10.2, 9.8, 10.1, 10.0, 9.9, 10.3, 14.9, 10.0],
      nan_policy: 'omit',
    });
    expect(res.status).toBe(200);
    expect(res.body.scores[0]).toBeNull();
    expect(res.body.outliers[0]).toBe(false);
    expect(res.body.outlier_indices).toEqual([7]);
  });
  it('a nan_policy that is not one of the three is a 400', async () => {
    const res = await postJson('linregress', { x: [1, 2, 3], y: [1, 2, 4], nan_policy: 'drop' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('nan_policy must be one of propagate, omit, raise');
  });
});
