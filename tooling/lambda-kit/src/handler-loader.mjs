// Loading and calling a Lambda handler the way the Node.js managed runtime
// does. One implementation for the local runtime's worker
// (scripts/src/runtime/worker.mjs) and the Lambda-layout test harness
// (packages/handlers/support/lambda-layout.ts).
//
// Plain JavaScript on purpose: no loader (tsx) may sit between the user's
// code and Node's own CommonJS/ESM resolution.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const HANDLER_EXPR = /^([^.]*)\.(.*)$/;

/** Errors named as the managed runtime names them (errorType `Runtime.*`). */
export class RuntimeError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = `Runtime.${kind}`;
  }
}

/** The runtime's error payload: {errorType, errorMessage, trace}. */
export function toErrorPayload(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || error.constructor?.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
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

/**
 * Resolves a handler string (`dir/file.export`, nested exports allowed as
 * `file.a.b`) against the task root and returns the function. Load failures
 * carry the runtime's error types: Runtime.MalformedHandlerName,
 * Runtime.UserCodeSyntaxError, Runtime.ImportModuleError, Runtime.HandlerNotFound.
 */
export async function loadHandler(taskRoot, fullHandler) {
  if (typeof fullHandler !== 'string' || fullHandler.includes('..')) {
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
export function callHandler(handler, event, context) {
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
