/** The managed runtime's handler resolution, shared by the local runtime and the layout harness. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHandler, loadHandler, toErrorPayload } from '../src/handler-loader.mjs';
import { tempDir } from './support';

function taskRoot(files: Record<string, string>): string {
  const root = tempDir('lambda-kit-task-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const errorOf = async (root: string, handler: string) => {
  try {
    await loadHandler(root, handler);
  } catch (error) {
    return toErrorPayload(error);
  }
  throw new Error('loaded');
};

describe('loadHandler', () => {
  it('loads .js as CommonJS, .mjs and "type":"module" .js as ESM, .cjs, and nested exports', async () => {
    const root = taskRoot({
      'cjs.js': 'exports.handler = async () => "cjs";',
      'esm.mjs': 'export const handler = async () => "mjs";',
      'lib/nested.cjs': 'exports.api = { run: async () => "nested" };',
      'mod/package.json': '{"type":"module"}',
      'mod/app.js': 'export const handler = async () => "type-module";',
    });
    const call = async (h: string) => callHandler(await loadHandler(root, h), {}, {});
    expect(await call('cjs.handler')).toBe('cjs');
    expect(await call('esm.handler')).toBe('mjs');
    expect(await call('lib/nested.api.run')).toBe('nested');
    expect(await call('mod/app.handler')).toBe('type-module');
  });

  it('names load failures as the runtime does', async () => {
    const root = taskRoot({
      'syntax.js': 'exports.handler = (;',
      'needs.js': "require('not-installed-anywhere'); exports.handler = () => 1;",
      'value.js': 'exports.handler = 42;',
    });
    expect(await errorOf(root, 'missing.handler')).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
    });
    expect((await errorOf(root, 'needs.handler')).errorMessage).toMatch(
      /^Error: Cannot find module 'not-installed-anywhere'/,
    );
    expect(await errorOf(root, 'syntax.handler')).toMatchObject({
      errorType: 'Runtime.UserCodeSyntaxError',
    });
    expect(await errorOf(root, 'value.nope')).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'value.nope is undefined or not exported',
    });
    expect(await errorOf(root, 'value.handler')).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'value.handler is not a function',
    });
    expect(await errorOf(root, '../x.handler')).toMatchObject({
      errorType: 'Runtime.MalformedHandlerName',
    });
    expect(await errorOf(root, 'nodot')).toMatchObject({
      errorType: 'Runtime.MalformedHandlerName',
    });
  });
});

describe('callHandler', () => {
  it('settles on the returned promise, or on the callback for a callback-style handler', async () => {
    expect(await callHandler(async (e: unknown) => e, 7, {})).toBe(7);
    const cb = (_e: unknown, _c: unknown, done: (err: unknown, v?: unknown) => void) => {
      setTimeout(() => done(null, 'via callback'), 1);
    };
    expect(await callHandler(cb as never, {}, {})).toBe('via callback');
    await expect(
      callHandler(
        () => {
          throw new TypeError('boom');
        },
        {},
        {},
      ),
    ).rejects.toThrow('boom');
  });
});
