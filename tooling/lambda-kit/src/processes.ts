import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** True while a process with this id exists and is not a zombie. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, waiting to be reaped by its new parent, PID 1) still
  // answers signal 0 but runs nothing and holds no port: it is not alive.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // gone since the signal, or no /proc at all (macOS): there signal 0 is all there is
    return !existsSync('/proc/self/stat');
  }
}

/** Every process below `pid` (children, grandchildren...), from `ps`. */
export function descendantPids(pid: number): number[] {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [child, parent] of rows) {
      if (parent === p && !out.includes(child)) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/**
 * Stops a process group we started (spawned with `detached: true`):
 * SIGTERM, then SIGKILL if it lingers past `graceMs`. Returns once the
 * leader has exited and every process that was below it is gone too: a
 * multi-threaded child killed with the group can still be tearing down
 * after its parent has exited (seen with moto on a loaded machine).
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const below = descendantPids(pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL');
  const deadline = Date.now() + GONE_WITHIN_MS;
  while (below.some(processAlive) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How long stopProcessGroup waits for SIGKILLed descendants to finish exiting. */
const GONE_WITHIN_MS = 10_000;

/** What a finished child process printed, and how it ended. */
export interface CollectedOutput {
  /** The exit code (null when a signal ended it). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Collects a spawned child's stdout and stderr (whichever are pipes) as
 * UTF-8 text, and resolves when it has ended: on 'close' (its output
 * streams done) by default, or on 'exit' where a grandchild may keep the
 * pipes open. Rejects when the process cannot be spawned.
 */
export function collectOutput(
  child: ChildProcess,
  until: 'close' | 'exit' = 'close',
): Promise<CollectedOutput> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on(until, (code: number | null) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
