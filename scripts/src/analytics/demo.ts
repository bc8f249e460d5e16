/**
 * The local stack's analytics demo: upload the generated meter
 * data to each deployed analysis's input prefix, start the scheduler clock,
 * fire every analysis once, and report the runs and the quality figures.
 */
import { readFileSync } from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, type EmulatorTarget } from '../aws';
import { generateDemoData } from './demo-data';
import { fire, LocalScheduler, readSchedules, waitForExecution } from './scheduler';

/** The data bucket's name, from the Terraform state's outputs. */
export function dataBucketFromState(statePath: string): string | undefined {
  try {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
      outputs?: Record<string, { value?: unknown }>;
    };
    const value = state.outputs?.data_bucket?.value;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function startAnalyticsDemo(options: {
  target: EmulatorTarget;
  statePath: string;
  out: (line: string) => void;
}): Promise<LocalScheduler | undefined> {
  const { target, out } = options;
  const schedules = (await readSchedules(target)).filter((s) => s.group.endsWith('-analyses'));
  if (schedules.length === 0) return undefined;
  const bucket = dataBucketFromState(options.statePath);
  if (!bucket)
    throw new Error('the Terraform state has no data_bucket output: redeploy with `pnpm start`');
  const data = generateDemoData();
  const s3 = new S3Client(clientConfig(target));
  for (const s of schedules) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `analyses/${s.name}/input/demo.csv`,
        Body: data.csv,
        ContentType: 'text/csv',
      }),
    );
  }
  out(
    `analytics demo: ${data.series.length} meters x ${data.readings} readings uploaded to s3://${bucket}/analyses/<name>/input/demo.csv`,
  );
  const scheduler = new LocalScheduler(target, schedules, (s, r) =>
    out(
      r instanceof Error
        ? `schedule ${s.name}: firing failed: ${r.message}`
        : `schedule ${s.name} fired: ${r}`,
    ),
  );
  scheduler.start();
  // fire each once now, as a newcomer would with `pnpm schedule run <name>`
  await Promise.all(
    schedules.map(async (s) => {
      const arn = await fire(target, s, new Date());
      const done = await waitForExecution(target, arn, 240_000);
      out(`analysis ${s.name}: ${done.status}${done.error ? ` (${done.error})` : ''}`);
    }),
  );
  return scheduler;
}
