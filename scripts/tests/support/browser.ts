/// <reference lib="dom" />
/**
 * Debian's Chromium driven by playwright-core (which downloads no browser):
 * the binary from LAMBDA_STATS_CHROMIUM or Debian's usual paths, the flags
 * of a locked-down CI run, a fresh profile directory removed on close.
 * `make test` installs chromium-headless-shell first (scripts/ci/install-chromium.sh).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
];

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const configured = process.env.LAMBDA_STATS_CHROMIUM;
  const found = [configured, ...CANDIDATES].find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests: run `make browser` (installs Debian's chromium-headless-shell), or set LAMBDA_STATS_CHROMIUM to a Chromium binary.",
    );
  }
  return found;
}

/** The Chromium major version the pinned playwright-core was built against. */
export function expectedChromiumMajor(): number {
  const require = createRequire(import.meta.url);
  const file = path.join(
    path.dirname(require.resolve('playwright-core/package.json')),
    'browsers.json',
  );
  const browsers = JSON.parse(readFileSync(file, 'utf8')) as {
    browsers: { name: string; browserVersion: string }[];
  };
  const shell = browsers.browsers.find((b) => b.name === 'chromium-headless-shell');
  return Number(shell?.browserVersion.split('.')[0]);
}

export interface Browser {
  context: BrowserContext;
  version: string;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'lambda-stats-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  const version = context.browser()?.version() ?? (await probeVersion(context));
  return {
    context,
    version,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function probeVersion(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  const ua = await page.evaluate(() => navigator.userAgent);
  await page.close();
  return ua.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown';
}
