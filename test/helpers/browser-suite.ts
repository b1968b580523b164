import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { startServer } from './server.ts';

export interface BrowserSuite {
  server: Awaited<ReturnType<typeof startServer>>;
  browser: Browser;
}

/** A server (`startServer(env, wallNow)`, wallNow epoch ms) and a Chromium for the enclosing describe: up before its tests, closed after. */
export function serverAndBrowser(env: Record<string, string>, wallNow: number): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startServer(env, wallNow);
    suite.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
