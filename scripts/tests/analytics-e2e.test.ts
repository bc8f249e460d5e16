/**
 * The scheduled analyses end to end, as a newcomer meets them:
 * `pnpm start` (free ports, its own work dir) deploys the local stack with
 * the demo analysis pair, uploads the generated meters, fires both
 * analyses and delivers their alarms. Then:
 * - the results are in the DynamoDB table and answer through the API;
 * - the outbox holds the email subscriptions' confirmations and the
 *   smart-alarms alarm naming every injected spike (the demo generator
 *   knows where they are) and the step change;
 * - `pnpm schedule run smart-alarms` (a second run over the same period)
 *   SUCCEEDS, replaces the results rather than adding rows, and sends no
 *   second alarm.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/analytics/demo-data';
import { clientConfig } from '../src/aws';
import { listOutbox, type OutboxMessage } from '../src/sns-delivery';
import {
  type LocalStack,
  localStackEnv,
  SCRIPTS_DIR,
  startLocalStack,
  TSX,
} from './support/local-stack';

const demo = generateDemoData();
const spikes = demo.anomalies.filter((a) => a.kind === 'spike');
const step = demo.anomalies.find((a) => a.kind === 'step')!;

let stack: LocalStack;
let outboxDir: string;

/** Waits until `ready` holds, checking every 250 ms, or fails with the stack's output. */
async function waitFor(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; pnpm start printed:\n${stack.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const notifications = (): OutboxMessage[] =>
  listOutbox(outboxDir)
    .map((m) => m.message)
    .filter((m) => m.type === 'Notification');

/** The flagged (series, period) pairs an alarm email lists. */
const listed = (m: OutboxMessage) =>
  [...m.message.matchAll(/^ {2}(\S+) {2}(\d{4}-\S+Z) {2}actual/gm)].map(
    ([, series, period]) => `${series}@${new Date(period!).toISOString()}`,
  );

/** What the analyses API answers (docs/analytics-runs.md#api), as far as this test reads it. */
interface ApiAnswer {
  results: { period: string }[];
  runs: { status: string }[];
}

async function getJson(url: string): Promise<{ status: number; body: ApiAnswer }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as ApiAnswer };
}

async function resultsTable(): Promise<string> {
  const dynamo = new DynamoDBClient(
    clientConfig({ endpoint: stack.awsEndpoint, region: stack.region }),
  );
  try {
    const { TableNames } = await dynamo.send(new ListTablesCommand({}));
    return TableNames!.find((t) => t.endsWith('-analysis-results'))!;
  } finally {
    dynamo.destroy();
  }
}

async function storedResults(series: string): Promise<number> {
  const dynamo = new DynamoDBClient(
    clientConfig({ endpoint: stack.awsEndpoint, region: stack.region }),
  );
  try {
    const r = await dynamo.send(
      new QueryCommand({
        TableName: await resultsTable(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `smart-alarms#${series}` } },
        Select: 'COUNT',
      }),
    );
    return r.Count ?? 0;
  } finally {
    dynamo.destroy();
  }
}

beforeAll(async () => {
  // the deploy alone took 166 s at load average 36 on the shared 2-core machine
  stack = await startLocalStack({ timeoutMs: 480_000 });
  outboxDir = path.join(stack.work, 'work', 'outbox');
  // both demo runs finished and their alarms were delivered: pnpm start says so
  await waitFor(
    'the demo analyses and their alarms',
    () => /analytics demo: \d+ alarm email\(s\)/.test(stack.output()),
    420_000,
  );
}, 960_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the demo analyses on the local stack', () => {
  it('both runs SUCCEEDED, and pnpm start printed each delivered email', () => {
    const out = stack.output();
    expect(out).toMatch(/analysis smart-alarms: SUCCEEDED/);
    expect(out).toMatch(/analysis smart-targets: SUCCEEDED/);
    expect(out).toMatch(
      /email to alarms@example\.com: \[lambda-stats\] smart-alarms: \d+ anomalies/,
    );
    expect(out).toMatch(/Outbox \(email sent to SNS subscriptions/);
  });

  it('the results are in the table and answer through the API', async () => {
    const spike = spikes[0]!;
    expect(await storedResults(spike.series)).toBe(7 * 48);
    const r = await getJson(
      `${stack.apiUrl}/analyses/smart-alarms/results?series=${spike.series}&flagged=true`,
    );
    expect(r.status).toBe(200);
    const periods = r.body.results.map((x) => new Date(x.period).toISOString());
    expect(periods).toContain(spike.timestamp);
    const targets = await getJson(
      `${stack.apiUrl}/analyses/smart-targets/results?series=${spike.series}`,
    );
    expect(targets.status).toBe(200);
    expect(targets.body.results.length).toBe(48);
  });

  it('the outbox holds the confirmations and the smart-alarms alarm with every injected spike and the step', () => {
    const all = listOutbox(outboxDir).map((m) => m.message);
    expect(
      all
        .filter((m) => m.type === 'SubscriptionConfirmation')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['alarms@example.com', 'energy-team@example.com']);
    const alarms = notifications().filter((m) => m.to === 'alarms@example.com');
    // the filter policy {"analysis": ["smart-alarms"]} keeps the other analysis's alarm away
    expect(alarms.every((m) => m.messageAttributes.analysis?.Value === 'smart-alarms')).toBe(true);
    expect(alarms).toHaveLength(1);
    const pairs = listed(alarms[0]!);
    for (const s of spikes)
      expect(pairs, `spike ${s.series}`).toContain(`${s.series}@${s.timestamp}`);
    expect(pairs.some((p) => p.startsWith(`${step.series}@`))).toBe(true);
    expect(alarms[0]!.email.subject).toMatch(
      /^\[lambda-stats\] smart-alarms: \d+ anomalies in \d+ series$/,
    );
  });

  it('a second run over the same period replaces the results and sends no second alarm', async () => {
    const before = notifications().length;
    const spike = spikes[0]!;
    const { stdout } = await promisify(execFile)(
      TSX,
      ['src/cli/schedule.ts', 'run', 'smart-alarms'],
      {
        cwd: SCRIPTS_DIR,
        env: localStackEnv(stack.work),
        timeout: 300_000,
      },
    );
    expect(stdout).toMatch(/smart-alarms: SUCCEEDED/);
    const runs = await getJson(`${stack.apiUrl}/analyses/smart-alarms/runs`);
    expect(runs.body.runs.filter((r) => r.status === 'SUCCEEDED')).toHaveLength(2);
    expect(await storedResults(spike.series)).toBe(7 * 48);
    // the delivery polls every 0.5 s: give it a few passes to show nothing arrives
    await new Promise((r) => setTimeout(r, 3000));
    expect(notifications()).toHaveLength(before);
  });
});
