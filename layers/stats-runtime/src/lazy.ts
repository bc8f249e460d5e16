/**
 * The esbuild plugin behind the allowlist's `lazy` imports, shared by the
 * layer build and the handler build: each lazy specifier is served as a
 * CommonJS module of getters that require the split-off file on first
 * access, and that file is left external (resolved at run time).
 */
import type { Plugin } from 'esbuild';
import type { LazyImport } from './allowlist';

/**
 * `requirePath` says where the split-off file is required from: beside
 * the importing file in the layer (`./mathjs.js`, the default), or through
 * NODE_PATH from a function bundle (`@lambda-stats/stats-core/mathjs.js`).
 */
export function lazyImports(
  lazy: readonly LazyImport[],
  requirePath: (l: LazyImport) => string = (l) => `./${l.file}`,
): Plugin {
  const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return {
    name: 'lazy-imports',
    setup(b) {
      for (const l of lazy) {
        b.onResolve({ filter: new RegExp(`^${literally(l.specifier)}$`) }, () => ({
          path: l.specifier,
          namespace: 'lazy',
        }));
        b.onResolve({ filter: new RegExp(`^${literally(requirePath(l))}$`) }, (args) =>
          args.namespace === 'lazy' ? { path: args.path, external: true } : undefined,
        );
      }
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
        const l = lazy.find((x) => x.specifier === args.path) as LazyImport;
        const getters = l.names
          .map((n) => `  get ${n}() { return require(${JSON.stringify(requirePath(l))}).${n}; },`)
          .join('\n');
        return { contents: `module.exports = {\n${getters}\n};\n`, loader: 'js' };
      });
    },
  };
}
