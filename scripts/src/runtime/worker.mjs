// One Lambda execution environment: a Node process started by the local
// runtime (pool.ts) with the task root as its working directory and the
// managed runtime's environment variables already set. It loads the handler
// once (the init phase), then serves invocations sent over the IPC channel,
// one at a time, exactly like a warm sandbox.
//
// Plain JavaScript on purpose: no loader (tsx) may sit between the user's
// code and Node's own CommonJS/ESM resolution.
//
// Protocol (parent -> worker): {type:'invoke', id, event, deadlineMs, context}
// Protocol (worker -> parent): {type:'ready'} | {type:'initError', error}
//                              | {type:'result', id, ok, payload|error, maxRssKb}
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const require = createRequire(import.meta.url);
const HANDLER_EXPR = /^([^.]*)\.(.*)$/;

/** Errors named as the managed runtime names them (errorType `Runtime.*`). */
class RuntimeError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = `Runtime.${kind}`;
  }
}

/** The runtime's error payload: {errorType, errorMessage, trace}. */
function toErrorPayload(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || error.constructor?.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

// Console lines as the runtime writes them: timestamp, request id, level, message.
let currentRequestId;
function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      process.stdout.write(
        `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`,
      );
    };
  }
  console.trace = (...args) => {
    const stack = new Error().stack?.split('\n').slice(2).join('\n') ?? '';
    process.stdout.write(
      `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\tTRACE\tTrace: ${format(...args)}\n${stack}\n`,
    );
  };
}

/** Nearest package.json decides whether `.js` is ESM (stops at node_modules or /). */
function folderIsTypeModule(folder) {
  if (folder.endsWith(`${path.sep}node_modules`)) return false;
  const pj = path.join(folder, 'package.json');
  if (existsSync(pj)) {
    try {
      return JSON.parse(readFileSync(pj, 'utf8'))?.type === 'module';
    } catch {
      return false;
    }
  }
  const parent = path.dirname(folder);
  return parent === folder ? false : folderIsTypeModule(parent);
}

const tryRequire = (file) => (existsSync(file) ? require(file) : undefined);
const tryImport = async (file) =>
  existsSync(file) ? await import(pathToFileURL(file).href) : undefined;

/**
 * Loads the module named by the handler string the way the Node.js managed
 * runtime does: an extensionless file and `.js` (without "type":"module") by
 * require; then `.js` (with "type":"module") and `.mjs` by import; then `.cjs`
 * by require; finally Node's own resolution from the task root.
 */
async function loadModule(taskRoot, moduleRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  const extensionless = tryRequire(base);
  if (extensionless) return extensionless;
  const isModule = folderIsTypeModule(path.dirname(base));
  if (!isModule) {
    const cjs = tryRequire(`${base}.js`);
    if (cjs) return cjs;
  }
  const loaded =
    (isModule && (await tryImport(`${base}.js`))) ||
    (await tryImport(`${base}.mjs`)) ||
    tryRequire(`${base}.cjs`);
  if (loaded) return loaded;
  return require(require.resolve(moduleName, { paths: [taskRoot, moduleRoot] }));
}

async function loadHandler(taskRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new RuntimeError(
      'MalformedHandlerName',
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(HANDLER_EXPR);
  if (!match) throw new RuntimeError('MalformedHandlerName', 'Bad handler');
  const [, moduleName, handlerPath] = match;
  let userModule;
  try {
    userModule = await loadModule(taskRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new RuntimeError('UserCodeSyntaxError', `${error.name}: ${error.message}`);
    }
    if (error?.code === 'MODULE_NOT_FOUND' || error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new RuntimeError('ImportModuleError', `${error.name}: ${error.message}`);
    }
    throw error;
  }
  const fn = handlerPath.split('.').reduce((obj, key) => obj?.[key], userModule);
  if (!fn) throw new RuntimeError('HandlerNotFound', `${fullHandler} is undefined or not exported`);
  if (typeof fn !== 'function') {
    throw new RuntimeError('HandlerNotFound', `${fullHandler} is not a function`);
  }
  return fn;
}

/** Calls the handler: a returned promise settles it, or else the callback does. */
function callHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const succeed = (value) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    const fail = (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    };
    const callback = (error, value) => (error == null ? succeed(value) : fail(error));
    Object.assign(context, { succeed, fail, done: callback });
    try {
      const result = handler(event, context, callback);
      if (result && typeof result.then === 'function') result.then(succeed, fail);
    } catch (error) {
      fail(error);
    }
  });
}

const send = (message) =>
  new Promise((resolve) => {
    process.send(message, undefined, undefined, () => resolve());
  });

function logInvokeError(payload) {
  process.stdout.write(
    `${new Date().toISOString()}\t${currentRequestId}\tERROR\tInvoke Error \t${JSON.stringify(payload)}\n`,
  );
}

async function main() {
  patchConsole();
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  let handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER);
  } catch (error) {
    const payload = toErrorPayload(error);
    process.stdout.write(
      `${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(payload)}\n`,
    );
    await send({ type: 'initError', error: payload });
    process.exit(1);
  }

  // After init, an error escaping the handler's promise chain crashes the
  // sandbox, as it does on Lambda: report it for the current request and exit.
  let current;
  const crash = async (error, kind) => {
    const payload =
      kind === 'unhandledRejection'
        ? {
            errorType: 'Runtime.UnhandledPromiseRejection',
            errorMessage:
              error instanceof Error ? `${error.name}: ${error.message}` : String(error),
            trace: error instanceof Error && error.stack ? error.stack.split('\n') : [],
          }
        : toErrorPayload(error);
    logInvokeError(payload);
    if (current)
      await send({ type: 'result', id: current, ok: false, error: payload, fatal: true });
    process.exit(129);
  };
  process.on('uncaughtException', (error) => crash(error, 'uncaughtException'));
  process.on('unhandledRejection', (reason) => crash(reason, 'unhandledRejection'));

  process.on('message', async (message) => {
    if (message?.type !== 'invoke') return;
    current = message.id;
    currentRequestId = message.context.awsRequestId;
    process.env._X_AMZN_TRACE_ID = message.traceId;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      ...message.context,
      getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
    };
    let reply;
    try {
      const payload = await callHandler(handler, message.event, context);
      // The response travels as JSON, like the Runtime API's response body.
      reply = {
        ok: true,
        payload: payload === undefined ? null : JSON.parse(JSON.stringify(payload) ?? 'null'),
      };
    } catch (error) {
      const payload = toErrorPayload(error);
      logInvokeError(payload);
      reply = { ok: false, error: payload };
    }
    current = undefined;
    await send({
      type: 'result',
      id: message.id,
      maxRssKb: process.resourceUsage().maxRSS,
      ...reply,
    });
  });
  await send({ type: 'ready' });
}

await main();
