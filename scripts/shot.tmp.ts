import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/pgdev/ud-'), { executablePath: '/usr/bin/chromium-headless-shell', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'], viewport: { width: 1440, height: 900 } });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
for (const stat of (process.argv[2] ?? 'linregress').split(',')) {
  await page.goto((process.env.BASE ?? 'http://127.0.0.1:8765') + '/playground?statistic=' + stat + '&example=1');
  await page.waitForSelector('[data-testid=plot-main]', { timeout: 10000 }).catch(() => console.log('no plot for', stat));
  console.log(stat, await page.locator('[data-testid=plot-main] .data-points circle').count(), await page.locator('#error').textContent());
  await page.screenshot({ path: `/tmp/pgdev/${stat}.png`, fullPage: true });
}
await ctx.close();
