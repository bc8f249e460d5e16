import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '@lambda-stats/lambda-kit/errors';
import type { EmulatorTarget } from './aws';
import { type Deployment, readDeployment, unsupportedSettings } from './deployment';
import { type FrontDoor, startFrontDoor } from './frontdoor';
import type { InvokeProxy } from './invoke-proxy';
import { REPO_ROOT } from './local-config';
import { LocalRuntime } from './runtime/runtime';
import type { LogSink } from './runtime/types';

export interface LocalServeOptions {
  target: EmulatorTarget;
  /** Front door port on 127.0.0.1 (0: a free one). */
  port?: number;
  statePath?: string;
  maxConcurrency?: number;
  /** Which HTTP API to serve when the emulator holds several (by name). */
  apiName?: string;
  log: LogSink;
  progress?: (line: string) => void;
  access?: (line: string) => void;
  /** The API document served at GET /openapi.json (default: the committed one, if present). */
  openapiPath?: string;
  /** The invoke proxy moto's Step Functions executor calls (see invoke-proxy.ts): served from this runtime. */
  invokeProxy?: InvokeProxy;
}

/** The OpenAPI document the handlers package commits, generated from its schemas. */
export const COMMITTED_OPENAPI = path.join(REPO_ROOT, 'packages', 'handlers', 'openapi.gen.json');

/** A deployed setting the local stack cannot emulate: `pnpm start` stops with this one line. */
export class UnsupportedSettingError extends UserFacingError {
  override name = 'UnsupportedSettingError';
}

export interface LocalServe {
  url: string;
  port: number;
  deployment: Deployment;
  runtime: LocalRuntime;
  stop(): Promise<void>;
}

/**
 * Reads what was deployed to the emulator, loads every function on the local
 * runtime and opens the HTTP API's front door.
 */
export async function serveDeployment(options: LocalServeOptions): Promise<LocalServe> {
  const deployment = await readDeployment(options.target);
  const candidates = options.apiName
    ? deployment.apis.filter((a) => a.name === options.apiName)
    : deployment.apis;
  if (candidates.length !== 1) {
    const names = deployment.apis.map((a) => a.name).join(', ') || 'none';
    throw new Error(
      candidates.length === 0
        ? `no HTTP API${options.apiName ? ` named ${options.apiName}` : ''} is deployed to ${options.target.endpoint} (found: ${names})`
        : `several HTTP APIs are deployed (${names}); choose one by name`,
    );
  }
  const api = candidates[0]!;
  const unsupported = unsupportedSettings(api);
  if (unsupported.length > 0) throw new UnsupportedSettingError(unsupported[0]!);
  options.progress?.(
    `API ${api.name} (${api.apiId}), stage ${api.stage}: ${api.routes.map((r) => r.routeKey).join(', ')}`,
  );
  const runtime = await LocalRuntime.create(deployment, {
    statePath: options.statePath,
    maxConcurrency: options.maxConcurrency,
    log: options.log,
    progress: options.progress,
    awsEndpoint: options.target.endpoint,
  });
  options.invokeProxy?.setRuntime(runtime);
  const openapiPath = options.openapiPath ?? COMMITTED_OPENAPI;
  let door: FrontDoor;
  try {
    door = await startFrontDoor({
      openapi: existsSync(openapiPath) ? readFileSync(openapiPath) : undefined,
      api,
      runtime,
      port: options.port,
      accountId: deployment.functions[0]?.arn.split(':')[4],
      region: options.target.region,
      access: options.access,
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    url: door.url,
    port: door.port,
    deployment,
    runtime,
    stop: async () => {
      options.invokeProxy?.setRuntime(undefined);
      await door.close();
      await runtime.close();
    },
  };
}
