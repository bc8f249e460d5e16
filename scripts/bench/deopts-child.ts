/**
 * The deopt census's child (deopts.ts runs it under `node --trace-deopt`):
 * the throughput panel's order in one process (sizes ascending; per size
 * and shape every function, the input kinds in turn), with each case's
 * warm calls first and a marker line before and after its steady calls,
 * so the parent can count the deopts V8 prints between them.
 * argv[2] is the options as JSON (DeoptOptions).
 */

import { type DeoptOptions, STEADY_BEGIN, STEADY_END } from './deopts';
import { SHAPES } from './harness';
import { input, SPECS } from './throughput';

const options = JSON.parse(process.argv[2] ?? '{}') as DeoptOptions;
const specs = SPECS.filter((s) => options.functions.includes(s.name));
for (const n of [...options.sizes].sort((a, b) => a - b)) {
  for (const shape of SHAPES.filter((s) => options.shapes.includes(s.name))) {
    const data = shape.make(n);
    const inputs = options.kinds.map((kind) => input(data, kind));
    for (const spec of specs) {
      if (spec.rows) for (const d of inputs) d.rows.at(0);
      for (let w = 0; w < options.warmCalls; w++) for (const d of inputs) spec.js(d);
      console.log(`${STEADY_BEGIN} ${n} ${shape.name} ${spec.name}`);
      for (let r = 0; r < options.steadyCalls; r++) for (const d of inputs) spec.js(d);
      console.log(`${STEADY_END}`);
    }
  }
}
