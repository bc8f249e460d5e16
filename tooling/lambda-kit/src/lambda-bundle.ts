/**
 * How every Lambda function of the project is bundled (the endpoint, jobs
 * and analytics functions in packages/handlers/build.ts, the playground's
 * in packages/playground/build.ts): one minified CommonJS file for the
 * managed nodejs22.x runtime, without licence comments (the builds list
 * the bundled packages themselves). Plain data, so this package does not
 * depend on esbuild; spread it into esbuild's `build` options.
 */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  legalComments: 'none',
} as const;

/**
 * Throws unless `output` is free of the absolute path `repoRoot`: a bundle
 * that names the build machine's checkout is not reproducible elsewhere.
 */
export function assertNoAbsolutePath(file: string, output: Uint8Array, repoRoot: string): void {
  if (Buffer.from(output).includes(Buffer.from(repoRoot))) {
    throw new Error(`${file} contains the absolute path ${repoRoot}`);
  }
}
