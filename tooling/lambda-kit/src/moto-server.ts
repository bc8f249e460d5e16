/**
 * The moto emulator (server mode), started the same way by the local stack,
 * the benchmarks and every test suite: the pinned version, on a loopback
 * port, in its own process group, stopped with its watchdog if our process
 * dies first.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inheritedEnv, REPO_ROOT } from './env';
import { UserFacingError } from './errors';
import { assertPortFree, freePort } from './ports';
import { stopProcessGroup } from './processes';

/** A fix to moto's Step Functions executor, put on the server's PYTHONPATH (see its file). */
const MOTO_PATCHES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'moto-patches');

/** The moto release the project is tested against (the Makefile installs it when missing). */
export const MOTO_VERSION = '5.2.1';
/** Where `make install` puts moto when no `moto_server` 5.2.1 is on PATH. */
export const MOTO_VENV = path.join(REPO_ROOT, '.tools', 'moto');
const PROBE_DIR = path.join(REPO_ROOT, 'tooling', 'lambda-kit', 'moto-probe');

const INSTALL_HINT = `run \`make install\` (it installs moto[server]==${MOTO_VERSION} into .tools/moto), or \`python3 -m pip install "moto[server]==${MOTO_VERSION}"\``;

/** The moto version behind a `moto_server` command, or undefined when it cannot run. */
export function motoVersionOf(command: string): string | undefined {
  const probe = spawnSync(command, [], {
    env: {
      ...inheritedEnv(),
      PYTHONPATH: PROBE_DIR,
      LAMBDA_STATS_MOTO_PROBE: '1',
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.error || probe.status !== 0) return undefined;
  const version = probe.stdout.trim().split('\n').at(-1)?.trim();
  return version && version !== 'none' ? version : undefined;
}

const resolved = new Map<string, string>();

/**
 * The `moto_server` to run: the project's own (.tools/moto) when installed,
 * else the one on PATH if it is moto 5.2.1. Anything else is refused with
 * one line saying what to install.
 */
export function findMotoServer(venv: string = MOTO_VENV): string {
  const cached = resolved.get(venv);
  if (cached) return cached;
  const local = path.join(venv, 'bin', 'moto_server');
  const candidates = existsSync(local) ? [local] : [];
  const onPath = spawnSync('/bin/sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) candidates.push('moto_server');
  if (candidates.length === 0) {
    throw new UserFacingError(`moto_server ${MOTO_VERSION} was not found: ${INSTALL_HINT}.`);
  }
  const command = candidates[0]!;
  const version = motoVersionOf(command);
  if (version !== MOTO_VERSION) {
    const which = command === local ? local : 'moto_server on PATH';
    throw new UserFacingError(
      `${which} is moto ${version ?? '(version unknown)'}, but this project needs moto ${MOTO_VERSION}: ${INSTALL_HINT}.`,
    );
  }
  resolved.set(venv, command);
  return command;
}

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** The process group's id (the watchdog shell; moto is its child). */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** The port to listen on; a free one when left out. */
  port?: number;
  /**
   * MOTO_PORT for the server process: where moto's own boto3 calls go (Step
   * Functions tasks invoking Lambda, for instance). moto sets it from `-p`
   * only when unset, so pointing it at a proxy of ours lets that proxy serve
   * Lambda invocations and forward the rest to moto.
   */
  motoPort?: number;
  /**
   * Switch on Step Functions execution mode (`POST /moto-api/config`) before
   * returning, so state machines created afterwards run their states.
   */
  executeStateMachines?: boolean;
  /** moto's own output, line by line (default: kept for error messages only). */
  onLine?: (line: string) => void;
  /** How long to wait for the first answer. */
  timeoutMs?: number;
}

/**
 * Starts moto_server on 127.0.0.1 and waits until it answers. A watchdog
 * shell stops it when this process dies without calling stop() (a test
 * runner killed mid-run), so no server is ever orphaned.
 */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  if (options.port !== undefined) {
    // A server already on the port would answer our readiness probe for the
    // new one: refuse up front.
    await assertPortFree(options.port, 'the moto emulator', 'choose another port');
    return launchMoto(options.port, options);
  }
  // A port the kernel just called free can be taken by another process before
  // moto (a Python start-up of a second or more) binds it: try another then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchMoto(await freePort(), options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}

/** How many free ports startMoto tries when one is taken before moto binds it. */
const PORT_ATTEMPTS = 5;

/** moto could not bind its port: another process holds it. */
class PortTakenError extends UserFacingError {}

async function launchMoto(port: number, options: StartMotoOptions): Promise<MotoServer> {
  const command = findMotoServer();
  const timeoutMs = options.timeoutMs ?? 30_000;
  // The shell outlives moto on every path (it reaps moto before it exits),
  // so stop() returns only once moto is gone, never leaving an orphan.
  const watchdog = [
    '"$1" -H 127.0.0.1 -p "$2" & m=$!',
    "trap 'kill $m 2>/dev/null; wait $m; exit 0' TERM INT",
    'while kill -0 "$3" 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1; done',
    'kill $m 2>/dev/null; wait $m',
  ].join('\n');
  const env = inheritedEnv();
  // One fix to moto's Step Functions executor, loaded at its start (moto-patches/sitecustomize.py).
  env.PYTHONPATH = [MOTO_PATCHES, env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  if (options.motoPort !== undefined) env.MOTO_PORT = String(options.motoPort);
  else delete env.MOTO_PORT;
  // Werkzeug's "Running on" line must reach us as soon as it is written.
  env.PYTHONUNBUFFERED = '1';
  const child: ChildProcess = spawn(
    '/bin/sh',
    ['-c', watchdog, 'moto-watchdog', command, String(port), String(process.pid)],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  // Werkzeug's own line once moto listens: until our moto prints it, an answer
  // on the port may come from another server that took the port first.
  const listening = ` * Running on ${endpoint}`;
  let tail = '';
  let bound = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (data: string) => {
      tail = (tail + data).slice(-4000);
      if (!bound && tail.includes(listening)) bound = true;
      for (const line of data.split('\n')) if (line.trim()) options.onLine?.(line);
    });
  }
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = () => stopProcessGroup(child);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      const last = tail.trim().split('\n').at(-1) ?? '';
      const Failure = /address already in use|is in use by another program/i.test(tail)
        ? PortTakenError
        : UserFacingError;
      throw new Failure(`moto_server exited before answering on ${endpoint}: ${last}`);
    }
    if (bound) {
      try {
        const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(5000) });
        if (res.ok) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const server: MotoServer = { endpoint, port, pid: child.pid!, stop };
  if (options.executeStateMachines) {
    try {
      await enableStateMachineExecution(endpoint);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return server;
}

/**
 * Turns on moto's Step Functions execution mode. Call it before any state
 * machine is created: the executing parser keeps its own store.
 */
export async function enableStateMachineExecution(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!res.ok) {
    throw new Error(`moto refused execution mode (${res.status}): ${await res.text()}`);
  }
}
