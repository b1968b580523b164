import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QueueLogTranslator, memberId } from '../../server/ingest/queue-log.ts';
import { agentView } from '../../server/views/agent-view.ts';
import { queueDayRow } from '../../server/views/queue-rows.ts';
import { fixture, replayQueueLog } from '../helpers/queue-log.ts';

const day = (s: string) => Date.parse(`${s}T12:00:00Z`);

describe('queue_log lines to canonical events', () => {
  const t = () => new QueueLogTranslator('acme', 'pbx1');

  it('maps a call through the queue', () => {
    const tr = t();
    expect(tr.line('1675555753|1675555752.0|Support|NONE|ENTERQUEUE||200|1', 1).events).toEqual([
      { id: expect.stringMatching(/^ql-[0-9a-f]{16}-0$/), type: 'call.queued', ts: 1675555753000, tenant: 'acme', callId: '1675555752.0', queueId: 'Support' },
    ]);
    expect(tr.line('1675555761|1675555752.0|Support|PJSIP/400|CONNECT|8|1675555753.1|7', 2).events[0]).toMatchObject({ type: 'call.answered', agentId: '400', queueId: 'Support' });
    expect(tr.line('1675555766|1675555752.0|Support|PJSIP/400|COMPLETEAGENT|8|5|1', 3).events.map((e) => e.type)).toEqual(['call.ended', 'call.wrapped']);
  });

  it('maps every way out of the queue', () => {
    const tr = t();
    const out = (verb: string, data: string) => tr.line(`1677019422|1.1|Support|NONE|${verb}|${data}`, 1).events[0];
    expect(out('ABANDON', '1|1|20')).toMatchObject({ type: 'call.abandoned' });
    expect(out('EXITWITHTIMEOUT', '1|1|20')).toMatchObject({ type: 'call.dequeued', reason: 'timeout' });
    expect(out('EXITEMPTY', '1|1|3')).toMatchObject({ type: 'call.dequeued', reason: 'overflow' });
    expect(out('EXITWITHKEY', '5|1|1|9')).toMatchObject({ type: 'call.dequeued', reason: 'transfer' });
    expect(out('WITHDRAW', '1|1|30|info')).toMatchObject({ type: 'call.dequeued', reason: 'callback' });
  });

  it('ends the conversation on transfers', () => {
    for (const line of ['1|c|IT|Agent/1128|ATTENDEDTRANSFER|||6|30|1', '1|c|IT|SIP/7|BLINDTRANSFER|200|from-internal|6|30|1', '1|c|IT|SIP/7|TRANSFER|200|ctx|6|30']) {
      expect(t().line(line.replace(/^1/, '1543833653'), 1).events.map((e) => [e.type, e.disposition])).toEqual([
        ['call.ended', undefined],
        ['call.wrapped', 'transferred'],
      ]);
    }
  });

  it('follows members across queues, pauses and logoffs', () => {
    const tr = t();
    const ev = (line: string) => tr.line(`1543598990|x|${line}`, 1).events[0];
    expect(ev('IT|Local/1127@callback-agent|ADDMEMBER|')).toMatchObject({ type: 'agent.login', agentId: '1127', queues: ['IT'], state: 'available' });
    expect(ev('Sales|SIP/1127|ADDMEMBER|')).toMatchObject({ type: 'agent.login', queues: ['IT', 'Sales'] });
    expect(ev('IT|SIP/1127|PAUSE|Lunch')).toMatchObject({ type: 'agent.state', state: 'aux', reason: 'Lunch' });
    expect(ev('NONE|SIP/1127|UNPAUSEALL|')).toMatchObject({ type: 'agent.state', state: 'available' });
    expect(ev('NONE|SIP/1127|PAUSEALL|')).toMatchObject({ type: 'agent.state', state: 'aux', reason: 'paused' });
    expect(ev('Sales|SIP/1127|REMOVEMEMBER|')).toMatchObject({ type: 'agent.login', queues: ['IT'], state: 'aux', reason: 'paused' });
    expect(ev('IT|SIP/1127|REMOVEMEMBER|')).toMatchObject({ type: 'agent.logout', agentId: '1127' });
    expect(ev('NONE|Agent/1001|AGENTLOGIN|SIP/1001')).toMatchObject({ type: 'agent.login', agentId: '1001' });
    expect(ev('NONE|Agent/1001|AGENTLOGOFF|SIP/1001|3600')).toMatchObject({ type: 'agent.logout' });
    expect(ev('IT|Local/2001@from-queue/n|ADDMEMBER|PAUSED')).toMatchObject({ type: 'agent.login', agentId: '2001', state: 'aux', reason: 'paused' });
  });

  it('skips ring attempts, restarts and unknown verbs, counting them', () => {
    const tr = t();
    expect(tr.line('1543602687|1543602660.197|IT|Agent/1141|RINGNOANSWER|10000', 1)).toEqual({ events: [], ignored: 'RINGNOANSWER' });
    expect(tr.line('1479122702|NONE|NONE|NONE|QUEUESTART|', 2)).toEqual({ events: [], ignored: 'QUEUESTART' });
    expect(tr.line('1543601975|1543601975.170|NONE|Agent/1127|OUTDIAL|XXXX42||0|0', 3)).toEqual({ events: [], ignored: 'OUTDIAL' });
    expect(tr.stats).toMatchObject({ ignored: { RINGNOANSWER: 1, QUEUESTART: 1 }, unknown: { OUTDIAL: 1 } });
  });

  it('reports a malformed line with its number and reads on', () => {
    const tr = t();
    expect(tr.line('garbage', 7).error).toBe('line 7: expected epoch|callid|queue|agent|VERB|data, got 1 field(s)');
    expect(tr.line('16755557|c|Support|NONE|ENTERQUEUE', 8).error).toBe('line 8: "16755557" is not an epoch in seconds');
    expect(tr.line('1675555753|c|Support|NONE|ENTER QUEUE', 9).error).toBe('line 9: "ENTER QUEUE" is not a verb');
    expect(tr.line('1675555753|NONE|NONE|NONE|ENTERQUEUE||1|1', 10).error).toBe('line 10: ENTERQUEUE needs a callid and a queue');
    expect(tr.line('1675555753|c|Support|NONE|ENTERQUEUE||200|1', 11).events).toHaveLength(1);
  });

  it('gives the same line the same ids, and another source other ids', () => {
    const line = '1675555753|1675555752.0|Support|NONE|ENTERQUEUE||200|1';
    expect(t().line(line, 1).events[0].id).toBe(t().line(line, 99).events[0].id);
    expect(new QueueLogTranslator('acme', 'pbx2').line(line, 1).events[0].id).not.toBe(t().line(line, 1).events[0].id);
  });

  it('names agents by the number behind any member interface', () => {
    expect(['Agent/1127', 'Local/1127@callback-agent', 'Local/1127@from-queue/n', 'SIP/1127', 'PJSIP/1127', '1127'].map(memberId)).toEqual(Array(6).fill('1127'));
    expect(memberId('NONE')).toBeNull();
  });
});

