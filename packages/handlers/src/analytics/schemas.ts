/**
 * The analytics API's response bodies and query parameters, for the API
 * document (src/openapi.ts) and the client's end-to-end test. The routes
 * themselves are api.ts (bodies) and query.ts (the query's parsing, whose
 * tests check it accepts exactly the parameters listed here). Not bundled
 * into any function.
 */
import * as v from 'valibot';
import { documented } from '../schema';

const nullableNumber = v.nullable(v.number());

/** GET /analyses/{name}/results: the query parameters query.ts accepts (and no others). */
export const resultsQuery = [
  {
    name: 'series',
    required: true,
    description: "The series id (a meter, a sensor): the value of the input's series column.",
    example: 'meter-01',
  },
  {
    name: 'from',
    required: false,
    description:
      'Inclusive lower bound on the period: yyyy-mm-dd (that day at 00:00Z) or an ISO 8601 instant with a zone.',
    example: '2026-03-01',
  },
  {
    name: 'to',
    required: false,
    description:
      'Exclusive upper bound on the period: yyyy-mm-dd (the whole of that day is included) or an ISO 8601 instant with a zone. Must be after from.',
    example: '2026-03-07',
  },
  {
    name: 'flagged',
    required: false,
    description: 'true: only the flagged periods (anomalies). Default false.',
    example: 'true',
    enum: ['true', 'false'],
  },
] as const;

/** 200 of GET /analyses/{name}/results. */
export const analysisResults = v.object({
  analysis: documented(v.string(), 'The analysis name.'),
  series: documented(v.string(), 'The series asked for.'),
  from: documented(v.nullable(v.string()), 'The lower bound used (ISO instant), or null.'),
  to: documented(v.nullable(v.string()), 'The exclusive upper bound used (ISO instant), or null.'),
  count: documented(v.number(), 'How many results follow.'),
  truncated: documented(
    v.boolean(),
    'true when there were more than 5000 results: narrow from/to for the rest.',
  ),
  results: documented(
    v.array(
      v.object({
        period: documented(v.string(), "The reading's time (ISO 8601)."),
        expected: documented(
          nullableNumber,
          'The expected value (the model or the robust centre).',
        ),
        low: documented(nullableNumber, 'Lower bound of the expected band.'),
        high: documented(nullableNumber, 'Upper bound of the expected band.'),
        actual: documented(nullableNumber, 'The reading.'),
        score: documented(
          nullableNumber,
          "How far outside the band, in the method's units (null when infinite).",
        ),
        flag: documented(v.boolean(), 'Whether the reading was flagged as an anomaly.'),
        runId: documented(v.string(), 'The run that wrote this result.'),
      }),
    ),
    'One per period of the series, in time order.',
  ),
});

/** 200 of GET /analyses/{name}/runs. */
export const analysisRuns = v.object({
  analysis: documented(v.string(), 'The analysis name.'),
  series: documented(
    v.array(v.string()),
    'The ids of the series the newest run analysed, sorted: what /results?series= can be asked for (empty before the first run).',
  ),
  runs: documented(
    v.array(
      v.object({
        runId: documented(v.string(), 'The run id.'),
        status: documented(v.picklist(['SUCCEEDED', 'FAILED']), "The run's outcome."),
        startedAt: documented(v.string(), 'ISO 8601.'),
        endedAt: documented(v.string(), 'ISO 8601.'),
        durationMs: documented(v.number(), 'Wall time of the run.'),
        counts: documented(
          v.object({
            series: v.number(),
            analysed: v.number(),
            rejected: v.number(),
            anomalies: v.number(),
          }),
          'Series seen, analysed and rejected; anomalies flagged.',
        ),
        error: documented(
          v.optional(v.string()),
          'Set when the run failed as a whole (unreadable input, a function that kept failing).',
        ),
        rejected: documented(
          v.array(
            v.object({
              series: v.string(),
              reason: documented(
                v.string(),
                'unparsable-timestamp, unparsable-value, duplicate-timestamp, missing-reading, irregular-spacing, too-short or model-error.',
              ),
              message: documented(v.string(), 'What was wrong with the series.'),
            }),
          ),
          'The series that were not analysed, each with the reason (too few readings, gaps...).',
        ),
      }),
    ),
    'The latest 50 runs, newest first.',
  ),
});
