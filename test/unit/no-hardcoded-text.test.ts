import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findHardcodedText } from '../helpers/svelte-text.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT = join(ROOT, 'client/src');

/** Latin text allowed in markup: the brand, and the seconds unit. Keep it short: everything else goes through t(). */
const ALLOWED = new Set(['Floorboard', 's']);

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []));
}

describe('hard-coded English in components', () => {
  it('is found in text nodes and visible attributes, and not in expressions, scripts, styles, code or other attributes', () => {
    const sample = `<script lang="ts">
  const label = 'Not markup';
</script>

<header title="Centre time" data-testid="header-x">
  <h2>Agents {count}</h2>
  <span class="muted {tone}" aria-label={t('x.y')}>{t('a.b', { name: 'inside an expression' })}</span>
  <input placeholder="Search {what}" />
  <p>{@html nothing}<code>/api/v1/events</code> · 80%</p>
  <!-- a comment in English -->
  <a href="#/">Floorboard</a> 20s
  <svg><text>{\`template \${'with braces }'} literal\`}</text><title>scheduled: {b.label}</title></svg>
</header>
<style>
  .muted { color: grey; }
</style>
`;
    expect(findHardcodedText(sample, ALLOWED)).toEqual([
      { line: 5, where: 'title', text: 'Centre time' },
      { line: 6, where: 'text', text: 'Agents' },
      { line: 8, where: 'placeholder', text: 'Search ' },
      { line: 12, where: 'text', text: 'scheduled:' },
    ]);
  });

  it('is absent from every .svelte file under client/src', () => {
    const files = svelteFiles(CLIENT);
    expect(files.length).toBeGreaterThanOrEqual(15);
    const found = files.flatMap((f) => findHardcodedText(readFileSync(f, 'utf8'), ALLOWED).map((h) => `${relative(ROOT, f)}:${h.line} ${h.where}: ${h.text}`));
    expect(found).toEqual([]);
  });
});
