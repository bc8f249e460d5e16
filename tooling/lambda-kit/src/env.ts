/**
 * The environment this package reads, in one place: the variables it
 * passes through to the processes it starts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tooling/lambda-kit/src/env.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The environment a child process inherits. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
