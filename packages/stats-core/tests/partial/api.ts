// The one-shot functions (the package's main entry) and the partial forms
// (its `./partial` entry), as the tests use them side by side.
export * from '../../src/index';
export * from '../../src/partial/index';
