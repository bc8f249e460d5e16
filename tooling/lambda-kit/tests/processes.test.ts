import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { descendantPids, processAlive, stopProcessGroup } from '../src/processes';

describe('processAlive', () => {
  it('is true for a running process and false for one that has exited', async () => {
    const child = spawn('sleep', ['5'], { stdio: 'ignore' });
    expect(processAlive(child.pid!)).toBe(true);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(processAlive(child.pid!)).toBe(false);
  });

  it.runIf(existsSync('/proc/self/stat'))(
    'is false for a zombie: exited, not yet reaped, running nothing',
    async () => {
      // sh forks a short sleep, then becomes a long sleep that never reaps it
      const parent = spawn('sh', ['-c', 'sleep 0.05 & exec sleep 120'], { stdio: 'ignore' });
      try {
        // the short sleep exits after 50 ms; on a loaded machine that can take seconds
        const stateOf = (pid: number) =>
          spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
        const deadline = Date.now() + 30_000;
        let zombie: number | undefined;
        let state = '';
        for (;;) {
          [zombie] = descendantPids(parent.pid!);
          state = zombie === undefined ? '' : stateOf(zombie);
          if (state.startsWith('Z') || Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(zombie).toBeDefined();
        expect(state).toMatch(/^Z/);
        expect(processAlive(zombie!)).toBe(false);
        expect(processAlive(parent.pid!)).toBe(true);
      } finally {
        parent.kill('SIGKILL');
      }
    },
  );
});

describe('stopProcessGroup', () => {
  it('returns once the leader and every process below it are gone, killing one that ignores SIGTERM', async () => {
    // the leader dies on SIGTERM at once; its child ignores SIGTERM and only SIGKILL ends it
    const leader = spawn('sh', ['-c', '(trap "" TERM; exec sleep 120) & wait'], {
      detached: true,
      stdio: 'ignore',
    });
    let below: number[] = [];
    const deadline = Date.now() + 30_000;
    while (below.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      below = descendantPids(leader.pid!);
    }
    expect(below).toHaveLength(1);
    await stopProcessGroup(leader, 200);
    expect(leader.exitCode !== null || leader.signalCode !== null).toBe(true);
    expect(processAlive(below[0]!)).toBe(false);
  });
});
