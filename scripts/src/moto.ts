import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A problem the user can fix, reported as one clear line (no stack trace). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

/** Fails with one clear message when a required command is not on PATH. */
export function requireTool(command: string, hint: string): void {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  if (found.status !== 0) throw new UserFacingError(`${command} was not found on PATH. ${hint}`);
}

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Fails with one clear message when `port` on 127.0.0.1 is taken. */
export function assertPortFree(port: number, what: string, howToChange: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UserFacingError(
              `Port ${port} on 127.0.0.1 (${what}) is already in use. Stop what uses it, or ${howToChange}.`,
            )
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

const MOTO_PATCHES = fileURLToPath(new URL('./moto-patches', import.meta.url));

export interface MotoServer {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Stops a process group we started: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL');
}

/**
 * Starts `moto_server` on 127.0.0.1:`port` in its own process group and
 * waits until it answers. Its output goes to `onLine` (default: dropped).
 */
export async function startMoto(options: {
  port: number;
  onLine?: (line: string) => void;
  /**
   * Where moto's Step Functions executor sends its AWS calls (Lambda Invoke
   * included): the invoke proxy's port (MOTO_PORT; see invoke-proxy.ts).
   */
  servicePort?: number;
}): Promise<MotoServer> {
  requireTool('moto_server', 'Install it with: python3 -m pip install "moto[server]==5.2.*"');
  const { port } = options;
  const env = { ...process.env };
  // A fix to moto's Step Functions executor, loaded at its start (moto-patches/sitecustomize.py).
  env.PYTHONPATH = [MOTO_PATCHES, process.env.PYTHONPATH].filter(Boolean).join(':');
  if (options.servicePort !== undefined) env.MOTO_PORT = String(options.servicePort);
  else delete env.MOTO_PORT;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (data: string) => {
      for (const line of data.split('\n')) if (line.trim()) options.onLine?.(line);
    });
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (true) {
    if (exited)
      throw new Error(
        `moto_server exited before answering on ${endpoint} (is port ${port} in use?)`,
      );
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(child);
      throw new Error(`moto_server did not answer on ${endpoint} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { endpoint, port, pid: child.pid!, stop: () => stopProcessGroup(child) };
}

/**
 * Switches on moto's execution of Step Functions state machines. Must come
 * before the deploy: the executing parser keeps its own store, so a state
 * machine created before the switch never runs.
 */
export async function enableStepFunctionsExecution(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!res.ok) {
    throw new Error(
      `moto refused to switch on Step Functions execution (HTTP ${res.status}): moto 5.2 or later is needed`,
    );
  }
}
