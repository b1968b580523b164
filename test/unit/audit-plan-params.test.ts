import { describe, expect, it } from 'vitest';
import { planChangeParams } from '../../server/domain/audit-params.ts';
import { Directory } from '../../server/domain/directory.ts';

const T0 = Date.parse('2026-11-20T09:00:00+08:00');

describe('a plan audit entry as fields (what changed, on which queue and day)', () => {
  it('names each plan change the plan routes answer by a code and the queue, date or what-if its path names', () => {
    expect(planChangeParams('PUT /forecasts/sales/2026-11-20')).toEqual({ change: 'forecast.import', queue: 'sales', date: '2026-11-20' });
    expect(planChangeParams('DELETE /forecasts/sales/2026-11-21')).toEqual({ change: 'forecast.delete', queue: 'sales', date: '2026-11-21' });
    expect(planChangeParams('PUT /schedules/2026-11-20')).toEqual({ change: 'schedule.import', date: '2026-11-20' });
    expect(planChangeParams('POST /queues/care/whatifs')).toEqual({ change: 'whatif.add', queue: 'care' });
    expect(planChangeParams('POST /history')).toEqual({ change: 'history.import' });
    expect(planChangeParams('PUT /calendar')).toEqual({ change: 'calendar.update' });
    expect(planChangeParams('DELETE /queues/care/whatifs/w7')).toEqual({ change: 'whatif.remove', queue: 'care', id: 'w7' });
  });

  it('decodes ids as the routes do (a queue id may hold a slash or a space), and reads a trailing slash as none', () => {
    expect(planChangeParams('PUT /forecasts/eu%2Fsales/2026-11-20')).toEqual({ change: 'forecast.import', queue: 'eu/sales', date: '2026-11-20' });
    expect(planChangeParams('POST /queues/%E5%AE%A2%E6%9C%8D%20a/whatifs/')).toEqual({ change: 'whatif.add', queue: '客服 a' });
  });

  it('names no change for a request of none it knows (the screen shows the detail then)', () => {
    for (const detail of ['GET /forecasts/sales/2026-11-20', 'POST /forecasts/sales/2026-11-20', 'PUT /forecasts/sales', 'PUT /forecasts//2026-11-20', 'PUT /schedules/2026-11-20/extra', 'DELETE /queues/care/whatifs', 'PUT /forecasts/%E0%A4%A/2026-11-20', 'noted by hand', ''])
      expect([detail, planChangeParams(detail)]).toEqual([detail, {}]);
  });

  it('gives plan entries of the directory these fields beside the English detail, and other notes only their detail', () => {
    const d = new Directory();
    d.apply({ kind: 'audit.note', tenants: ['acme'], action: 'plan', detail: 'PUT /forecasts/q1/2026-11-20', at: T0, by: 'plan1' });
    d.apply({ kind: 'audit.note', tenants: ['acme'], action: 'export', detail: 'PUT /forecasts/q1/2026-11-20', at: T0, by: 'plan1' });
    expect(d.audit.map((e) => [e.action, e.detail, e.params])).toEqual([
      ['plan', 'PUT /forecasts/q1/2026-11-20', { detail: 'PUT /forecasts/q1/2026-11-20', change: 'forecast.import', queue: 'q1', date: '2026-11-20' }],
      ['export', 'PUT /forecasts/q1/2026-11-20', { detail: 'PUT /forecasts/q1/2026-11-20' }],
    ]);
  });
});
