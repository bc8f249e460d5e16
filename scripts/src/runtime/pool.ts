import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { searchPath, workerNode } from '../env';
import type { FunctionSpec, InvokeOutcome, LambdaErrorPayload, LogSink } from './types';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.mjs', import.meta.url));
/** Lambda gives the init phase 10 s on its own before the invocation's clock starts. */
const INIT_TIMEOUT_MS = 10_000;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'initError'; error: LambdaErrorPayload }
  | {
      type: 'result';
      id: string;
      ok: boolean;
      payload?: unknown;
      error?: LambdaErrorPayload;
      maxRssKb?: number;
      /** The worker exits after this result (an error escaped the handler). */
      fatal?: boolean;
    };

interface Worker {
  child: ChildProcess;
  busy: boolean;
  /** Init duration in ms, reported once on the first invocation (cold start). */
  initDurationMs?: number;
  ready: Promise<void>;
  dead: boolean;
  /** Init finished: the worker can take invocations. */
  isReady: boolean;
  /** Has served an invocation (the first one reports the init duration). */
  served: boolean;
  logStream: string;
  onResult?: (message: Extract<WorkerMessage, { type: 'result' }>) => void;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * The environment the Node.js managed runtime gives a function: reserved
 * variables first, the function's own variables never overriding them.
 */
export function lambdaEnvironment(spec: FunctionSpec): Record<string, string> {
  const logStream = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[${spec.version}]${randomUUID().replaceAll('-', '')}`;
  const major = spec.runtime.match(/^nodejs(\d+)/)?.[1] ?? '22';
  const reserved: Record<string, string> = {
    _HANDLER: spec.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    LAMBDA_TASK_ROOT: spec.taskRoot,
    LAMBDA_RUNTIME_DIR: fileURLToPath(new URL('.', import.meta.url)),
    NODE_PATH: [
      `${spec.optDir}/nodejs/node${major}/node_modules`,
      `${spec.optDir}/nodejs/node_modules`,
      ...(spec.runtimeModules ? [spec.runtimeModules] : []),
      spec.taskRoot,
    ].join(':'),
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    TMPDIR: spec.tmpDir,
    PATH: `${spec.optDir}/bin:${searchPath()}`,
    LD_LIBRARY_PATH: `${spec.optDir}/lib`,
  };
  // The workers may run on an older Node than the deployed runtime (see
  // LAMBDA_STATS_WORKER_NODE); the AWS SDK's warning about that is this
  // machine's, not the function's, so it is off unless the function sets it.
  return { ...LOCAL_ONLY, ...spec.environment, ...reserved };
}

/** Set for every local function, overridable by its own variables. */
const LOCAL_ONLY: Record<string, string> = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** V8 heap limits the managed runtime derives from the memory setting. */
export function memoryArgs(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    `--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

interface Job {
  event: unknown;
  requestId: string;
  resolve: (outcome: InvokeOutcome) => void;
}

/**
 * The execution environments of one function: cold-started on demand,
 * reused warm, killed on timeout or crash. At most `maxConcurrency`
 * invocations run or wait at once; beyond that a request is throttled (429).
 * A request that finds every worker busy starts a new one and is served by
 * the first worker free (its new one, or a warm one finishing first); at most
 * `maxColdStarts` workers initialize at once, so a burst does not start one
 * process per request on a small machine.
 */
export class FunctionPool {
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private initializing = 0;
  private closed = false;
  readonly maxColdStarts: number;

  constructor(
    readonly spec: FunctionSpec,
    private readonly log: LogSink,
    readonly maxConcurrency: number,
    maxColdStarts = Math.max(2, availableParallelism()),
  ) {
    this.maxColdStarts = maxColdStarts;
  }

  get size(): number {
    return this.workers.size;
  }

  invoke(event: unknown, requestId: string = randomUUID()): Promise<InvokeOutcome> {
    if (this.closed) throw new Error(`function ${this.spec.name} is shut down`);
    const running = [...this.workers].filter((w) => w.busy).length;
    if (running + this.queue.length >= this.maxConcurrency) {
      return Promise.resolve({
        kind: 'throttled',
        requestId,
        message: `Rate Exceeded. ${this.spec.name} already has ${running + this.queue.length} concurrent invocations (limit ${this.maxConcurrency}).`,
      });
    }
    return new Promise((resolve) => {
      this.queue.push({ event, requestId, resolve });
      this.pump();
    });
  }

  /** Hands waiting requests to free workers, and starts workers for the rest. */
  private pump(): void {
    if (this.closed) return;
    for (const worker of this.workers) {
      if (this.queue.length === 0) break;
      if (worker.isReady && !worker.busy && !worker.dead)
        void this.dispatch(worker, this.queue.shift()!);
    }
    while (
      this.queue.length > this.initializing &&
      this.initializing < this.maxColdStarts &&
      this.workers.size < this.maxConcurrency
    ) {
      this.spawn();
    }
  }

  private async dispatch(worker: Worker, job: Job): Promise<void> {
    worker.busy = true;
    const outcome = await this.run(worker, job.event, job.requestId);
    worker.busy = false;
    job.resolve(outcome);
    this.pump();
  }

  /** A worker failed its init: the request waiting longest gets the error, as on Lambda. */
  private initFailed(worker: Worker, payload: LambdaErrorPayload): void {
    const { spec } = this;
    this.kill(worker);
    this.log(
      spec.name,
      `INIT_REPORT Init Duration: ${ms(worker.initDurationMs ?? 0)} Phase: init Status: error Error Type: ${payload.errorType}`,
    );
    const job = this.queue.shift();
    if (job) {
      const id = job.requestId;
      this.log(spec.name, `START RequestId: ${id} Version: ${spec.version}`);
      this.log(spec.name, `END RequestId: ${id}`);
      this.log(
        spec.name,
        `REPORT RequestId: ${id} Duration: 0.00 ms Billed Duration: 0 ms Memory Size: ${spec.memoryMb} MB Max Memory Used: 0 MB Status: error Error Type: ${payload.errorType}`,
      );
      job.resolve({ kind: 'functionError', requestId: id, error: payload });
    }
    this.pump();
  }

  private spawn(): Worker {
    const spec = this.spec;
    const started = performance.now();
    const env = lambdaEnvironment(spec);
    const child = fork(WORKER_SCRIPT, [], {
      cwd: spec.taskRoot,
      env,
      execArgv: memoryArgs(spec.memoryMb),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      execPath: workerNode(),
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        createInterface({ input: stream }).on('line', (line) => this.log(spec.name, line));
    }
    const worker: Worker = {
      child,
      busy: false,
      dead: false,
      isReady: false,
      served: false,
      logStream: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
      ready: Promise.resolve(),
    };
    worker.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject({
          errorType: 'Sandbox.Timedout',
          errorMessage: `INIT phase timed out after ${INIT_TIMEOUT_MS / 1000} seconds`,
        });
      }, INIT_TIMEOUT_MS);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          worker.initDurationMs = performance.now() - started;
          resolve();
        } else if (message.type === 'initError') {
          clearTimeout(timer);
          worker.initDurationMs = performance.now() - started;
          reject(message.error);
        } else if (message.type === 'result') {
          worker.onResult?.(message);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        worker.dead = true;
        this.workers.delete(worker);
        reject({
          errorType: 'Runtime.ExitError',
          errorMessage: `Runtime exited during init (${signal ?? `exit status ${code}`})`,
        });
        worker.onExit?.(code, signal);
      });
    });
    this.initializing += 1;
    worker.ready.then(
      () => {
        this.initializing -= 1;
        worker.isReady = true;
        this.pump();
      },
      (error: LambdaErrorPayload) => {
        this.initializing -= 1;
        this.initFailed(worker, error);
      },
    );
    this.workers.add(worker);
    return worker;
  }

  private kill(worker: Worker): void {
    worker.dead = true;
    this.workers.delete(worker);
    if (worker.child.exitCode === null && worker.child.signalCode === null)
      worker.child.kill('SIGKILL');
  }

  private async run(worker: Worker, event: unknown, requestId: string): Promise<InvokeOutcome> {
    const { spec } = this;
    const cold = !worker.served;
    worker.served = true;
    this.log(spec.name, `START RequestId: ${requestId} Version: ${spec.version}`);
    const start = performance.now();
    const timeoutMs = spec.timeoutSeconds * 1000;
    const result = await new Promise<
      Extract<WorkerMessage, { type: 'result' }> | LambdaErrorPayload
    >((resolve) => {
      const timer = setTimeout(() => {
        this.kill(worker);
        resolve({
          errorType: 'Sandbox.Timedout',
          errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`,
        });
      }, timeoutMs);
      worker.onResult = (message) => {
        if (message.id !== requestId) return;
        clearTimeout(timer);
        resolve(message);
      };
      worker.onExit = (code, signal) => {
        clearTimeout(timer);
        resolve({
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
        });
      };
      worker.child.send({
        type: 'invoke',
        id: requestId,
        event,
        deadlineMs: Date.now() + timeoutMs,
        traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)};Sampled=0`,
        context: {
          awsRequestId: requestId,
          functionName: spec.name,
          functionVersion: spec.version,
          invokedFunctionArn: spec.arn,
          memoryLimitInMB: String(spec.memoryMb),
          logGroupName: spec.logGroupName,
          logStreamName: worker.logStream,
        },
      });
    });
    worker.onResult = undefined;
    worker.onExit = undefined;
    const duration = performance.now() - start;
    const maxRssMb = 'type' in result && result.maxRssKb ? Math.round(result.maxRssKb / 1024) : 0;
    const failed = !('type' in result) ? result : result.ok ? undefined : result.error;
    if ('type' in result && result.fatal) this.kill(worker);
    if (!('type' in result)) {
      if (result.errorType === 'Sandbox.Timedout') this.log(spec.name, result.errorMessage);
      this.kill(worker);
    }
    this.log(spec.name, `END RequestId: ${requestId}`);
    const init = cold ? ` Init Duration: ${ms(worker.initDurationMs ?? 0)}` : '';
    const status =
      failed && !('type' in result)
        ? ` Status: ${result.errorType === 'Sandbox.Timedout' ? 'timeout' : 'error'}`
        : '';
    this.log(
      spec.name,
      `REPORT RequestId: ${requestId} Duration: ${ms(duration)} Billed Duration: ${Math.ceil(duration)} ms Memory Size: ${spec.memoryMb} MB Max Memory Used: ${maxRssMb} MB${init}${status}`,
    );
    if (failed) return { kind: 'functionError', requestId, error: failed as LambdaErrorPayload };
    return {
      kind: 'success',
      requestId,
      payload: (result as { payload?: unknown }).payload ?? null,
    };
  }

  /** Stops every worker of this function and waits for them to exit. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.resolve({
        kind: 'functionError',
        requestId: job.requestId,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: 'the local runtime is shutting down',
        },
      });
    }
    const exits = [...this.workers].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
          w.child.once('exit', () => resolve());
          w.child.kill('SIGKILL');
        }),
    );
    this.workers.clear();
    await Promise.all(exits);
  }

  /** Process ids of the live workers (for tests that check nothing is left behind). */
  pids(): number[] {
    return [...this.workers].map((w) => w.child.pid).filter((p): p is number => p !== undefined);
  }
}
