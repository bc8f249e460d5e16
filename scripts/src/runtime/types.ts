/** The runtime's error payload, as Lambda returns it for a function error. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** A function's configuration as the emulator reports it (GetFunction). */
export interface FunctionConfiguration {
  name: string;
  arn: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  /** Layer version ARNs, in the order they are attached. */
  layers: string[];
  version: string;
  /** Reserved concurrency when the function has one. */
  reservedConcurrency?: number;
  logGroupName: string;
}

/** A function as deployed, read back from the emulator, with its code on disk. */
export interface FunctionSpec extends FunctionConfiguration {
  /** Folder holding the unpacked function code (the task root). */
  taskRoot: string;
  /** Folder holding the layers unpacked in order (the /opt of this function). */
  optDir: string;
  /** The runtime's own node_modules (the AWS SDK), on NODE_PATH as /var/runtime/node_modules is. */
  runtimeModules?: string;
  /** Folder used as this function's /tmp. */
  tmpDir: string;
  region: string;
}

/** The outcome of one invocation, as the Lambda Invoke API would describe it. */
export type InvokeOutcome =
  | { kind: 'success'; payload: unknown; requestId: string }
  | { kind: 'functionError'; error: LambdaErrorPayload; requestId: string }
  | { kind: 'throttled'; message: string; requestId: string };

/** Where function logs go: one line at a time, tagged with the function name. */
export type LogSink = (functionName: string, line: string) => void;
