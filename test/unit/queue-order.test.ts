import { describe, expect, it } from 'vitest';
import { compareQueues } from '../../client/src/lib/queue-order.ts';

describe('queue order on screens', () => {
  it('puts numbered queues in number order within a tenant, tenants first', () => {
    const names = (qs: { tenant: string; name: string }[]) => qs.map((q) => `${q.tenant}/${q.name}`);
    const queues = ['q10', 'q2', 'q1', 'q19', 'q20', 'q3'].map((name) => ({ tenant: 't01', name }));
    queues.push({ tenant: 't00', name: 'q9' }, { tenant: 't10', name: 'q0' }, { tenant: 't2', name: 'q0' });
    expect(names([...queues].sort(compareQueues('en')))).toEqual(['t00/q9', 't01/q1', 't01/q2', 't01/q3', 't01/q10', 't01/q19', 't01/q20', 't2/q0', 't10/q0']);
  });

  it('keeps names without numbers in alphabetical order', () => {
    const queues = ['sales', 'billing', 'Support'].map((name) => ({ tenant: 'acme', name }));
    expect([...queues].sort(compareQueues('en')).map((q) => q.name)).toEqual(['billing', 'sales', 'Support']);
  });

  it("orders by the page's language, not the browser's: in zh-TW Han names by strokes and before Latin ones", () => {
    // 王 has 4 strokes and 客 9, though 客 (U+5BA2) comes before 王 (U+738B) in code points.
    const queues = ['客服', '王牌', 'Billing', 'q10', 'q2'].map((name) => ({ tenant: 'acme', name }));
    expect([...queues].sort(compareQueues('en')).map((q) => q.name)).toEqual(['Billing', 'q2', 'q10', '客服', '王牌']);
    expect([...queues].sort(compareQueues('zh-TW')).map((q) => q.name)).toEqual(['王牌', '客服', 'Billing', 'q2', 'q10']);
  });
});
