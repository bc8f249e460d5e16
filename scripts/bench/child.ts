/**
 * One bench section in a fresh node process, for inFreshProcess (util.ts):
 * argv[2] names the section, argv[3] is its options as JSON, argv[4] the
 * file its result is written to (stdout and stderr stay free for logs).
 */
import { writeFileSync } from 'node:fs';
import { jobsBench } from './jobs';
import { sharedPanel, type ThroughputOptions } from './throughput';

const SECTIONS: Record<string, (options: never) => Promise<unknown>> = {
  throughput: (options: ThroughputOptions) => sharedPanel(options),
  jobs: (options: Parameters<typeof jobsBench>[0]) => jobsBench(options),
};

const [section, options, out] = process.argv.slice(2);
const run = section === undefined ? undefined : SECTIONS[section];
if (run === undefined || options === undefined || out === undefined) {
  process.stderr.write(
    `usage: child.ts <${Object.keys(SECTIONS).join('|')}> <options json> <out file>\n`,
  );
  process.exit(2);
}
writeFileSync(out, JSON.stringify(await run(JSON.parse(options) as never)));
