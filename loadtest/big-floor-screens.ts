/**
 * Screenshots of one tenant's wallboard on the big floor (20 tenants × 40 queues × 1,000
 * agents, generated events stamped now): the top, the agent board scrolled deep, and a search.
 *   node --import tsx loadtest/big-floor-screens.ts <output dir>   (needs `npm run build` first)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config/config.ts';
import { createApp } from '../server/http/app.ts';
import { launchChromium } from '../test/helpers/browser.ts';

const out = process.argv[2] ?? '/work/notes/screens';
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-shots-'));
const config = loadConfig({ SIMULATOR: 'off', LOG_LEVEL: 'warn', DATA_DIR: dataDir }, '/nonexistent');
const app = await createApp({ config });
const port = await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${port}`;

const TENANTS = 20;
const QUEUES = 40;
const AGENTS = 1000;
const now = Date.now();
const tenant = (i: number) => `t${String(i).padStart(2, '0')}`;
let lines: string[] = [];
async function flush(): Promise<void> {
  if (!lines.length) return;
  const res = await fetch(`${base}/api/v1/events`, { method: 'POST', body: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
  if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
  lines = [];
}
for (let t = 0; t < TENANTS; t++) {
  for (let a = 0; a < AGENTS; a++) {
    const e = { tenant: tenant(t), agentId: `a${a}` };
    // Logged in over the last half hour, so times in state differ.
    const at = now - 1_800_000 + a * 1500;
    lines.push(JSON.stringify({ id: `l-${t}-${a}`, type: 'agent.login', ts: at, ...e, name: `Agent ${a}`, teamId: `team${a % 25}`, queues: [`q${a % QUEUES}`, `q${(a + 1) % QUEUES}`], state: 'available' }));
    if (a % 7 === 3) lines.push(JSON.stringify({ id: `x-${t}-${a}`, type: 'agent.state', ts: at + 60_000, ...e, state: 'aux', reason: a % 2 ? 'break' : 'lunch' }));
    if (a % 5 === 1) {
      // A call queued and answered: the agent is talking, and the queue has numbers today.
      const call = `c-${t}-${a}`;
      const q = `q${a % QUEUES}`;
      lines.push(JSON.stringify({ id: `${call}:q`, type: 'call.queued', ts: at + 100_000, tenant: tenant(t), callId: call, queueId: q }));
      lines.push(JSON.stringify({ id: `${call}:a`, type: 'call.answered', ts: at + 100_000 + (a % 40) * 1000, tenant: tenant(t), callId: call, queueId: q, agentId: `a${a}` }));
    }
    if (a % 50 === 7) lines.push(JSON.stringify({ id: `w-${t}-${a}`, type: 'call.queued', ts: now - 45_000, tenant: tenant(t), callId: `w-${t}-${a}`, queueId: `q${a % QUEUES}` }));
    if (lines.length >= 5000) await flush();
  }
}
await flush();

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${base}/#/`);
  await page.locator('[data-testid=tenant-filter]').selectOption('t03');
  await page.locator('[data-testid=agent-board] tbody tr').first().waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'big-floor-t03-top.png'), fullPage: true });
  const board = page.locator('[data-testid=agent-board-scroll]');
  await board.scrollIntoViewIfNeeded();
  await board.evaluate((el) => (el.scrollTop = 20_000));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'big-floor-t03-board-scrolled.png') });
  await page.locator('[data-testid=board-search]').fill('Agent 12');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'big-floor-t03-board-search.png') });
  const rows = await page.locator('[data-testid=agent-board] tbody tr').count();
  console.log(`screenshots in ${out}; rows in the DOM after the search: ${rows}`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
