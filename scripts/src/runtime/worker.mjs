// One Lambda execution environment: a Node process started by the local
// runtime (pool.ts) with the task root as its working directory and the
// managed runtime's environment variables already set. It loads the handler
// once (the init phase), then serves invocations sent over the IPC channel,
// one at a time, exactly like a warm sandbox.
//
// Plain JavaScript on purpose: no loader (tsx) may sit between the user's
// code and Node's own CommonJS/ESM resolution. The handler is loaded and
// called by @lambda-stats/lambda-kit/handler-loader, shared with the
// Lambda-layout test harness.
//
// Protocol (parent -> worker): {type:'invoke', id, event, deadlineMs, context}
// Protocol (worker -> parent): {type:'ready'} | {type:'initError', error}
//                              | {type:'result', id, ok, payload|error, maxRssKb}
import { format } from 'node:util';
import { callHandler, loadHandler, toErrorPayload } from '@lambda-stats/lambda-kit/handler-loader';

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
