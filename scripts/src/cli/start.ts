/**
 * `pnpm start`: the whole system on localhost, without Docker.
 *
 *  1. starts moto on 127.0.0.1 (LAMBDA_STATS_MOTO_PORT, default 4566)
 *  2. builds what is stale (`turbo run build`)
 *  3. deploys the `local` stack to it (`pnpm run deploy local`, the infra wrapper)
 *  4. reads the deployment back and starts the local Lambda runtime
 *  5. opens the API's front door (LAMBDA_STATS_API_PORT, default 3000),
 *     prints the URL and a curl, writes .lambda-stats/local.json
 *
 * Ctrl-C (SIGINT) or SIGTERM stops everything it started.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { requireTool, UserFacingError } from '@lambda-stats/lambda-kit/errors';
import { findMotoServer, type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { assertPortFree } from '@lambda-stats/lambda-kit/ports';
import { stopProcessGroup } from '@lambda-stats/lambda-kit/processes';
import { startAnalyticsDemo } from '../analytics/demo';
import type { LocalScheduler } from '../analytics/scheduler';
import { noColor, processEnv } from '../env';
import { type InvokeProxy, startInvokeProxy } from '../invoke-proxy';
import {
  LOCAL_JSON,
  LOCAL_STATE,
  type LocalJson,
  OUTBOX_DIR,
  REPO_ROOT,
  readStartSettings,
  regionFromState,
  WORK_DIR,
} from '../local-config';
import { LogShipper, MetricsCollector } from '../observability';
import { sampleBody } from '../samples';
import { COMMITTED_OPENAPI, type LocalServe, serveDeployment } from '../serve-deployment';
import { type DeliveryReport, LocalSnsDelivery, listOutbox } from '../sns-delivery';

const color = process.stdout.isTTY && !noColor();
const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
const out = (line: string) => process.stdout.write(`${line}\n`);

const PHASES = 5;
async function phase<T>(n: number, title: string, run: () => Promise<T>): Promise<T> {
  out(`${bold(`[${n}/${PHASES}]`)} ${title}`);
  const started = performance.now();
  const result = await run();
  out(dim(`      done in ${((performance.now() - started) / 1000).toFixed(1)} s`));
  return result;
}

const children = new Set<ChildProcess>();
let moto: MotoServer | undefined;
let proxy: InvokeProxy | undefined;
let serve: LocalServe | undefined;
let shipper: LogShipper | undefined;
let collector: MetricsCollector | undefined;
let metricsTimer: NodeJS.Timeout | undefined;
let stopping = false;

/** Runs a command in its own process group, its output into a log file; fails with the log's tail. */
async function runLogged(
  command: string,
  args: string[],
  logName: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  await mkdir(path.join(WORK_DIR, 'logs'), { recursive: true });
  const logPath = path.join(WORK_DIR, 'logs', logName);
  const log = createWriteStream(logPath);
  const tail: string[] = [];
  // On a terminal, one status line counts the resources Terraform has created so far.
  let created = 0;
  const status = (line: string) => {
    if (!process.stdout.isTTY || !/Creation complete after/.test(line)) return;
    created += 1;
    process.stdout.write(`\r${dim(`      ${created} resources created`)}`);
  };
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (data: string) => {
      log.write(data);
      for (const line of data.split('\n')) {
        if (!line.trim()) continue;
        status(line);
        tail.push(line);
        if (tail.length > 25) tail.shift();
      }
    });
  }
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (c) => resolve(c));
  });
  children.delete(child);
  if (created) process.stdout.write('\n');
  await new Promise<void>((resolve) => log.end(() => resolve()));
  if (stopping) throw new UserFacingError('stopped');
  if (code !== 0) {
    throw new UserFacingError(
      `\`${command} ${args.join(' ')}\` failed (exit ${code}). Last lines (full log: ${logPath.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, logPath) : logPath}):\n${tail.map((l) => `  ${l}`).join('\n')}`,
    );
  }
}

let scheduler: LocalScheduler | undefined;
let delivery: LocalSnsDelivery | undefined;

const relative = (p: string) => (p.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, p) : p);

/** One line per delivered SNS message (or subscription the local stack cannot serve). */
function reportDelivery(r: DeliveryReport): void {
  const sub = r.subscription;
  if (r.kind === 'email') {
    const what =
      r.message.type === 'SubscriptionConfirmation'
        ? 'subscription confirmation (confirmed locally)'
        : (r.message.subject ?? '(no subject)');
    out(`${bold(`${sub.protocol} to ${sub.endpoint}`)}: ${what}  ${dim(`-> ${relative(r.file)}`)}`);
  } else if (r.kind === 'lambda') {
    out(
      r.error
        ? `sns -> lambda ${r.function}: failed after ${r.attempts} attempts: ${r.error}`
        : `sns -> lambda ${r.function}: delivered message ${r.messageId}`,
    );
  } else {
    out(`sns subscription ${sub.protocol}:${sub.endpoint}: not delivered (${r.reason})`);
  }
}

/** The alarm emails (Notification messages, not confirmations) in the outbox. */
const outboxNotifications = () =>
  listOutbox(OUTBOX_DIR).filter((m) => m.message.type === 'Notification').length;

