/**
 * The flags the same-process A/B scripts here share, on lambda-kit's
 * command-line helpers: --sizes, --rounds and --base (the earlier copy of
 * the core, which a relative path finds from this folder).
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { SHAPES } from '../../../scripts/bench/harness';

/** --sizes and --rounds, with this script's default number of rounds. */
export function sizesAndRounds(rounds: number) {
  return {
    sizes: { type: 'string', default: '1e4,1e5,1e6' },
    rounds: { type: 'string', default: String(rounds) },
  } as const;
}

/** Their usage lines. */
export function sizesAndRoundsUsage(rounds: number): string {
  return `  --sizes 1e4,1e5  sizes (default 1e4,1e5,1e6)
  --rounds N       interleaved rounds (default ${rounds})`;
}

/** Their values, checked (inside cli.checkedFlags). */
export function checkSizesAndRounds(values: { sizes: string; rounds: string }) {
  return {
    sizes: cli.sizesFlag('sizes', values.sizes),
    rounds: cli.wholeNumberFlag('rounds', values.rounds, 1),
  };
}

/** --base: the earlier copy's index module. */
export function baseFlag(defaultPath = './_base/src/index') {
  return { base: { type: 'string', default: defaultPath } } as const;
}

/** The base module, or one line saying how to make the default and exit 2. */
export function loadBase<M>(specifier: string): Promise<M> {
  return cli.importFlag(
    'base',
    specifier,
    (m) => import(m) as Promise<M>,
    'git archive <commit> src | tar -x -C bench/_base makes the default',
  );
}

/** --shapes: the panel's full-precision shapes by default, where ols's and polyfit's bounds are tested. */
export function fullPrecisionShapes() {
  return { shapes: { type: 'string', default: 'strong,weak,none,heavy-tails' } } as const;
}

/** The --shapes value, checked against the panel's shape names (inside cli.checkedFlags). */
export function checkShapes(value: string): string[] {
  return cli.namesFlag(
    'shapes',
    value,
    SHAPES.map((s) => s.name),
  );
}