describe('what a queue_log translator keeps is bounded, whatever the feed sends', () => {
  const t = () => new QueueLogTranslator('acme', 'pbx1');

  it('adds a member to at most 500 queues (a login names at most 500): each ADDMEMBER past them is an error, read in constant time', () => {
    // Before: every ADDMEMBER announced all the member's queues, so 20,000 of them were 20,000^2 / 2
    // queue names copied and validated: one 0.9 MB request held the server 39 s (health 9.4 s).
    const tr = t();
    const results = Array.from({ length: 600 }, (_, i) => tr.line(`1543598990|NONE|q${i}|SIP/1127|ADDMEMBER|`, i + 1));
    expect(results.slice(0, 500).every((r) => r.events.length === 1 && !r.error)).toBe(true);
    expect(results[499].events[0].queues).toHaveLength(500);
    expect(results[500]).toEqual({ events: [], error: 'line 501: member 1127 is in 500 queues already; q500 is not added' });
    expect(results.slice(500).every((r) => r.events.length === 0)).toBe(true);
    // A queue it is in already is no new one, and announces nothing.
    expect(tr.line('1543598991|NONE|q7|SIP/1127|ADDMEMBER|', 601)).toEqual({ events: [], ignored: 'membership unchanged' });
  });

  it('announces a membership once: repeated ADDMEMBER and REMOVEMEMBER lines of another epoch change nothing', () => {
    // Each login names all the member's queues: 1,000 repeats of one line in a member of 500 queues
    // were 1,000 logins of 500 queues each (a probe's 0.6 MB of queue_log made 219 MB of events).
    const tr = t();
    for (let i = 0; i < 500; i++) tr.line(`1543598990|NONE|q${i}|SIP/1127|ADDMEMBER|`, i + 1);
    const repeats = Array.from({ length: 1000 }, (_, i) => tr.line(`${1543599000 + i}|NONE|q7|SIP/1127|ADDMEMBER|`, 501 + i));
    expect(repeats.flatMap((r) => r.events)).toEqual([]);
    expect(tr.stats.ignored['membership unchanged']).toBe(1000);
    // Removing a queue it is not in: nothing; one it is in: a login of the other 499.
    expect(tr.line('1543600000|NONE|elsewhere|SIP/1127|REMOVEMEMBER|', 1501).events).toEqual([]);
    expect(tr.line('1543600001|NONE|q7|SIP/1127|REMOVEMEMBER|', 1502).events[0].queues).toHaveLength(499);
    // What does change still speaks: paused by a repeat, and back after a logoff.
    expect(tr.line('1543600002|NONE|q8|SIP/1127|ADDMEMBER|PAUSED', 1503).events[0]).toMatchObject({ type: 'agent.login', state: 'aux', reason: 'paused' });
    expect(tr.line('1543600003|NONE|NONE|SIP/1127|AGENTLOGOFF|', 1504).events[0]).toMatchObject({ type: 'agent.logout' });
    expect(tr.line('1543600004|NONE|q8|SIP/1127|ADDMEMBER|', 1505).events[0]).toMatchObject({ type: 'agent.login', agentId: '1127' });
  });

  it('remembers at most 50,000 members (the agents a tenant may have): a line naming one more is an error', () => {
    const tr = t();
    for (let i = 0; i < 50_000; i++) tr.line(`1543598990|NONE|IT|SIP/m${i}|ADDMEMBER|`, i + 1);
    expect(tr.line('1543598991|NONE|IT|SIP/extra|ADDMEMBER|', 50_001)).toEqual({ events: [], error: 'line 50001: member extra would be more than 50000 members of this source' });
    expect(tr.line('1543598991|NONE|IT|SIP/extra|PAUSE|Lunch', 50_002).error).toBe('line 50002: member extra would be more than 50000 members of this source');
    // Members it knows go on.
    expect(tr.line('1543598992|NONE|IT|SIP/m7|PAUSE|Lunch', 50_003).events[0]).toMatchObject({ type: 'agent.state', agentId: 'm7', reason: 'Lunch' });
  });

  it('refuses a queue, member or pause reason longer than an event may carry, before it sticks to the member', () => {
    // Before: the 201-character queue stayed in the member's queues, and every later login of the member
    // carried it and was rejected; a 300-character pause reason likewise.
    const tr = t();
    const long = 'Q'.repeat(201);
    expect(tr.line(`1543598990|NONE|${long}|SIP/1127|ADDMEMBER|`, 1).error).toBe('line 1: queue "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"… (201 characters) is longer than 200 characters');
    expect(tr.line(`1543598990|NONE|IT|SIP/1127|PAUSE|${'r'.repeat(300)}`, 2).error).toBe('line 2: reason "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"… (300 characters) is longer than 200 characters');
    expect(tr.line(`1543598990|NONE|IT|SIP/${'9'.repeat(250)}|ADDMEMBER|`, 3).error).toBe('line 3: member "9999999999999999999999999999999999999999"… (250 characters) is longer than 200 characters');
    expect(tr.line('1543598991|NONE|Sales|SIP/1127|ADDMEMBER|', 4).events[0]).toMatchObject({ queues: ['Sales'], state: 'available' });
  });

  it('counts at most 100 kinds of unknown verb, the rest as (other), and takes no verb of more than 32 letters', () => {
    const tr = t();
    const verb = (i: number) => `V${String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))}`;
    for (let i = 0; i < 150; i++) tr.line(`1543598990|NONE|NONE|NONE|${verb(i)}|`, i + 1);
    expect(Object.keys(tr.stats.unknown)).toHaveLength(101);
    expect(tr.stats.unknown['(other)']).toBe(50);
    expect(tr.line(`1543598990|NONE|NONE|NONE|${'A'.repeat(33)}|`, 151).error).toBe('line 151: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" is not a verb');
  });
});

