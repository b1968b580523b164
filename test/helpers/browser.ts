import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. Without Chromium they skip with a loud message, except in CI
 * (CI=true), where a missing browser is a failure: nothing may skip there.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) {
    // Browser tests open the built client: `npm test` builds it before vitest runs.
    if (!existsSync(new URL('../../client/dist/index.html', import.meta.url))) throw new Error('client/dist is missing: `npm test` builds it first (npm run build)');
    return true;
  }
  if (process.env.CI === 'true') throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium)`);
  console.warn(`\n!!! SKIPPING BROWSER TESTS: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH) !!!\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}
