/**
 * The running local stack's record, .lambda-stats/local.json: `pnpm start`
 * writes it once the stack answers and removes it when it stops; every
 * command that needs the local stack (the scripts' `pnpm invoke`,
 * `pnpm schedule`, `pnpm logs`, the reviews, and infra's
 * `pnpm run deploy|diff|destroy local`) reads it here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What `pnpm start` records about the stack it runs. */
export interface LocalJson {
  /** The API's front door, e.g. http://127.0.0.1:3000. */
  apiUrl: string;
  /** The AWS emulator (moto), e.g. http://127.0.0.1:4566. */
  awsEndpoint: string;
  region: string;
}

/** local.json in the project's work dir (LAMBDA_STATS_WORK_DIR, default <repo>/.lambda-stats). */
export function localJsonPath(workDir: string): string {
  return path.join(workDir, 'local.json');
}

/** The record, or undefined when no local stack has written one. */
export function readLocalJson(workDir: string): LocalJson | undefined {
  const file = localJsonPath(workDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as LocalJson;
}

/** What every command that needs the local stack says when it is not running. */
export const LOCAL_STACK_NOT_RUNNING =
  'the local stack is not running: start it with `pnpm start` in another terminal';
