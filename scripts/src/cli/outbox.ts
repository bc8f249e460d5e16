/**
 * `pnpm outbox`: the email the local stack delivered for SNS email and
 * email-json subscriptions (.lambda-stats/outbox/, one JSON file each).
 *
 *   pnpm outbox [list] [--json]   one line per message, oldest first (or all as JSON)
 *   pnpm outbox show <n|last>     one message as the recipient would read it
 *
 * Exit 0, or 2 for a usage error (an unknown command, a number out of range).
 */
import path from 'node:path';
import { parseCommand } from '@lambda-stats/lambda-kit/cli';
import { OUTBOX_DIR, REPO_ROOT } from '../local-config';
import { listOutbox } from '../sns-delivery';
import { printColumns } from './columns';

const USAGE = 'usage: pnpm outbox [list] [--json] | pnpm outbox show <n|last>';

function main(argv: string[]): number {
  const parsed = parseCommand(
    { args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } },
    USAGE,
    'lambda-stats outbox: ',
  );
  if (typeof parsed === 'number') return parsed;
  const [command = 'list', which, ...rest] = parsed.positionals;
  const dir = OUTBOX_DIR.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, OUTBOX_DIR) : OUTBOX_DIR;
  const messages = listOutbox(OUTBOX_DIR);
  if (command === 'list' && which === undefined) {
    if (parsed.values.json) {
      console.log(
        JSON.stringify(
          messages.map((m) => ({ file: m.file, ...m.message })),
          null,
          2,
        ),
      );
      return 0;
    }
    if (messages.length === 0) {
      console.log(
        `the outbox (${dir}/) is empty: email arrives here once \`pnpm start\` runs and an SNS topic with email subscriptions gets a message`,
      );
      return 0;
    }
    const rows = messages.map((m, i) => [
      String(i + 1),
      m.message.deliveredAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      m.message.type === 'Notification' ? m.message.protocol : 'confirmation',
      m.message.to,
      m.message.email.subject,
    ]);
    const head = ['#', 'delivered (UTC)', 'kind', 'to', 'subject'];
    printColumns(head, rows);
    console.log(`${messages.length} message(s) in ${dir}/; pnpm outbox show <#> prints one`);
    return 0;
  }
  if (command === 'show' && which !== undefined && rest.length === 0) {
    const n = which === 'last' ? messages.length : Number(which);
    if (!Number.isInteger(n) || n < 1 || n > messages.length) {
      console.error(
        messages.length === 0
          ? `the outbox (${dir}/) is empty`
          : `show ${which}: give a number from 1 to ${messages.length} (see pnpm outbox), or last`,
      );
      return 2;
    }
    const { file, message: m } = messages[n - 1]!;
    console.log(`From: ${m.email.from}`);
    console.log(`To: ${m.to}`);
    console.log(`Date: ${m.deliveredAt}`);
    console.log(`Subject: ${m.email.subject}`);
    console.log(`File: ${file}`);
    console.log('');
    console.log(m.email.body);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
