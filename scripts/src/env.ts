/**
 * Everything the scripts read from the environment, read here only (the
 * local stack's settings are validated in local-config.ts, which reads them
 * through this module).
 */

/** The environment as this process received it (children inherit a copy of it). */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}

const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** One variable, trimmed; undefined when unset or blank. */
export function envValue(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return nonEmpty(env[name]);
}

/** Where the user typed the command: pnpm runs scripts from the package directory and sets INIT_CWD. */
export function invokingCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}

/** NO_COLOR (https://no-color.org): any value switches colour off. */
export const noColor = (): boolean => Boolean(process.env.NO_COLOR);

/** LAMBDA_STATS_WORKER_NODE: another Node binary for the local runtime's workers (e.g. a Node 22 to match nodejs22.x). */
export const workerNode = (): string => process.env.LAMBDA_STATS_WORKER_NODE || process.execPath;

/** PATH, for the sandbox environment the local runtime builds. */
export const searchPath = (): string => process.env.PATH ?? '/usr/bin:/bin';

/** The AWS SDK's Node 20 deprecation notice is noise on every local command. */
export function silenceAwsSdkNodeWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
