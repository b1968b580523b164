/**
 * What a heap grew by between two V8 heap snapshots, per connected screen: bytes and objects by
 * kind and constructor, and the backing stores of arrays by what holds them (an object's field,
 * or an event's list in a listener table). Made for bench/ws-screens.ts HEAP_SNAPSHOT=<prefix>:
 *   node --max-old-space-size=8000 --import tsx bench/heap-diff.ts <prefix>-before.heapsnapshot <prefix>-with.heapsnapshot <screens> [rows]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Self bytes and node counts by key. */
type Sums = Map<string, { count: number; bytes: number }>;

function add(sums: Sums, key: string, bytes: number): void {
  const s = sums.get(key) ?? { count: 0, bytes: 0 };
  s.count++;
  s.bytes += bytes;
  sums.set(key, s);
}

/** Sums of one snapshot: by kind and constructor, and array backing stores by holder and field. */
function sumsOf(file: string): { byConstructor: Sums; arraysByHolder: Sums } {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const { node_fields: nf, node_types, edge_fields: ef, edge_types } = s.snapshot.meta;
  const [types, edgeTypes] = [node_types[0], edge_types[0]];
  const [nl, el] = [nf.length, ef.length];
  const [ti, ni, si, eci] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [eti, eni, eto] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const { nodes: n, edges: e, strings } = s;
  const byConstructor: Sums = new Map();
  const firstEdge: number[] = [];
  for (let i = 0, edge = 0; i < n.length; i += nl) {
    firstEdge.push(edge);
    edge += n[i + eci] * el;
    const type = types[n[i + ti]];
    const name = type.endsWith('string') ? '' : type === 'code' || type === 'hidden' ? strings[n[i + ni]].slice(0, 40) : strings[n[i + ni]];
    add(byConstructor, `${type} ${name}`, n[i + si]);
  }
  const edgeName = (x: number) => (['element', 'hidden'].includes(edgeTypes[e[x + eti]]) ? '#' : strings[e[x + eni]]);
  // An array's bytes are its JSArray and its elements store (V8 grows the store by half plus 16).
  const arrayBytes = new Map<number, number>();
  for (let i = 0, k = 0; i < n.length; i += nl, k++) {
    if (types[n[i + ti]] !== 'object' || strings[n[i + ni]] !== 'Array') continue;
    let bytes = n[i + si];
    for (let j = 0, x = firstEdge[k]; j < n[i + eci]; j++, x += el) if (edgeName(x) === 'elements') bytes += n[e[x + eto] + si];
    arrayBytes.set(i, bytes);
  }
  const arraysByHolder: Sums = new Map();
  const counted = new Set<number>();
  for (let i = 0, k = 0; i < n.length; i += nl, k++) {
    for (let j = 0, x = firstEdge[k]; j < n[i + eci]; j++, x += el) {
      const to = e[x + eto];
      const bytes = arrayBytes.get(to);
      const field = edgeName(x);
      if (bytes === undefined || counted.has(to) || ['weak', 'shortcut'].includes(edgeTypes[e[x + eti]]) || field === '__proto__') continue;
      counted.add(to);
      add(arraysByHolder, `${strings[n[i + ni]]}.${field}`, bytes);
    }
  }
  return { byConstructor, arraysByHolder };
}

/** Rows of `after` less `before`, per screen, largest growth first. */
function growth(before: Sums, after: Sums, screens: number, rows: number): string[] {
  return [...after]
    .map(([key, a]) => ({ key, count: (a.count - (before.get(key)?.count ?? 0)) / screens, bytes: (a.bytes - (before.get(key)?.bytes ?? 0)) / screens }))
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, rows)
    .map((r) => `${r.bytes.toFixed(1).padStart(9)} B ${r.count.toFixed(2).padStart(7)}  ${r.key}`);
}

const [beforeFile, afterFile, screensText, rowsText] = process.argv.slice(2);
if (!beforeFile || !afterFile || !(Number(screensText) > 0)) {
  console.error('usage: heap-diff.ts <before.heapsnapshot> <with.heapsnapshot> <screens> [rows]');
  process.exit(2);
}
const [screens, rows] = [Number(screensText), Number(rowsText ?? 30)];
const [before, after] = [sumsOf(beforeFile), sumsOf(afterFile)];
let total = 0;
for (const [key, a] of after.byConstructor) total += a.bytes - (before.byConstructor.get(key)?.bytes ?? 0);
console.log(`${(total / screens).toFixed(0)} B of heap per screen in all (self sizes); by kind and constructor (bytes, objects per screen):`);
for (const line of growth(before.byConstructor, after.byConstructor, screens, rows)) console.log(line);
console.log("arrays (with their elements) by holder and field, a listener table's by event:");
for (const line of growth(before.arraysByHolder, after.arraysByHolder, screens, Math.min(rows, 12))) console.log(line);
