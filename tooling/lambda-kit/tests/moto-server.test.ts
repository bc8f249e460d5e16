/** Starting the pinned moto: version check, free port, MOTO_PORT, execution mode, clean stop. */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMotoServer, MOTO_VERSION, type MotoServer, startMoto } from '../src/moto-server';
import { assertPortFree, freePort } from '../src/ports';
import { processAlive } from '../src/processes';
import { tempDir } from './support';

const started: MotoServer[] = [];
afterAll(async () => {
  for (const m of started) await m.stop();
});

/** The moto_server process under the watchdog shell (Linux /proc). */
function motoChild(watchdogPid: number): number {
  const children = readFileSync(`/proc/${watchdogPid}/task/${watchdogPid}/children`, 'utf8').trim();
  return Number(children.split(' ')[0]);
}

/**
 * Runs a one-state Pass machine through moto's Step Functions JSON API and
 * describes the execution: polled until it ends (SUCCEEDED with the Pass
 * result when execution mode is on; a loaded machine can take seconds), or,
 * with `settleMs`, once after that long (RUNNING forever when the mode is off).
 */
async function runPassMachine(endpoint: string, name: string, settleMs?: number) {
  const call = async (target: string, body: unknown) => {
    const res = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'x-amz-target': `AWSStepFunctions.${target}`,
        'content-type': 'application/x-amz-json-1.0',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, string>;
  };
  const definition = {
    StartAt: 'P',
    States: { P: { Type: 'Pass', Result: { ok: 1 }, End: true } },
  };
  const { stateMachineArn } = await call('CreateStateMachine', {
    name,
    roleArn: 'arn:aws:iam::123456789012:role/r',
    definition: JSON.stringify(definition),
  });
  const { executionArn } = await call('StartExecution', { stateMachineArn, input: '{}' });
  if (settleMs !== undefined) {
    await new Promise((r) => setTimeout(r, settleMs));
    return call('DescribeExecution', { executionArn });
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const execution = await call('DescribeExecution', { executionArn });
    if (execution.status !== 'RUNNING' || Date.now() > deadline) return execution;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('findMotoServer', () => {
  it('refuses a moto of another version with one line saying what to install', () => {
    const venv = tempDir('lambda-kit-venv-');
    mkdirSync(path.join(venv, 'bin'));
    const fake = path.join(venv, 'bin', 'moto_server');
    writeFileSync(fake, '#!/bin/sh\necho 4.2.14\n');
    chmodSync(fake, 0o755);
    expect(() => findMotoServer(venv)).toThrow(
      `${fake} is moto 4.2.14, but this project needs moto ${MOTO_VERSION}: run \`make install\``,
    );
  });
});

describe('startMoto', () => {
  it('answers on a free port, passes MOTO_PORT through, switches on execution mode, and stops', async () => {
    const motoPort = await freePort();
    const moto = await startMoto({ motoPort, executeStateMachines: true });
    started.push(moto);
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    expect(await runPassMachine(moto.endpoint, 'on')).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"ok": 1}',
    });
    const child = motoChild(moto.pid);
    const environ = readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
    expect(environ).toContain(`MOTO_PORT=${motoPort}`);
    await moto.stop();
    // gone (and reaped by the watchdog shell) by the time stop() returns
    expect(processAlive(child)).toBe(false);
    await assertPortFree(moto.port, 'moto', 'pick another');
  });

  it('leaves execution mode off unless asked, and fails with one line when the port is taken', async () => {
    const moto = await startMoto();
    started.push(moto);
    expect((await runPassMachine(moto.endpoint, 'off', 2000)).status).toBe('RUNNING');
    await expect(startMoto({ port: moto.port })).rejects.toThrow(
      `Port ${moto.port} on 127.0.0.1 (the moto emulator) is already in use. Stop what uses it, or choose another port.`,
    );
  });
});
