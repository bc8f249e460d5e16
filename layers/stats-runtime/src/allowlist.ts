/**
 * What the stats-runtime layer provides, and nothing else.
 *
 * The layer build turns this list into `nodejs/node_modules/<module>/index.js`
 * files (plus one file per lazy import), and the handler bundler (packages/handlers/build.ts) marks exactly
 * these module names as external, so a function never bundles what the layer
 * already ships and never requires what the layer does not have.
 */
export interface LayerModule {
  /** The bare specifier handlers `import` (and the bundle `require`s). */
  readonly name: string;
  /** Why it lives in the layer rather than in each function zip. */
  readonly why: string;
  /**
   * Third-party packages that may be bundled INTO this module's file. The
   * layer build fails if the bundle pulls in anything else, so a new
   * dependency of the core is a deliberate edit here, not a surprise.
   * An entry ending in `/*` allows a whole scope.
   */
  readonly bundles: readonly string[];
  /**
   * Imports of this module that are bundled into a file of their own and
   * required on first use instead of at load (see {@link LazyImport}).
   */
  readonly lazy?: readonly LazyImport[];
}

/**
 * A package the module imports only on a path most requests never take. Its
 * bundle goes to `nodejs/node_modules/<module>/<file>`, and the module's
 * `import { names } from specifier` becomes getters that require that file
 * on first access, so loading the module costs nothing for it. The named
 * exports are listed because the separate bundle keeps only those (a name
 * the package lacks fails the build; a name the module imports but this
 * list lacks would be undefined at run time, which the layer test catches
 * by running the high-precision path from the built layer).
 */
export interface LazyImport {
  readonly specifier: string;
  readonly names: readonly string[];
  readonly file: string;
  readonly why: string;
}

/*
 * Deliberately NOT in the layer: valibot and the handlers' JSON logger.
 * They are bundled into each function, tree-shaken to what that function
 * uses (about 10 KB together), so a function never depends on a layer
 * version for its HTTP edge. The AWS SDK is not used at all.
 */
export const layerModules: readonly LayerModule[] = [
  {
    name: '@lambda-stats/stats-core',
    why:
      'Every function calls the stats core. It is bundled with mathjs ' +
      'into ONE CommonJS file (its distribution tails are its own code): module loading, not code size, dominates ' +
      'a Node cold start (mathjs unbundled costs ~0.7 s of resolving hundreds of files), and ' +
      'bundling the core together with mathjs lets esbuild keep only the mathjs factories ' +
      'the core imports. mathjs is therefore not a separate module of the layer: functions ' +
      'reach it only through the core. The endpoint functions bundle their own tree-shaken ' +
      "part of the core instead of requiring this file at load (compiling all of it was most of a cold start's " +
      'module load; docs/building.md, "The stats core in each function"), and require only its lazy files ' +
      'from here; the jobs and analytics functions require the whole core.',
    lazy: [
      {
        specifier: 'mathjs',
        names: ['BigNumberDependencies'],
        file: 'mathjs.js',
        why:
          "Only the high-precision path (ols/polyfit's BigNumber solve) uses mathjs, and its " +
          'BigNumber (decimal.js, 32 KB minified) cost about 2 ms of every cold start to ' +
          'compile and initialise; split off, a float64 request never loads it.',
      },
      {
        specifier: '@lambda-stats/stats-core/partial',
        // Every runtime export of the core's `./partial` entry (a layer test
        // checks the list against the entry itself).
        names: [
          'CHI2_MAX_CELLS',
          'F_ONEWAY_MAX_GROUPS',
          'MAX_STATE_BYTES',
          'NO_PLACES',
          'PARTIAL_STATISTICS',
          'STATE_VERSION',
          'chi2ContingencyEmpty',
          'chi2ContingencyFinalize',
          'chi2ContingencyLabels',
          'chi2ContingencyMerge',
          'chi2ContingencyPartial',
          'describeEmpty',
          'describeFinalize',
          'describeMerge',
          'describePartial',
          'fOnewayEmpty',
          'fOnewayFinalize',
          'fOnewayLabels',
          'fOnewayMerge',
          'fOnewayPartial',
          'linregressEmpty',
          'linregressFinalize',
          'linregressMerge',
          'linregressPartial',
          'olsEmpty',
          'olsFinalize',
          'olsMerge',
          'olsPartial',
          'olsPartialColumns',
          'parseChi2ContingencyState',
          'parseDescribeState',
          'parseFOnewayState',
          'parseLinregressState',
          'parseOlsState',
          'parsePartialState',
          'parsePearsonrState',
          'parsePolyfitState',
          'parseTtest1sampState',
          'parseTtestIndState',
          'parseTtestRelState',
          'partialMerge',
          'pearsonrEmpty',
          'pearsonrFinalize',
          'pearsonrMerge',
          'pearsonrPartial',
          'polyfitEmpty',
          'polyfitFinalize',
          'polyfitMerge',
          'polyfitPartial',
          'ttest1sampEmpty',
          'ttest1sampFinalize',
          'ttest1sampMerge',
          'ttest1sampPartial',
          'ttestIndEmpty',
          'ttestIndFinalize',
          'ttestIndMerge',
          'ttestIndPartial',
          'ttestRelEmpty',
          'ttestRelFinalize',
          'ttestRelMerge',
          'ttestRelPartial',
          'withDecimalPlaces',
        ],
        file: 'partial.js',
        why:
          'The partial/merge/finalize forms (jobs over chunks) are used only by the job ' +
          'worker and reducer; in the core file they added 36 KB to what every ' +
          'statistics endpoint loads at cold start. As their own file, require(' +
          "'@lambda-stats/stats-core/partial') loads them where they are needed.",
      },
    ],
    bundles: [
      'mathjs',
      // mathjs's own runtime dependencies
      '@babel/runtime',
      'complex.js',
      'decimal.js',
      'escape-latex',
      'fraction.js',
      'javascript-natural-sort',
      'seedrandom',
      'tiny-emitter',
      'typed-function',
      // the robust statistics' medians and Theil-Sen order statistics (Floyd-Rivest selection, 1 KB)
      'quickselect',
    ],
  },
  {
    name: '@lambda-stats/tabular',
    why:
      'CSV and JSON Lines reading (packages/tabular). Only a text/csv request uses it: the ' +
      "handler imports its CSV mapping on the first such request, and that mapping's require " +
      'of this module runs then. Bundled into each function zip it added about 30 KB of ' +
      'JavaScript that every cold start compiled (+0.7 ms CPU, measured A/B; see ' +
      'docs/data-input.md), JSON-only requests included. It has no dependencies; node:zlib is ' +
      'loaded only for gzip input.',
    bundles: [],
  },
];

/** The module names a handler bundle must leave as `require(...)` calls. */
export const layerExternals: readonly string[] = layerModules.map((m) => m.name);

/** Packages that only the layer may contain; a function bundle including one is a build error. */
export const layerOnlyPackages: readonly string[] = layerModules.flatMap((m) => [
  m.name,
  ...m.bundles,
]);

/** Does `pkg` (a package name) match an allowlist entry (exact, or `@scope/*`)? */
export function matchesPackage(pkg: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('/*') ? pkg.startsWith(p.slice(0, -1)) : pkg === p));
}