describe('real queue_log samples, reconstructed by hand', () => {
  it('MalariaPBX: 8 calls in Support and sales, outcome by outcome', () => {
    const { engine, errors } = replayQueueLog(fixture('malariapbx-calls.queue_log'));
    expect(errors).toEqual([]);
    const support = engine.queue('default', 'Support')!;
    const sales = engine.queue('default', 'sales')!;
    // 2023-02-05: answered by 400 after 8 s, 5 s of talk (COMPLETEAGENT).
    expect(queueDayRow(engine, support, day('2023-02-05'))).toMatchObject({ offered: 1, answered: 1, answeredInSL: 1, asaSeconds: 8, ahtSeconds: 5 });
    // 2023-02-06: one abandoned after 20 s (in SL threshold, so abandonsInSlMet counts it), one answered after 4 s and talked 104 s.
    expect(queueDayRow(engine, support, day('2023-02-06'))).toMatchObject({ offered: 2, answered: 1, abandoned: 1, shortAbandoned: 0, abandonedInSL: 1, asaSeconds: 4, ahtSeconds: 104, maxWaitSeconds: 20 });
    // 2023-02-09: abandoned after 12 s by the line times (Asterisk's own waittime field says 11).
    expect(queueDayRow(engine, support, day('2023-02-09'))).toMatchObject({ offered: 1, abandoned: 1, maxWaitSeconds: 12 });
    // 2023-02-12: abandoned after 17 s.
    expect(queueDayRow(engine, support, day('2023-02-12'))).toMatchObject({ offered: 1, abandoned: 1, maxWaitSeconds: 17 });
    // 2023-02-21: one abandoned after 20 s, one timed out after 20 s (a flow-out); sales: abandoned after 8 s.
    expect(queueDayRow(engine, support, day('2023-02-21'))).toMatchObject({ offered: 2, abandoned: 1, flowedOut: 1, serviceLevel: 0, abandonRate: 0.5 });
    expect(queueDayRow(engine, sales, day('2023-02-21'))).toMatchObject({ offered: 1, abandoned: 1, maxWaitSeconds: 8 });
    expect(engine.counters.anomalies).toBe(0);
  });

  it('PBXware: seven calls of queue IT', () => {
    const { engine, errors, translator } = replayQueueLog(fixture('pbxware-calls.queue_log'));
    expect(errors).toEqual([]);
    expect(translator.stats.unknown).toEqual({ OUTDIAL: 1, OUTCANCEL: 1 });
    const it = engine.queue('default', 'IT')!;
    // 2018-11-30: four answered by 1141 after 6, 5, 21 and 103 s; talks 112, 5, 153 and 897 s.
    expect(queueDayRow(engine, it, day('2018-11-30'))).toMatchObject({
      offered: 4, answered: 4, answeredInSL: 2, asaSeconds: 135 / 4, ahtSeconds: 1167 / 4, maxWaitSeconds: 103, serviceLevel: 0.5,
    });
    // 2018-12-03: one answered by 1128 after 6 s and transferred after 30 s; two abandoned after 191 and 197 s.
    expect(queueDayRow(engine, it, day('2018-12-03'))).toMatchObject({ offered: 3, answered: 1, abandoned: 2, asaSeconds: 6, ahtSeconds: 30, serviceLevel: 1 / 3, abandonRate: 2 / 3, maxWaitSeconds: 197 });
    expect(engine.queue('default', 'IT')!.dispositions.size).toBe(1); // the transfer
    expect(agentView(engine, engine.agent('default', '1141')!)).toMatchObject({ state: 'available', queues: ['IT'] });
  });

  it('changes nothing when the same lines are replayed', () => {
    const first = replayQueueLog(fixture('pbxware-calls.queue_log'));
    const again = replayQueueLog(fixture('pbxware-calls.queue_log'), first.engine, first.translator);
    expect(first.engine.counters.duplicates).toBe(again.events);
    expect(queueDayRow(first.engine, first.engine.queue('default', 'IT')!, day('2018-11-30')).offered).toBe(4);
  });

  it('survives garbage, truncated and shuffled lines', () => {
    const lines = fixture('malariapbx-calls.queue_log').trim().split('\n');
    // The first call's end arrives before it is queued and answered; garbage and a truncated line between.
    const mangled = [lines[2], lines[0], 'not|a|line', lines[3].slice(0, 16), '\u0000\u0001', lines[1], ...lines.slice(3)].join('\n');
    const { engine, errors } = replayQueueLog(mangled);
    expect(errors).toEqual([
      'line 3: expected epoch|callid|queue|agent|VERB|data, got 3 field(s)',
      'line 4: expected epoch|callid|queue|agent|VERB|data, got 2 field(s)',
      'line 5: expected epoch|callid|queue|agent|VERB|data, got 1 field(s)',
    ]);
    expect(queueDayRow(engine, engine.queue('default', 'Support')!, day('2023-02-05'))).toMatchObject({ offered: 1, answered: 1, asaSeconds: 8, ahtSeconds: 5 });
    expect(queueDayRow(engine, engine.queue('default', 'Support')!, day('2023-02-06'))).toMatchObject({ offered: 2, answered: 1, abandoned: 1 });
  });
});

const SHARED = new URL('../../../shared/fixtures/asterisk-queue-log/', import.meta.url);
const haveShared = existsSync(SHARED);
if (!haveShared) {
  if (process.env.CI === 'true') throw new Error(`CI=true but the shared fixtures are missing at ${SHARED.pathname}`);
  console.warn(`\n!!! SKIPPING full queue_log samples: ${SHARED.pathname} is not beside this checkout !!!\n`);
}

describe.runIf(haveShared)('the whole real samples (../shared)', () => {
  for (const [file, calls] of [['pbxware_voipreports1.queue_log', 108], ['malariapbx_realtime.queue_log', 8]] as const) {
    it(`${file}: parses without a crash and accounts for every call`, () => {
      const { engine, errors } = replayQueueLog(readFileSync(new URL(file, SHARED), 'utf8'));
      expect(errors).toEqual([]);
      let offered = 0;
      let left = 0;
      for (const q of engine.allQueues()) {
        for (const b of q.buckets.values()) {
          offered += b.offered;
          left += b.answered + b.abandoned + b.flowedOut;
        }
        left += q.waiting.size;
      }
      expect(offered).toBe(calls);
      expect(left).toBe(offered); // answered + abandoned + flowed out + still waiting = offered
    });
  }
});
