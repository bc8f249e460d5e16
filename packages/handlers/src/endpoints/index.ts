/**
 * Every endpoint, one per Lambda function. Adding an endpoint: write
 * src/endpoints/<scipy name>.ts exporting `<scipy name>` (see linregress.ts),
 * then list it here. The build makes `dist/<name>.zip` for each entry and
 * writes it into dist/manifest.json, whose route infra deploys.
 */
import type { Endpoint } from '../endpoint';
import { linregress } from './linregress';
import { ols } from './ols';
import { polyfit } from './polyfit';

export const endpoints: readonly Endpoint[] = [linregress, ols, polyfit];
