/**
 * Writes openapi.gen.json, the OpenAPI 3.1 document of every endpoint,
 * from the handlers' own valibot schemas (src/openapi.ts). Run after adding or
 * changing an endpoint: `pnpm --filter @lambda-stats/handlers openapi`;
 * tests/openapi.test.ts fails while the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiText } from './src/openapi';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const out = new URL('./openapi.gen.json', import.meta.url);
writeFileSync(out, await openApiText(pkg.version));
console.log(`wrote ${out.pathname.split('/').slice(-3).join('/')}`);