async function stopAll(): Promise<void> {
  scheduler?.stop();
  stopping = true;
  await delivery?.stop().catch(() => undefined);
  await Promise.all([...children].map((c) => stopProcessGroup(c)));
  await serve?.stop().catch(() => undefined);
  clearInterval(metricsTimer);
  // the last lines and metrics reach the emulator before it stops
  await shipper?.close().catch(() => undefined);
  await collector?.flush().catch(() => undefined);
  collector?.close();
  const summary = collector?.summary() ?? [];
  if (summary.length > 0) {
    out('');
    out(bold('Invocations by function (from their EMF metric lines):'));
    for (const line of summary) out(`  ${line}`);
  }
  if (delivery) {
    const d = delivery.delivered;
    out(
      `SNS delivered: ${d.email} email message(s) to ${relative(OUTBOX_DIR)}/ (pnpm outbox lists them), ${d.lambda} Lambda invocation(s)${d.failed ? `, ${d.failed} failed` : ''}`,
    );
  }
  await moto?.stop().catch(() => undefined);
  await proxy?.close().catch(() => undefined);
  await rm(LOCAL_JSON, { force: true });
}

/** A curl for the route; signed with the emulator's keys (curl's --aws-sigv4) when the route has AWS_IAM. */
function curlFor(apiUrl: string, route: string, iam: { region: string } | undefined): string {
  const [method, routePath] = route.split(' ');
  const body = JSON.stringify(sampleBody(route));
  const sign = iam ? ` --aws-sigv4 'aws:amz:${iam.region}:execute-api' --user test:test` : '';
  return `curl -s -X ${method} ${apiUrl}${routePath}${sign} -H 'content-type: application/json' -d '${body}'`;
}

