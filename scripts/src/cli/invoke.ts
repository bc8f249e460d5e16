/**
 * `pnpm invoke <function> --event file.json`: one invocation of a deployed
 * function on the local runtime (the `sam local invoke` habit): a fresh,
 * cold worker, the result printed as JSON on stdout, logs on stderr.
 *
 * `pnpm invoke <function> --generate-event [--body body.json]` prints an API
 * Gateway payload 2.0 event for the function's route, with a sample body.
 *
 * Both read the running local stack from .lambda-stats/local.json
 * (written by `pnpm start`).
 */
import { readFileSync } from 'node:fs';
import { parseCommand } from '@lambda-stats/lambda-kit/cli';
import { UserFacingError } from '@lambda-stats/lambda-kit/errors';
import { readDeployment, resolveFunctionName } from '../deployment';
import { generateEvent } from '../events';
import { LOCAL_STACK_NOT_RUNNING, LOCAL_STATE, readLocalJson, userPath } from '../local-config';
import { LocalRuntime } from '../runtime/runtime';
import { sampleBody } from '../samples';

const USAGE = `usage: pnpm invoke <function> --event <file.json|->
       pnpm invoke <function> --generate-event [--body <body.json>]`;

function readJsonArg(file: string, what: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(userPath(file), 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new UserFacingError(`cannot read ${what} ${file}: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserFacingError(`${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The names as a user types them: without the stack's common prefix (`lambda-stats-local-`). */
function shortNames(names: string[]): string[] {
  let prefix = names[0] ?? '';
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-') + 1;
  return names.map((n) => n.slice(cut)).sort();
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      args: argv.filter((a) => a !== '--'),
      allowPositionals: true,
      options: {
        event: { type: 'string', short: 'e' },
        'generate-event': { type: 'boolean' },
        body: { type: 'string' },
      },
    },
    USAGE,
    'lambda-stats invoke: ',
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [fn, ...extra] = positionals;
  if (!fn || extra.length) throw new UserFacingError(`name one function\n${USAGE}`);
  const local = readLocalJson();
  const deployment = await (local
    ? readDeployment({ endpoint: local.awsEndpoint, region: local.region }).catch(() => undefined)
    : Promise.resolve(undefined));
  // a name the running stack does not know is the first thing to say, whatever else is missing
  const deployed = deployment && resolveFunctionName(deployment, fn);
  if (deployment && !deployed) {
    throw new UserFacingError(
      `function ${fn} is not deployed (deployed: ${shortNames(deployment.functions.map((f) => f.name)).join(', ') || 'none'})`,
    );
  }
  if (!values['generate-event'] && values.event === undefined) {
    throw new UserFacingError(
      `--event <file.json> is required (or --generate-event to write one)\n${USAGE}`,
    );
  }

  if (values['generate-event']) {
    const name = deployed ?? fn;
    const route = deployment?.apis[0]?.routes.find((r) => r.functionName === name)?.routeKey ?? fn;
    const body = values.body ? readJsonArg(values.body, '--body') : sampleBody(route);
    process.stdout.write(`${JSON.stringify(generateEvent(deployment, name, body), null, 2)}\n`);
    return 0;
  }

  const event = readJsonArg(values.event!, '--event');
  if (!local || !deployment) {
    throw new UserFacingError(
      `${LOCAL_STACK_NOT_RUNNING} (no answer from the emulator in .lambda-stats/local.json)`,
    );
  }
  const name = deployed!;
  const runtime = await LocalRuntime.create(deployment, {
    statePath: LOCAL_STATE,
    only: [name],
    maxConcurrency: 1,
    log: (name, line) => process.stderr.write(`[${name}] ${line}\n`),
  });
  try {
    const outcome = await runtime.invoke(name, event);
    if (outcome.kind === 'success') {
      process.stdout.write(`${JSON.stringify(outcome.payload, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(
      `${JSON.stringify(outcome.kind === 'functionError' ? outcome.error : { message: outcome.message }, null, 2)}\n`,
    );
    return 1;
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `lambda-stats invoke: ${error instanceof UserFacingError ? '' : 'error: '}${message}\n`,
    );
    // what the user can fix (a name, a file, a stack not running) is 2; anything else failed
    process.exit(error instanceof UserFacingError ? 2 : 1);
  },
);
