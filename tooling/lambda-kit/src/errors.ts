import { spawnSync } from 'node:child_process';

/** A problem the user can fix, reported as one clear line (no stack trace). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

/** Fails with one clear message when a required command is not on PATH. */
export function requireTool(command: string, hint: string): void {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  if (found.status !== 0) throw new UserFacingError(`${command} was not found on PATH. ${hint}`);
}
