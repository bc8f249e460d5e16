/**
 * Starts moto_server on a free loopback port for one test file and stops it
 * (its whole process group) afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function startMoto(timeoutMs = 30_000): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let log = '';
  // A watchdog shell stops moto if this test process dies without running
  // afterAll (e.g. turbo kills the task): no orphaned server either way.
  const watchdog = `moto_server -H 127.0.0.1 -p ${port} & m=$!
while kill -0 ${process.pid} 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 1; done
kill $m 2>/dev/null; wait $m`;
  const child: ChildProcess = spawn('sh', ['-c', watchdog], {
    detached: true, // its own process group, so stop() reaches moto too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const failed = new Promise<never>((_, reject) => {
    child.on('error', (error) =>
      reject(
        new Error(
          `could not start moto_server (${error.message}): install it with \`pip install "moto[server]==5.2.*"\``,
        ),
      ),
    );
    child.on('exit', (code) => reject(new Error(`moto_server exited with ${code}:\n${log}`)));
  });
  failed.catch(() => {});
  child.stdout?.on('data', (d: Buffer) => {
    log += d;
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d;
  });
  const stop = async () => {
    if (child.pid === undefined || !alive(child.pid)) return;
    process.kill(-child.pid, 'SIGTERM');
    for (let i = 0; i < 50 && alive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (await Promise.race([ready, failed])) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { endpoint, pid: child.pid!, stop };
}

export { alive as processAlive };
