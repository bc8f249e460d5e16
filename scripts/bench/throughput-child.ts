/**
 * One throughput panel in a fresh process, for throughput.ts's isolated
 * runs: argv[2] is the ThroughputOptions as JSON, argv[3] the file the
 * PanelResult is written to (stdout and stderr stay free for logs).
 */
import { writeFileSync } from 'node:fs';
import { sharedPanel, type ThroughputOptions } from './throughput';

const [options, out] = process.argv.slice(2);
if (options === undefined || out === undefined) {
  process.stderr.write('usage: throughput-child.ts <options json> <out file>\n');
  process.exit(2);
}
const panel = await sharedPanel(JSON.parse(options) as ThroughputOptions);
writeFileSync(out, JSON.stringify(panel));
