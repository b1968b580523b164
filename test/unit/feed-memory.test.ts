/**
 * What a feed's translator keeps, and what the engine keeps of the ids it emits, holds nothing
 * of the line they were read from. V8 keeps a substring of 13 or more characters (split, slice)
 * as a view of its whole parent string, so an id cut from a 100 KB queue_log line or Amazon
 * Connect ARN kept all 100 KB alive for as long as the id lived: a queue id or member for good.
 * One request of 1 MiB lines (the line limit) naming new members or queues kept 1 MiB each.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { AmazonConnectTranslator } from '../../server/ingest/amazon-connect.ts';
import { QueueLogTranslator, type CanonicalInput } from '../../server/ingest/queue-log.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const LINES = 200;
const PAD = 100_000;

/** Heap bytes still held, after a full collection, by what `build` returns and keeps. */
function retained(build: () => unknown): { bytes: number; kept: unknown } {
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  collect();
  return { bytes: process.memoryUsage().heapUsed - before, kept };
}

function apply(engine: Engine, events: readonly CanonicalInput[]): void {
  for (const e of events) {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(v.error);
    engine.apply(v.event);
  }
}

describe('ids read from long feed lines', () => {
  it('keep none of 200 queue_log lines of 100 KB, in the translator or the engine', () => {
    // 200 members added to 200 new queues and 200 calls queued there: 20 MB of lines, ids of 15-25 characters.
    const { bytes, kept } = retained(() => {
      const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      const tr = new QueueLogTranslator('acme', 'pbx1');
      const tail = 'x'.repeat(PAD);
      for (let i = 0; i < LINES; i++) {
        apply(engine, tr.line(`1796180000|NONE|queue-number-${i}-long|PJSIP/member-number-${i}|ADDMEMBER|${tail}${i}`, 2 * i + 1).events);
        apply(engine, tr.line(`1796180001|call-number-${i}-abcdef|queue-number-${i}-long|NONE|ENTERQUEUE|${tail}${i}`, 2 * i + 2).events);
      }
      return [engine, tr];
    });
    expect((kept as [Engine])[0].size()).toEqual({ queues: LINES, agents: LINES });
    // Before: 40 MB (each of the 400 lines, held by an id cut from it); the floor itself is well under 4 MB.
    expect(bytes).toBeLessThan(4_000_000);
  });

  it('keep none of 200 Amazon Connect ARNs of 100 KB in the engine', () => {
    const { bytes, kept } = retained(() => {
      const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      const tr = new AmazonConnectTranslator('acme');
      const arn = 'arn:aws:connect:ap-northeast-1:1:instance/i/' + 'x'.repeat(PAD);
      for (let i = 0; i < LINES; i++) {
        const record = {
          EventType: 'LOGIN',
          EventTimestamp: '2026-11-30T01:00:00.000Z',
          AgentARN: `${arn}${i}/agent/agent-number-${i}-long`,
          CurrentAgentSnapshot: { AgentStatus: { Name: 'Available', Type: 'ROUTABLE', StartTimestamp: '2026-11-30T01:00:00.000Z' }, Configuration: { RoutingProfile: { InboundQueues: [{ ARN: `${arn}${i}/queue/queue-number-${i}-long` }] } } },
        };
        apply(engine, tr.record(JSON.parse(JSON.stringify(record)), i + 1).events);
      }
      return engine;
    });
    expect((kept as Engine).size()).toEqual({ queues: LINES, agents: LINES });
    // Before: 40 MB (each agent and queue id held its ARN).
    expect(bytes).toBeLessThan(4_000_000);
  });
});
