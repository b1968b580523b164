import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { AmazonConnectTranslator } from '../../server/ingest/amazon-connect.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import { agentIntervalRow, agentView } from '../../server/views/agent-view.ts';
import { queueDayRow } from '../../server/views/queue-rows.ts';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/amazon-connect/${name}`, import.meta.url), 'utf8'));
const translate = (records: unknown[]) => {
  const t = new AmazonConnectTranslator('default');
  return records.flatMap((r, i) => {
    const out = t.record(r, i + 1);
    if (out.error) throw new Error(out.error);
    return out.events;
  });
};
const apply = (records: unknown[], engine = new Engine({ timezone: 'UTC', retentionDays: 31 })) => {
  for (const e of translate(records)) {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(v.error);
    engine.apply(v.event);
  }
  return engine;
};

describe('Amazon Connect agent event stream', () => {
  it('derives after-call work from an ENDED contact and its disappearance', () => {
    const events = translate([sample('aes_2019_doc_block1_STATE_CHANGE.json'), sample('aes_2019_doc_block2_STATE_CHANGE.json')]);
    expect(events.map((e) => [e.type, new Date(e.ts).toISOString()])).toEqual([
      ['call.answered', '2019-05-25T18:55:21.011Z'],
      ['call.answered', '2019-05-25T18:55:21.011Z'], // the same step from the current snapshot: one id, deduplicated
      ['call.ended', '2019-05-25T18:55:27.017Z'],
      ['call.answered', '2019-05-25T18:55:21.011Z'],
      ['call.ended', '2019-05-25T18:55:27.017Z'],
      ['call.wrapped', '2019-05-25T18:55:32.022Z'],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(events[0]).toMatchObject({ callId: 'ContactId-1', agentId: 'agent-ARN', queueId: 'queue-ARN-for-BasicQueue', direction: 'outbound' });
  });

  it('moves the agent through talking and 5.005 s of ACW, and counts no queue statistic for an outbound contact', () => {
    const engine = apply([sample('aes_2019_doc_block1_STATE_CHANGE.json'), sample('aes_2019_doc_block2_STATE_CHANGE.json')]);
    engine.tick(Date.parse('2019-05-25T18:56:00Z'));
    const agent = engine.agent('default', 'agent-ARN')!;
    const row = agentIntervalRow(engine, agent, Date.parse('2019-05-25T18:30:00Z'), Date.parse('2019-05-25T19:00:00Z'));
    expect(row.seconds.talking).toBeCloseTo(6.006, 9);
    expect(row.seconds.acw).toBeCloseTo(5.005, 9);
    expect(row.callsHandled).toBe(1);
    expect(agentView(engine, agent).state).toBe('available');
    expect(queueDayRow(engine, engine.queue('default', 'queue-ARN-for-BasicQueue')!, Date.parse('2019-05-25T12:00:00Z')).offered).toBe(0);
    expect(engine.counters.anomalies).toBe(0);
  });

  it('ignores a heartbeat', () => {
    const out = new AmazonConnectTranslator('default').record(sample('aes_doc_HEART_BEAT_fixed.json'), 1);
    expect(out).toEqual({ events: [], ignored: 'HEART_BEAT' });
  });

  it('maps status changes to aux with the status name, and Offline to logout', () => {
    const base = sample('aes_2019_doc_block2_STATE_CHANGE.json');
    const withStatus = (name: string, type: string) => ({
      ...base,
      EventId: name,
      CurrentAgentSnapshot: { ...base.CurrentAgentSnapshot, AgentStatus: { Name: name, Type: type, StartTimestamp: '2019-05-25T19:00:00.000Z' }, Contacts: [] },
      PreviousAgentSnapshot: { ...base.PreviousAgentSnapshot, Contacts: [] },
    });
    const t = new AmazonConnectTranslator('default');
    expect(t.record(withStatus('Lunch', 'CUSTOM'), 1).events).toEqual([expect.objectContaining({ type: 'agent.state', state: 'aux', reason: 'lunch', ts: Date.parse('2019-05-25T19:00:00.000Z') })]);
    expect(t.record(withStatus('Offline', 'OFFLINE'), 2).events).toEqual([expect.objectContaining({ type: 'agent.logout' })]);
  });
});

describe('Amazon Connect contact events', () => {
  it('maps an inbound CONNECTED_TO_AGENT to queued and answered after 5 s', () => {
    const engine = apply([sample('contact_event_doc_CONNECTED_TO_AGENT_detail_only.json')]);
    const q = engine.queue('default', '12345678-1234-1234-1234-123456789012')!;
    expect(queueDayRow(engine, q, Date.parse('2021-08-04T12:00:00Z'))).toMatchObject({ offered: 1, answered: 1, asaSeconds: 5, answeredInSL: 1 });
  });

  it('reads an EventBridge envelope with mixed-case keys without a crash', () => {
    const events = translate([sample('contact_event_doc_DISCONNECTED_eventbridge_envelope_fixed.json')]);
    // An outbound contact: answered and ended for the agent, never queued.
    expect(events.map((e) => e.type)).toEqual(['call.answered', 'call.ended']);
    expect(events[0]).toMatchObject({ agentId: 'arn', direction: 'outbound' });
  });

  it('counts a disconnect before any agent as an abandon', () => {
    const engine = apply([
      { eventType: 'QUEUED', contactId: 'c9', initiationMethod: 'INBOUND', channel: 'VOICE', queueInfo: { queueArn: 'arn:q/queue/sales', enqueueTimestamp: '2021-08-04T10:00:00.000Z' } },
      { eventType: 'DISCONNECTED', contactId: 'c9', initiationMethod: 'INBOUND', channel: 'VOICE', disconnectTimestamp: '2021-08-04T10:00:03.000Z', queueInfo: { queueArn: 'arn:q/queue/sales', enqueueTimestamp: '2021-08-04T10:00:00.000Z' } },
    ]);
    expect(queueDayRow(engine, engine.queue('default', 'sales')!, Date.parse('2021-08-04T12:00:00Z'))).toMatchObject({ offered: 1, abandoned: 1, shortAbandoned: 1 });
  });

  it('rejects a record that is neither kind, naming the line', () => {
    expect(new AmazonConnectTranslator('default').record({ hello: 1 }, 4).error).toBe('line 4: neither an agent event stream record nor a contact event (no EventType)');
    expect(new AmazonConnectTranslator('default').record([1], 5).error).toBe('line 5: a record must be a JSON object');
  });

  it("refuses a record whose EventType, AgentARN or ContactId is there but not a string, naming the field, not 'no EventType'", () => {
    const one = (record: object) => new AmazonConnectTranslator('default').record(record, 2);
    const state = sample('aes_2019_doc_block2_STATE_CHANGE.json');
    // An EventType of the wrong kind was read as none: the line said it had no EventType.
    expect(one({ ...state, EventType: ['STATE_CHANGE'] })).toEqual({ events: [], error: 'line 2: EventType: must be a string, got an array of 1' });
    expect(one({ eventType: 5, contactId: 'c1' })).toEqual({ events: [], error: 'line 2: EventType: must be a string, got 5' });
    // An AgentARN that is a number was 'agent event needs AgentARN and EventTimestamp', as if missing.
    expect(one({ ...state, AgentARN: 12345 })).toEqual({ events: [], error: 'line 2: AgentARN: must be a string, got 12345' });
    // A contact event's ContactId of the wrong kind was 'no EventType' though its EventType was there.
    expect(one({ eventType: 'QUEUED', contactId: { id: 'c1' }, queueInfo: { queueArn: 'arn:q/queue/sales', enqueueTimestamp: '2021-08-04T10:00:00.000Z' } })).toEqual({ events: [], error: 'line 2: ContactId: must be a string, got an object' });
    // A string EventType of neither shape says what it lacks.
    expect(one({ EventType: 'STATE_CHANGE', AgentARN: 'arn:x/agent/a1', EventTimestamp: '2021-08-04T10:00:00.000Z' })).toEqual({ events: [], error: 'line 2: an EventType "STATE_CHANGE" record with neither CurrentAgentSnapshot (an agent event) nor ContactId (a contact event)' });
  });
});

describe('Amazon Connect timestamps', () => {
  const refusal = (where: string, ts: string, offset: string) => `${where}: ${JSON.stringify(ts)} has the UTC offset ${offset}: an offset is from -14:00 to +14:00`;
  const queued = (enqueueTimestamp: string) => ({ eventType: 'QUEUED', contactId: 'c7', initiationMethod: 'INBOUND', channel: 'VOICE', queueInfo: { queueArn: 'arn:q/queue/sales', enqueueTimestamp } });

  it("refuses an agent record's EventTimestamp with an offset past +14:00, as a canonical event's ts is", () => {
    const record = { ...sample('aes_2019_doc_block2_STATE_CHANGE.json'), EventTimestamp: '2019-05-25T18:55:32.022+15:00' };
    expect(new AmazonConnectTranslator('default').record(record, 3)).toEqual({ events: [], error: refusal('line 3: EventTimestamp', '2019-05-25T18:55:32.022+15:00', '+15:00') });
  });

  it('refuses the whole record for a bad timestamp of one contact in a snapshot, naming where it is', () => {
    // Without the check the contact's call.ended (read from a good StateStartTimestamp) would still be kept.
    const base = sample('aes_2019_doc_block2_STATE_CHANGE.json');
    const [contact] = base.PreviousAgentSnapshot.Contacts;
    const record = { ...base, PreviousAgentSnapshot: { ...base.PreviousAgentSnapshot, Contacts: [{ ...contact, ConnectedToAgentTimestamp: '2019-05-25T18:55:21.011+99:00' }] } };
    expect(new AmazonConnectTranslator('default').record(record, 2)).toEqual({
      events: [],
      error: refusal('line 2: PreviousAgentSnapshot.Contacts[0].ConnectedToAgentTimestamp', '2019-05-25T18:55:21.011+99:00', '+99:00'),
    });
  });

  it("refuses a contact event's enqueueTimestamp 30 minutes past the widest offset, and minutes of 60", () => {
    const t = new AmazonConnectTranslator('default');
    expect(t.record(queued('2021-08-04T10:00:00.000+14:30'), 1).error).toBe(refusal('line 1: queueInfo.enqueueTimestamp', '2021-08-04T10:00:00.000+14:30', '+14:30'));
    expect(t.record(queued('2021-08-04T10:00:00.000-0960'), 2).error).toBe(refusal('line 2: queueInfo.enqueueTimestamp', '2021-08-04T10:00:00.000-0960', '-0960'));
  });

  it('takes the ends of the range: 10:00+14:00 is 20:00 UTC the day before, 10:00-14:00 is 00:00 UTC the next day', () => {
    const t = new AmazonConnectTranslator('default');
    expect(t.record(queued('2021-08-04T10:00:00.000+14:00'), 1).events.map((e) => e.ts)).toEqual([Date.parse('2021-08-03T20:00:00Z')]);
    expect(t.record(queued('2021-08-04T10:00:00.000-14:00'), 2).events.map((e) => e.ts)).toEqual([Date.parse('2021-08-05T00:00:00Z')]);
  });

  it('refuses the whole record for a timestamp that is there but not a string (a number, true, an object, a list), naming where it is', () => {
    // Each was read as "no time": the step was dropped without a word and the rest of the record kept.
    const t = new AmazonConnectTranslator('default');
    const base = sample('aes_2019_doc_block2_STATE_CHANGE.json');
    const [contact] = base.PreviousAgentSnapshot.Contacts;
    const withContact = (c: unknown) => ({ ...base, PreviousAgentSnapshot: { ...base.PreviousAgentSnapshot, Contacts: [c] } });
    const must = 'must be an ISO-8601 time as a string, got';
    // Before: the outbound contact's answered and ended were kept, its queued step (QueueTimestamp 5) silently none.
    expect(t.record(withContact({ ...contact, QueueTimestamp: 5 }), 2)).toEqual({ events: [], error: `line 2: PreviousAgentSnapshot.Contacts[0].QueueTimestamp: ${must} 5` });
    expect(t.record(withContact({ ...contact, StateStartTimestamp: { at: 1 } }), 2).error).toBe(`line 2: PreviousAgentSnapshot.Contacts[0].StateStartTimestamp: ${must} an object`);
    // Before: the vaguer "agent event needs AgentARN and EventTimestamp".
    expect(t.record({ ...base, EventTimestamp: true }, 3).error).toBe(`line 3: EventTimestamp: ${must} true`);
    expect(t.record({ ...queued('2021-08-04T10:00:00.000Z'), queueInfo: { queueArn: 'arn:q/queue/sales', enqueueTimestamp: 1628071200000 } }, 1)).toEqual({
      events: [],
      error: `line 1: queueInfo.enqueueTimestamp: ${must} 1628071200000`,
    });
    expect(t.record({ ...queued('2021-08-04T10:00:00.000Z'), eventType: 'DISCONNECTED', disconnectTimestamp: ['2021-08-04T10:01:00.000Z'] }, 4).error).toBe(`line 4: disconnectTimestamp: ${must} an array of 1`);
  });

  it('leaves a timestamp the record does not have (null) as before: the step is not there', () => {
    // Block 1's contact has "QueueTimestamp": null (an outbound contact); its steps still come through.
    expect(translate([sample('aes_2019_doc_block1_STATE_CHANGE.json')]).map((e) => e.type)).toEqual(['call.answered', 'call.answered', 'call.ended']);
  });
});

describe('Amazon Connect record shapes', () => {
  const base = () => sample('aes_2019_doc_block2_STATE_CHANGE.json');
  const [ended] = base().PreviousAgentSnapshot.Contacts;
  /** Block 2 with its current snapshot's Contacts replaced. */
  const withContacts = (contacts: unknown) => ({ ...base(), CurrentAgentSnapshot: { ...base().CurrentAgentSnapshot, Contacts: contacts } });
  const refuse = (record: unknown, line = 2) => new AmazonConnectTranslator('default').record(record, line);

  it('refuses a snapshot whose Contacts is a number, a string or an object, quoting a short prefix', () => {
    expect(refuse(withContacts(5))).toEqual({ events: [], error: 'line 2: CurrentAgentSnapshot.Contacts: must be a list of contacts, got 5' });
    // 50 characters: the first 40 are quoted, then the length.
    expect(refuse(withContacts('x'.repeat(50))).error).toBe(`line 2: CurrentAgentSnapshot.Contacts: must be a list of contacts, got "${'x'.repeat(40)}"… (50 characters)`);
    expect(refuse(withContacts({ ContactId: 'c1' })).error).toBe('line 2: CurrentAgentSnapshot.Contacts: must be a list of contacts, got an object');
  });

  it('refuses the whole record for a null contact after a good one, naming its index', () => {
    // Without the check the good contact's answered and ended steps were read before the null threw.
    expect(refuse(withContacts([ended, null]))).toEqual({ events: [], error: 'line 2: CurrentAgentSnapshot.Contacts[1]: must be an object, got null' });
  });

  it('refuses a contact that is not an object in the previous snapshot, which was skipped without a word', () => {
    const record = { ...base(), PreviousAgentSnapshot: { ...base().PreviousAgentSnapshot, Contacts: [ended, 5] } };
    expect(refuse(record, 3)).toEqual({ events: [], error: 'line 3: PreviousAgentSnapshot.Contacts[1]: must be an object, got 5' });
  });

  it("refuses a contact's State, InitiationMethod or ContactId that is not a string, and a Queue that is not an object", () => {
    expect(refuse(withContacts([{ ...ended, State: 5 }])).error).toBe('line 2: CurrentAgentSnapshot.Contacts[0].State: must be a string, got 5');
    expect(refuse(withContacts([{ ...ended, InitiationMethod: ['OUTBOUND'] }])).error).toBe('line 2: CurrentAgentSnapshot.Contacts[0].InitiationMethod: must be a string, got an array of 1');
    expect(refuse(withContacts([{ ...ended, ContactId: 7 }])).error).toBe('line 2: CurrentAgentSnapshot.Contacts[0].ContactId: must be a string, got 7');
    expect(refuse(withContacts([{ ...ended, Queue: 'BasicQueue' }])).error).toBe('line 2: CurrentAgentSnapshot.Contacts[0].Queue: must be an object, got "BasicQueue"');
  });

  it('refuses a routing profile whose InboundQueues is not a list of objects', () => {
    const profile = base().CurrentAgentSnapshot.Configuration.RoutingProfile;
    const withQueues = (queues: unknown) => {
      const b = base();
      return { ...b, EventType: 'LOGIN', CurrentAgentSnapshot: { ...b.CurrentAgentSnapshot, Configuration: { ...b.CurrentAgentSnapshot.Configuration, RoutingProfile: { ...profile, InboundQueues: queues } } } };
    };
    const where = 'line 2: CurrentAgentSnapshot.Configuration.RoutingProfile.InboundQueues';
    expect(refuse(withQueues('q')).error).toBe(`${where}: must be a list of queues, got "q"`);
    expect(refuse(withQueues([profile.InboundQueues[0], null])).error).toBe(`${where}[1]: must be an object, got null`);
  });

  it('refuses a snapshot, status or configuration that is not an object', () => {
    expect(refuse({ ...base(), PreviousAgentSnapshot: 'gone' }).error).toBe('line 2: PreviousAgentSnapshot: must be an object, got "gone"');
    expect(refuse({ ...base(), CurrentAgentSnapshot: [] }).error).toBe('line 2: CurrentAgentSnapshot: must be an object, got an array of 0');
    expect(refuse({ ...base(), CurrentAgentSnapshot: { ...base().CurrentAgentSnapshot, AgentStatus: 'Available' } }).error).toBe('line 2: CurrentAgentSnapshot.AgentStatus: must be an object, got "Available"');
    expect(refuse({ ...base(), CurrentAgentSnapshot: { ...base().CurrentAgentSnapshot, Configuration: true } }).error).toBe('line 2: CurrentAgentSnapshot.Configuration: must be an object, got true');
  });

  it("refuses a contact event's queueInfo or agentInfo that is not an object, and an envelope's detail", () => {
    const queued = { eventType: 'QUEUED', contactId: 'c7', initiationMethod: 'INBOUND', channel: 'VOICE' };
    expect(refuse({ ...queued, queueInfo: 5 }, 1)).toEqual({ events: [], error: 'line 1: queueInfo: must be an object, got 5' });
    expect(refuse({ ...queued, queueInfo: { queueArn: 'arn:q/queue/sales', enqueueTimestamp: '2021-08-04T10:00:00.000Z' }, agentInfo: 'a1' }, 1).error).toBe('line 1: agentInfo: must be an object, got "a1"');
    expect(refuse({ 'detail-type': 'Amazon Connect Contact Event', detail: 5 }, 1).error).toBe('line 1: detail: must be an object, got 5');
  });

  it('still reads a missing or null Contacts, snapshot or queueInfo as none', () => {
    // Same status before and after, no contact before: nothing to emit.
    const quiet = { ...withContacts(null), PreviousAgentSnapshot: { ...base().PreviousAgentSnapshot, Contacts: [] } };
    expect(refuse(quiet)).toEqual({ events: [], ignored: 'STATE_CHANGE' });
    expect(refuse({ ...quiet, CurrentAgentSnapshot: { ...quiet.CurrentAgentSnapshot, Contacts: undefined } })).toEqual({ events: [], ignored: 'STATE_CHANGE' });
    const { PreviousAgentSnapshot: _gone, ...login } = { ...base(), EventType: 'LOGIN' };
    expect(refuse(login).events.map((e) => e.type)).toEqual(['agent.login']);
    expect(refuse({ eventType: 'QUEUED', contactId: 'c7', queueInfo: null }, 1)).toEqual({ events: [], ignored: 'QUEUED' });
  });
});
