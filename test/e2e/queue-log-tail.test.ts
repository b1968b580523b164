import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { startServer } from '../helpers/server.ts';

const run = browserAvailable();

describe.runIf(run)('a live queue_log tail on an open wallboard', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tail-e2e-')), 'queue_log');
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    writeFileSync(file, '1763600000|NONE|NONE|NONE|QUEUESTART|\n');
    server = await startServer({ TIMEZONE: 'UTC', QUEUE_LOG_TAIL: file }, Date.parse('2026-11-20T10:00:00Z'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.base}/`);
    await page.locator('[data-testid=connection]').getByText('Live').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a call appended by another process within a second', async () => {
    const epoch = Math.floor(Date.parse('2026-11-20T09:59:50Z') / 1000);
    const t0 = Date.now();
    appendFileSync(file, `${epoch}|1763.1|Support|NONE|ENTERQUEUE||0912|1\n`);
    const waiting = page.locator('[data-testid=queue-tile][data-queue=Support] [data-testid=waiting]');
    await expect.poll(() => waiting.textContent().catch(() => null), { timeout: 1000, interval: 50 }).toBe('1');
    expect(Date.now() - t0).toBeLessThan(1000);
    appendFileSync(file, `${epoch + 8}|1763.1|Support|SIP/201|CONNECT|8|x|2\n`);
    await expect.poll(() => waiting.textContent(), { timeout: 1000, interval: 50 }).toBe('0');
  });
});
