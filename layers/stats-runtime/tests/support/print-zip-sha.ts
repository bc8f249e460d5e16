// Prints the sha256 of a fixed zip; artifact.test.ts runs it under several TZ.
import { buildZip, digest } from '../../src/artifact';

const zip = await buildZip([{ path: 'index.js', data: Buffer.from('exports.handler = 1;\n') }]);
console.log(digest(zip).sha256);
