/**
 * `pnpm outbox`: lists the local stack's delivered email oldest first,
 * shows one as its recipient reads it, prints all as JSON, and answers a
 * wrong number or command with one line and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmationMessage,
  outboxMessage,
  type SnsSubscription,
  writeOutbox,
} from '../src/sns-delivery';

const SCRIPTS_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = path.join(SCRIPTS_DIR, 'node_modules', '.bin', 'tsx');
const work = mkdtempSync(path.join(tmpdir(), 'lambda-stats-outbox-cli-'));

const sub: SnsSubscription = {
  arn: 'arn:aws:sns:us-east-1:123456789012:alarms:0b1c',
  topicArn: 'arn:aws:sns:us-east-1:123456789012:alarms',
  protocol: 'email',
  endpoint: 'ops@example.com',
  pendingConfirmation: false,
};

function outbox(...args: string[]) {
  const r = spawnSync(TSX, ['src/cli/outbox.ts', ...args], {
    cwd: SCRIPTS_DIR,
    env: { ...process.env, LAMBDA_STATS_WORK_DIR: work },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  const dir = path.join(work, 'outbox');
  await writeOutbox(dir, confirmationMessage(sub, new Date('2026-12-06T10:00:00Z')));
  await writeOutbox(
    dir,
    outboxMessage(
      sub,
      {
        Type: 'Notification',
        MessageId: 'a1b2c3d4-0000-4000-8000-000000000000',
        TopicArn: sub.topicArn,
        Subject: '[lambda-stats] smart-alarms: 1 anomaly in 1 series',
        Message: 'meter-004  2026-11-24T08:30:00.000Z  score 6.2',
        Timestamp: '2026-12-06T10:00:01.000Z',
      },
      new Date('2026-12-06T10:00:01.500Z'),
    ),
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pnpm outbox', () => {
  it('lists the messages oldest first', () => {
    const r = outbox();
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^#\s+delivered \(UTC\)\s+kind\s+to\s+subject$/);
    expect(lines[1]).toMatch(
      /^1\s+2026-12-06 10:00:00Z\s+confirmation\s+ops@example.com\s+AWS Notification - Subscription Confirmation/,
    );
    expect(lines[2]).toMatch(
      /^2\s+2026-12-06 10:00:01Z\s+email\s+ops@example.com\s+\[lambda-stats\] smart-alarms: 1 anomaly in 1 series$/,
    );
    expect(lines[3]).toMatch(/^2 message\(s\) in .*outbox\/; pnpm outbox show <#> prints one$/);
  });

  it('shows one as the recipient reads it: headers, the message, the unsubscribe footer', () => {
    const r = outbox('show', 'last');
    expect(r.code).toBe(0);
    expect(r.out).toContain('To: ops@example.com\n');
    expect(r.out).toContain('Subject: [lambda-stats] smart-alarms: 1 anomaly in 1 series\n');
    expect(r.out).toContain(
      '\nmeter-004  2026-11-24T08:30:00.000Z  score 6.2\n\n--\nIf you wish to stop receiving',
    );
  });

  it('prints every message as JSON with its file', () => {
    const r = outbox('--json');
    const all = JSON.parse(r.out) as { type: string; file: string }[];
    expect(all.map((m) => m.type)).toEqual(['SubscriptionConfirmation', 'Notification']);
    expect(all[1]!.file).toMatch(/2026-12-06T10-00-01-500Z-email-a1b2c3d4\.json$/);
  });

  it.each([
    [['show', '3'], 'show 3: give a number from 1 to 2 (see pnpm outbox), or last'],
    [['show'], 'usage: pnpm outbox'],
    [['send'], 'usage: pnpm outbox'],
    [['--all'], "Unknown option '--all'"],
  ])('%j -> one line and exit 2', (args, message) => {
    const r = outbox(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });
});
