/**
 * Builds the playground into dist/:
 * - playground.html: the page, one self-contained file (src/page/index.html
 *   with page.css and the bundled script inline: Observable Plot, d3 and
 *   the page code, bundled by esbuild from npm; nothing is fetched from a
 *   CDN, so it works offline), with the bundled packages' licences at the end;
 * - playground.zip: the Lambda function (src/handler.ts) that serves it at
 *   GET /playground and the API document at GET /openapi.json, both built
 *   in; handler `index.handler`, no layer;
 * - manifest.json: what infra deploys ({functions: [{name, routes, zip,
 *   handler, sha256, base64Sha256, size}]}).
 * Same inputs, same bytes: esbuild's output is deterministic, the zip is
 * stats-runtime's reproducible zip, and nothing reads the clock.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  assertNoAbsolutePath,
  LAMBDA_BUNDLE_OPTIONS,
} from '@lambda-stats/lambda-kit/lambda-bundle';
import { writeManifest } from '@lambda-stats/lambda-kit/manifest';
import {
  buildZip,
  checkLimits,
  digest,
  formatSize,
  makePackageOf,
} from '@lambda-stats/stats-runtime/artifact';
import { build } from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(root, '../..');
const require = createRequire(import.meta.url);

/** The routes the function answers (infra adds them to the HTTP API when the stack's config enables the playground). */
export const PLAYGROUND_ROUTES = ['GET /playground', 'GET /openapi.json'] as const;

/** The page's script: the page code with Plot and d3, for browsers of the last few years. */
async function bundlePage(): Promise<{ code: string; packages: Map<string, string> }> {
  const result = await build({
    entryPoints: [path.join(root, 'src/page/main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const packageOf = makePackageOf(root);
  /** Package name -> its directory (where its package.json is). */
  const packages = new Map<string, string>();
  const output = Object.values(result.metafile.outputs)[0]!;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    const pkg = packageOf(input);
    if (!pkg || pkg.startsWith('@lambda-stats/') || packages.has(pkg)) continue;
    let dir = path.dirname(path.resolve(root, input));
    while (!existsSync(path.join(dir, 'package.json')) || packageName(dir) !== pkg)
      dir = path.dirname(dir);
    packages.set(pkg, dir);
  }
  if (packages.has('mathjs'))
    throw new Error('the page bundle pulled in mathjs: import only what the plots need');
  return { code: result.outputFiles[0]!.text, packages };
}

/** The licence text of each bundled package, for the comment at the end of the page. */
function licences(packages: Map<string, string>): string {
  return [...packages]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([pkg, dir]) => {
      const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license']
        .map((f) => path.join(dir, f))
        .find(existsSync);
      const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        version: string;
      };
      const text = file ? readFileSync(file, 'utf8').trim() : '(no licence file)';
      return `${pkg}@${version}\n${text.replace(/--/g, '- -')}`;
    })
    .join('\n\n');
}

const packageName = (dir: string) =>
  (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name;

const sha256Base64 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

export async function buildPage(): Promise<{ html: string; csp: string }> {
  const template = readFileSync(path.join(root, 'src/page/index.html'), 'utf8');
  const style = readFileSync(path.join(root, 'src/page/page.css'), 'utf8').trim();
  const { code, packages } = await bundlePage();
  // `</script` cannot appear inside the inline script; the minifier never writes it, but check.
  if (/<\/script/i.test(code))
    throw new Error('the page script contains "</script": cannot inline it');
  const script = code.trim();
  const html = `${template
    .replace('/*__STYLE__*/', () => style)
    .replace('/*__SCRIPT__*/', () => script)
    .trimEnd()}\n<!--\nBundled into this page:\n\n${licences(packages)}\n-->\n`;
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}'`,
    // Plot writes style attributes on its SVG elements.
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

/** `tsx build.ts [--out <dir>]`: dist/ by default (the reproducibility test builds elsewhere). */
async function main(): Promise<void> {
  const { out } = parseArgs({ options: { out: { type: 'string' } }, strict: true }).values;
  const dist = out === undefined ? path.join(root, 'dist') : path.resolve(out);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const { html, csp } = await buildPage();
  writeFileSync(path.join(dist, 'playground.html'), html);
  const openapi = readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8');
  JSON.parse(openapi); // fail the build on a broken document, not the page
  const result = await build({
    entryPoints: [path.join(root, 'src/handler.ts')],
    ...LAMBDA_BUNDLE_OPTIONS,
    write: false,
    logLevel: 'warning',
    absWorkingDir: root,
    define: {
      __PAGE_HTML__: JSON.stringify(html),
      __OPENAPI_JSON__: JSON.stringify(openapi),
      __CSP__: JSON.stringify(csp),
    },
  });
  const code = Buffer.from(result.outputFiles[0]!.contents);
  assertNoAbsolutePath('index.js', code, repoRoot);
  const zip = await buildZip([{ path: 'index.js', data: code }]);
  const d = digest(zip);
  checkLimits('playground.zip', d.size, code.length);
  writeFileSync(path.join(dist, 'playground.zip'), zip);
  // The handlers' manifest schema (lambda-kit/manifest), validated as it is written.
  writeManifest(dist, {
    functions: [
      {
        name: 'playground',
        routes: [...PLAYGROUND_ROUTES],
        zip: 'playground.zip',
        handler: 'index.handler',
        ...d,
      },
    ],
  });
  console.log(
    `playground.zip  sha256 ${d.sha256}  ${formatSize(d.size)} zipped; page ${formatSize(Buffer.byteLength(html))}`,
  );
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main();
}