async function main(): Promise<void> {
  const settings = readStartSettings();
  requireTool('python3', 'Install Python 3.11+ (moto runs on it).');
  findMotoServer();
  requireTool(
    'terraform',
    'Install Terraform 1.11+ from https://developer.hashicorp.com/terraform/install',
  );
  if (settings.motoPort) {
    await assertPortFree(
      settings.motoPort,
      'moto, the AWS emulator',
      'set LAMBDA_STATS_MOTO_PORT to another port (0 picks a free one)',
    );
  }
  if (settings.apiPort) {
    await assertPortFree(
      settings.apiPort,
      'the API front door',
      'set LAMBDA_STATS_API_PORT to another port (0 picks a free one)',
    );
  }

  // The emulator's address is a small proxy in front of moto, which listens on
  // a free port behind it. moto's Step Functions executor invokes Lambda at
  // that address too (MOTO_PORT), so the proxy serves invocations from the
  // local runtime and forwards everything else to moto (invoke-proxy.ts). It
  // binds first (port 0: the kernel's free port, held from then on).
  proxy = await startInvokeProxy({
    target: () => moto?.endpoint,
    port: settings.motoPort || undefined,
  });
  moto = await phase(1, `Starting moto (AWS API emulator) on 127.0.0.1:${proxy.port}`, () =>
    startMoto({ motoPort: proxy!.port, executeStateMachines: true }),
  );
  const awsEndpoint = proxy!.url;
  const env = { ...processEnv(), LAMBDA_STATS_AWS_ENDPOINT: awsEndpoint, FORCE_COLOR: '0' };

  await phase(2, 'Building what is stale (turbo run build)', async () => {
    if (settings.skipBuild) return out(dim('      skipped (LAMBDA_STATS_SKIP_BUILD=1)'));
    const turbo = path.join(REPO_ROOT, 'node_modules', '.bin', 'turbo');
    await runLogged(turbo, ['run', 'build', '--output-logs=errors-only'], 'build.log', env);
  });

  await phase(
    3,
    `Deploying the local stack to ${awsEndpoint} (pnpm run deploy local)`,
    async () => {
      if (existsSync(LOCAL_STATE)) {
        // The emulator starts empty: the previous state describes the last one, which is gone.
        await rename(LOCAL_STATE, `${LOCAL_STATE}.previous`);
        out(
          dim(
            '      previous local state moved to infra/terraform.local.tfstate.previous (the emulator starts empty)',
          ),
        );
      }
      await runLogged('pnpm', ['run', 'deploy', 'local'], 'deploy.log', env);
    },
  );

  const region = regionFromState(LOCAL_STATE) ?? settings.region;
  serve = await phase(4, 'Loading the deployed functions on the local Lambda runtime', () =>
    serveDeployment({
      target: { endpoint: awsEndpoint, region },
      port: settings.apiPort,
      statePath: LOCAL_STATE,
      maxConcurrency: settings.maxConcurrency,
      log: (fn, line) => {
        shipper?.push(fn, line);
        // metric-only lines become metrics (and the summary at exit), not terminal noise
        if (collector?.observe(fn, line) === 'metrics-only') return;
        out(`${dim(`[${fn}]`)} ${line}`);
      },
      progress: (line) => out(dim(`      ${line}`)),
      invokeProxy: proxy,
    }),
  );

  const target = { endpoint: awsEndpoint, region };
  shipper = new LogShipper(
    target,
    new Map(serve.deployment.functions.map((f) => [f.name, f.logGroupName])),
    (message) => out(dim(`      ${message}`)),
  );
  collector = new MetricsCollector(target);
  metricsTimer = setInterval(() => void collector?.flush().catch(() => undefined), 1000);
  metricsTimer.unref();

  await phase(5, 'Opening the API front door; delivering SNS messages', async () => {
    // The emulator starts empty, so the last outbox describes a stack that is gone.
    if (existsSync(OUTBOX_DIR)) {
      await rm(`${OUTBOX_DIR}.previous`, { recursive: true, force: true });
      await rename(OUTBOX_DIR, `${OUTBOX_DIR}.previous`);
    }
    delivery = new LocalSnsDelivery(target, {
      outboxDir: OUTBOX_DIR,
      invoker: serve!.runtime,
      report: reportDelivery,
    });
    const subs = await delivery.sync();
    out(
      dim(
        `      ${subs.length} SNS subscription(s) delivered locally (emulator-only SQS shadows); email goes to ${relative(OUTBOX_DIR)}/`,
      ),
    );
    delivery.start((error) => out(`sns delivery: ${error.message}`));
    const local: LocalJson = { apiUrl: serve!.url, awsEndpoint, region };
    await mkdir(WORK_DIR, { recursive: true });
    await writeFile(LOCAL_JSON, `${JSON.stringify(local, null, 2)}\n`);
  });

  const api = serve.deployment.apis[0]!;
  const linregress = api.routes.find((r) => r.routeKey.endsWith(' /linregress')) ?? api.routes[0];
  out('');
  out(
    `${bold('Ready.')} API: ${bold(serve.url)}   AWS emulator: ${awsEndpoint}   (${path.relative(REPO_ROOT, LOCAL_JSON)})`,
  );
  out(`Routes: ${api.routes.map((r) => r.routeKey).join(', ')}`);
  if (existsSync(COMMITTED_OPENAPI)) out(`API document (OpenAPI 3.1): ${serve.url}/openapi.json`);
  if (api.routes.some((r) => r.routeKey === 'GET /playground')) {
    out(`Playground (open in a browser): ${bold(`${serve.url}/playground`)}`);
  }
  const iam = api.routes.some((r) => r.authorizationType === 'AWS_IAM');
  if (iam) {
    out(
      `Routes require SigV4 (AWS_IAM): sign with access key ${bold('test')}, secret ${bold('test')}, region ${region}, service execute-api; unsigned requests get 403.`,
    );
  }
  if (api.cors) out(`CORS allows: ${api.cors.allowOrigins.join(', ')}`);
  out(
    `Outbox (email sent to SNS subscriptions, one JSON file each): ${bold(`${relative(OUTBOX_DIR)}/`)}  (pnpm outbox lists them, pnpm outbox show <n> prints one)`,
  );
  if (linregress && linregress.routeKey !== '$default') {
    out('Try the seed example:');
    out(`  ${curlFor(serve.url, linregress.routeKey, iam ? { region } : undefined)}`);
  }
  out(
    dim(
      'Function logs follow (also in the emulator: pnpm logs <function> [--follow]); EMF metric lines go to its CloudWatch metrics. Ctrl-C stops everything and prints a summary per function.',
    ),
  );
  out(dim('Function logs follow. Ctrl-C stops everything.'));
  scheduler = await startAnalyticsDemo({
    target: { endpoint: awsEndpoint, region },
    statePath: LOCAL_STATE,
    out,
  }).catch((error: Error) => {
    out(`analytics demo: ${error.message}`);
    return undefined;
  });
  if (scheduler && delivery) {
    // the runs' alarms were published as their executions finished: deliver them before the summary
    await delivery.flush().catch(() => undefined);
    out(
      `analytics demo: ${outboxNotifications()} alarm email(s) in ${relative(OUTBOX_DIR)}/ (pnpm outbox), results at ${serve.url}/analyses/<name>/results?series=meter-004&flagged=true`,
    );
  }
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  out(`\n${signal}: stopping the front door, the runtime workers and moto...`);
  await stopAll();
  out('stopped.');
  process.exit(0);
}
// With the terminal gone (SIGHUP), writes fail: never let that stop the clean-up.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

/**
 * pnpm does not pass SIGTERM down its chain of scripts (pnpm -> sh -> pnpm ->
 * tsx -> node): when `pnpm start` is killed, this process would live on.
 * So watch the launching processes and stop everything once one of them is gone.
 */
function watchAncestors(): void {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 8) {
    chain.push(pid);
    const r = spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
    const next = Number(r.stdout?.trim());
    if (!Number.isInteger(next) || next === pid) break;
    pid = next;
  }
  const alive = (p: number) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  setInterval(() => {
    if (chain.some((p) => !alive(p))) void shutdown('parent process exited');
  }, 500).unref();
}
watchAncestors();

main().catch(async (error: unknown) => {
  if (stopping) return;
  await stopAll();
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `\nlambda-stats start: ${error instanceof UserFacingError ? '' : 'error: '}${message}\n`,
  );
  process.exit(1);
});
