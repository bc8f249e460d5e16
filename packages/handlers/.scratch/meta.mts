import { build } from 'esbuild';
import { bundleOptions } from '/work/wt/coldstart/packages/handlers/build';

const name = process.argv[2] ?? 'linregress';
const r = await build({
  ...bundleOptions,
  stdin: {
    contents: `import { createHandler } from './src/handler';\nimport { ${name} as endpoint } from './src/endpoints/${name}.ts';\nexport const handler = createHandler(endpoint);`,
    resolveDir: '/work/wt/coldstart/packages/handlers',
    loader: 'ts',
  },
  write: false,
  metafile: true,
  absWorkingDir: '/work/wt/coldstart/packages/handlers',
});
const out = Object.values(r.metafile.outputs)[0];
const agg: Record<string, number> = {};
for (const [k, v] of Object.entries(out.inputs)) {
  const m = k.match(/node_modules\/((@[^/]+\/)?[^/]+)\/(.*)/);
  const key = m ? m[1] + (process.argv[3] ? '/' + m[3] : '') : k;
  agg[key] = (agg[key] ?? 0) + v.bytesInOutput;
}
for (const [k, v] of Object.entries(agg).sort((a, b) => b[1] - a[1]))
  console.log(String(v).padStart(7), k);
