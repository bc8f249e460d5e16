/**
 * Sample request bodies per endpoint, for the printed curl and for
 * `pnpm invoke --generate-event`. The linregress sample is the seed article's
 * example: numpy.random.seed(12345678); x = random(10); y = 1.6*x + random(10).
 * Every other route's sample is the JSON example its endpoint declares,
 * read from the committed API document (one home: the handlers' registry).
 */
import { readFileSync } from 'node:fs';
import { COMMITTED_OPENAPI } from './serve-deployment';

export const SEED_X = [
  0.24580423382490257, 0.5964286053214767, 0.3587916284219358, 0.3789101050679915,
  0.024451370184543242, 0.23830957060889102, 0.387934333800084, 0.6805410430293564,
  0.8393408307522523, 0.7607368854925465,
];
export const SEED_Y = [
  0.6150283755825774, 1.0177273834931613, 1.3535103519988496, 1.3279975392579084,
  0.2332610371310651, 0.8927569822899517, 0.6894980016528678, 1.4830083461001677,
  2.3246729965894994, 1.522087524493706,
];

export const SAMPLE_BODIES: Record<string, unknown> = {
  linregress: { x: SEED_X, y: SEED_Y },
  ols: { X: SEED_X.map((x) => [x]), y: SEED_Y },
  polyfit: { x: SEED_X, y: SEED_Y, degree: 2 },
};

interface ApiDocument {
  paths?: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { example?: unknown }> } }>
  >;
}

/** The JSON request example the API document gives `POST /name`, if any. */
function documentedExample(name: string): unknown {
  let doc: ApiDocument;
  try {
    doc = JSON.parse(readFileSync(COMMITTED_OPENAPI, 'utf8')) as ApiDocument;
  } catch {
    return undefined; // no document (a build that has not generated it): the empty body
  }
  return doc.paths?.[`/${name}`]?.post?.requestBody?.content?.['application/json']?.example;
}

/**
 * The sample body for an endpoint, by its route path's last segment
 * (`POST /linregress` -> linregress): the seed samples above, else the
 * endpoint's documented example, else `{}`.
 */
export function sampleBody(endpoint: string): unknown {
  const name = endpoint.split(/[ /]/).filter(Boolean).at(-1) ?? endpoint;
  return SAMPLE_BODIES[name] ?? documentedExample(name) ?? {};
}
