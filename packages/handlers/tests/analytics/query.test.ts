/** The analytics API's bad input: an unknown analysis is a 404, bad dates and parameters 400, each saying what to send. */
import { describe, expect, it } from 'vitest';
import { parseResultsQuery } from '../../src/analytics/index';
import { HttpError } from '../../src/http/errors';

const known = ['smart-targets', 'smart-alarms'];
const fails = (name: string | undefined, query: Record<string, string>) => {
  try {
    parseResultsQuery(name, query, known);
  } catch (error) {
    if (error instanceof HttpError)
      return { status: error.statusCode, message: error.message, code: error.code };
    throw error;
  }
  throw new Error('expected an error');
};

describe('parseResultsQuery', () => {
  it('reads series and an instant or date range (a date "to" includes that day)', () => {
    expect(
      parseResultsQuery(
        'smart-alarms',
        { series: 'meter-001', from: '2026-11-24', to: '2026-11-25' },
        known,
      ),
    ).toEqual({
      analysis: 'smart-alarms',
      series: 'meter-001',
      from: '2026-11-24T00:00:00.000Z',
      to: '2026-11-26T00:00:00.000Z',
      flaggedOnly: false,
    });
    expect(
      parseResultsQuery(
        'smart-alarms',
        { series: 'm', from: '2026-11-24T12:00:00+01:00', flagged: 'true' },
        known,
      ),
    ).toMatchObject({
      from: '2026-11-24T11:00:00.000Z',
      flaggedOnly: true,
    });
  });

  it.each([
    [
      'nope',
      { series: 'm' },
      404,
      /no analysis named "nope"; this stack declares smart-targets, smart-alarms/,
    ],
    ['smart-alarms', {}, 400, /series is required/],
    [
      'smart-alarms',
      { series: 'm', from: 'yesterday' },
      400,
      /from="yesterday" is not a date; use yyyy-mm-dd or an ISO 8601 instant/,
    ],
    ['smart-alarms', { series: 'm', to: '2026-02-30' }, 400, /to=2026-02-30 is not a real date/],
    ['smart-alarms', { series: 'm', from: '2026-11-24T00:00:00' }, 400, /from=.* is not a date/],
    [
      'smart-alarms',
      { series: 'm', from: '2026-11-25', to: '2026-11-24' },
      400,
      /from \(2026-11-25\) must be before to \(2026-11-24\)/,
    ],
    ['smart-alarms', { series: 'm', flagged: 'yes' }, 400, /flagged="yes": use true or false/],
    ['smart-alarms', { series: 'm', limit: '5' }, 400, /unknown query parameter limit/],
  ])('%s %j -> %i', (name, query, status, message) => {
    const e = fails(name, query as Record<string, string>);
    expect(e.status).toBe(status);
    expect(e.message).toMatch(message);
    expect(e.code).toBe(status === 404 ? 'not_found' : 'invalid_request');
  });
});
