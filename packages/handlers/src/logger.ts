/**
 * Structured JSON logs, one line per call, with the fields the Powertools for
 * AWS Lambda logger writes (level, message, timestamp, service, cold_start,
 * function_arn, function_memory_size, function_name, function_request_id,
 * xray_trace_id), then the caller's fields.
 *
 * Why not Powertools itself: measured, loading it cost 6-8 ms of every cold
 * start (it loads node:crypto, node:console and async_hooks, and builds its
 * stores at module load), about a third of the function bundle's init, for
 * features these handlers do not use (buffering, sampling, correlation ids,
 * middleware). This file loads in microseconds and touches nothing until the
 * first line it writes. Any object with `info`/`error` (a Powertools Logger
 * included) can still be passed to createHandler.
 *
 * The level comes from AWS_LAMBDA_LOG_LEVEL (Lambda's advanced logging
 * controls), else POWERTOOLS_LOG_LEVEL, else LOG_LEVEL, else INFO; SILENT
 * writes nothing. INFO and DEBUG go to stdout, WARN and ERROR to stderr, as
 * Powertools does, written synchronously to the file descriptor (see
 * {@link writeToDescriptor}).
 */
import { writeSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { loggerEnv } from './env';

export type LogFields = Record<string, unknown>;

/** What createHandler needs from a logger. */
export interface StructuredLogger {
  info(message: string, ...fields: LogFields[]): void;
  error(message: string, ...fields: LogFields[]): void;
  addContext?(context: Context): void;
  /** Whether a line at this level would be written (lets metrics ride on it). */
  writes?(level: 'INFO' | 'ERROR'): boolean;
}

const LEVELS = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 };
type LevelName = keyof typeof LEVELS;

function threshold(env: NodeJS.ProcessEnv): number {
  for (const key of ['AWS_LAMBDA_LOG_LEVEL', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL']) {
    const name = env[key]?.trim().toUpperCase();
    if (name !== undefined && name !== '' && name in LEVELS) return LEVELS[name as LevelName];
  }
  return LEVELS.INFO;
}

/** An Error as Powertools prints it: name, message, stack (and its cause). */
function errorFields(err: Error): LogFields {
  const out: LogFields = { name: err.name, message: err.message, stack: err.stack };
  if (err.cause !== undefined) {
    out.cause = err.cause instanceof Error ? errorFields(err.cause) : err.cause;
  }
  return out;
}

/** Where a finished line (newline included) goes. */
export type LogSink = (stream: 'stdout' | 'stderr', line: string) => void;

let streamsOnly = false;

/**
 * Writes the line with fs.writeSync on fd 1 or 2. The first use of
 * process.stdout builds Node's stream machinery, measured at about 3 ms of
 * a cold start, for nothing a one-line write needs. If a write fails (a
 * non-blocking pipe that is full gives EAGAIN), the rest of the line and
 * every later one go through process.stdout / process.stderr instead, so
 * lines stay whole and in order and a log line never fails a request.
 */
export const writeToDescriptor: LogSink = (stream, line) => {
  // process.stdout / stderr are getters that build the stream: touch them only when needed.
  const viaStream = (text: string | Buffer) =>
    (stream === 'stdout' ? process.stdout : process.stderr).write(text);
  if (streamsOnly) {
    viaStream(line);
    return;
  }
  const bytes = Buffer.from(line);
  let written = 0;
  try {
    while (written < bytes.length) {
      written += writeSync(stream === 'stdout' ? 1 : 2, bytes, written);
    }
  } catch (err) {
    // EAGAIN (a full non-blocking pipe) or anything else: the stream reports
    // its own errors asynchronously, as console.log would.
    void err;
    streamsOnly = true;
    viaStream(bytes.subarray(written));
  }
};

export class JsonLogger implements StructuredLogger {
  readonly #service: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #threshold: number;
  readonly #sink: LogSink;
  #context: LogFields = {};
  #invocations = 0;

  constructor(options: { serviceName: string; env?: NodeJS.ProcessEnv; sink?: LogSink }) {
    this.#service = options.serviceName;
    this.#env = options.env ?? loggerEnv();
    this.#threshold = threshold(this.#env);
    this.#sink = options.sink ?? writeToDescriptor;
  }

  /** Called once per invocation: the Lambda context fields for the lines that follow. */
  addContext(context: Context): void {
    this.#invocations += 1;
    const trace = /Root=([^;]+)/.exec(this.#env._X_AMZN_TRACE_ID ?? '')?.[1];
    this.#context = {
      cold_start: this.#invocations === 1,
      function_arn: context.invokedFunctionArn,
      function_memory_size: context.memoryLimitInMB,
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
      xray_trace_id: trace,
    };
  }

  writes(level: 'INFO' | 'ERROR'): boolean {
    return LEVELS[level] >= this.#threshold;
  }

  info(message: string, ...fields: LogFields[]): void {
    this.#write('INFO', message, fields);
  }

  error(message: string, ...fields: LogFields[]): void {
    this.#write('ERROR', message, fields);
  }

  #write(level: LevelName, message: string, fields: LogFields[]): void {
    if (LEVELS[level] < this.#threshold) return;
    const line: LogFields = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.#service,
      ...this.#context,
    };
    for (const extra of fields) {
      for (const [k, v] of Object.entries(extra)) {
        if (!(k in line)) line[k] = v instanceof Error ? errorFields(v) : v; // own keys win, as in Powertools
      }
    }
    const text = `${JSON.stringify(line)}\n`;
    this.#sink(LEVELS[level] >= LEVELS.WARN ? 'stderr' : 'stdout', text);
  }
}
