import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { serverAndBrowser } from '../helpers/browser-suite.ts';

const run = browserAvailable();
const SCREENS = process.env.SCREENS_DIR ?? '/tmp/floorboard-tile-alignment';

/**
 * A tile's row of small figures (ASA, ABANDON %, AHT, OFFERED) reads across: at 1920 px five
 * tiles share a row and ABANDON % wrapped to two lines, which pushed its value below the others.
 * A queue tile's labels now fit on one line; another tile's label may still wrap.
 */
describe.runIf(run)('tile figures stay in line and their labels on one line, in headless Chromium', () => {
  const suite = serverAndBrowser({ SIMULATOR: 'on' }, Date.parse('2026-11-20T09:10:00+08:00'));
  beforeAll(() => mkdirSync(SCREENS, { recursive: true }));

  for (const lang of ['en', 'zh-TW'] as const) {
    for (const width of [1920, 1366]) {
      it(`puts the foot of every value of a tile's small row at one height (${lang}, ${width} px)`, async () => {
        const page = await suite.browser.newPage({ viewport: { width, height: 1080 } });
        await page.goto(`${suite.server.base}/?lang=${lang}#/`);
        await page.locator('[data-testid=backlog-tile]').first().waitFor();
        await page.locator('[data-testid=offered]').first().waitFor();
        // Each tile's row of small figures: the foot of each value (its last span; a CJK value's box is taller, so not its top) and each label's height.
        const rows = await page.locator('.small').evaluateAll((els) =>
          els
            .filter((el) => el.closest('.tile') && el.querySelectorAll(':scope > div').length >= 2)
            .map((el) => {
              const cells = [...el.children].filter((c) => c.tagName === 'DIV');
              return {
                feet: cells.map((c) => Math.round((c.lastElementChild as HTMLElement).getBoundingClientRect().bottom)),
                labelHeights: cells.map((c) => Math.round((c.firstElementChild as HTMLElement).getBoundingClientRect().height)),
              };
            }),
        );
        expect(rows.length).toBeGreaterThanOrEqual(8);
        for (const r of rows) expect(new Set(r.feet).size, JSON.stringify(r)).toBe(1);
        // A queue tile's labels each fit on one line (ABANDON % wrapped onto two in every tile, even at
        // 1920 px), and no label or figure is cut or runs into its neighbour: each ends inside its
        // cell, each cell before the next one, the last inside the tile.
        const queueTiles = await page.locator('[data-testid=queue-tile]').evaluateAll((tiles) =>
          tiles.map((tile) => {
            const edge = tile.getBoundingClientRect().right - parseFloat(getComputedStyle(tile).paddingRight);
            const twoLines = [...tile.querySelectorAll('.label')].filter((l) => l.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(l).fontSize)).map((l) => l.textContent);
            const cut: string[] = [];
            for (const row of tile.querySelectorAll('.big, .sl, .small')) {
              const cells = [...row.children].filter((c) => c.classList.contains('kpi') || (row.classList.contains('small') && c.tagName === 'DIV'));
              cells.forEach((c, i) => {
                const box = c.getBoundingClientRect();
                const limit = i + 1 < cells.length ? cells[i + 1].getBoundingClientRect().left : edge;
                for (const part of c.children) if (part.getBoundingClientRect().right > Math.min(box.right, limit) + 0.5 || part.scrollWidth > part.clientWidth + 0.5) cut.push(part.textContent ?? '');
              });
            }
            return { queue: tile.getAttribute('data-queue'), twoLines, cut };
          }),
        );
        expect(queueTiles.length).toBeGreaterThanOrEqual(6);
        for (const t of queueTiles) expect(t, JSON.stringify(t)).toMatchObject({ twoLines: [], cut: [] });
        // The backlog tile's BACKLOG and OLDEST ITEM labels on one line, though the age is written smaller than the count.
        const heads = await page.locator('[data-testid=backlog-tile]').first().evaluate((tile) => [...tile.querySelector('.pair')!.querySelectorAll('.label')].map((l) => Math.round(l.getBoundingClientRect().top)));
        expect(heads).toHaveLength(2);
        expect(heads[0], JSON.stringify(heads)).toBe(heads[1]);
        await page.screenshot({ path: `${SCREENS}/tiles-${lang}-${width}.png` });
        await page.close();
      }, 60_000);
    }
  }
});
