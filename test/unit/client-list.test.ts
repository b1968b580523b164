import { describe, expect, it } from 'vitest';
import { clientChoices, clientIds, clientList } from '../../client/src/lib/client-list.ts';

const NAMES = { 'acme-telecom': 'Acme Telecom', 'jade-bank': '玉山銀行' };

describe("clients on the People page: by the reader's own clients' names, ids where it has none", () => {
  it('names each client of a list in its order, another client by its id, and "every client" for *', () => {
    expect(clientList(['jade-bank', 'acme-telecom'], NAMES, 'every client')).toBe('玉山銀行, Acme Telecom');
    expect(clientList(['acme-telecom', 'other'], NAMES, 'every client')).toBe('Acme Telecom, other');
    expect(clientList(['*'], NAMES, '所有客戶')).toBe('所有客戶');
    expect(clientList([], NAMES, 'every client')).toBe('');
    // The ids for the tooltip: '*' is no id.
    expect(clientIds(['*'])).toEqual([]);
    expect(clientIds(['jade-bank', 'other'])).toEqual(['jade-bank', 'other']);
  });

  it('offers the clients not yet typed, after the ids typed before the last comma, each by its name', () => {
    const clients = [
      { id: 'acme-telecom', name: 'Acme Telecom' },
      { id: 'jade-bank', name: '玉山銀行' },
      { id: 'kite', name: 'Kite Air' },
    ];
    // Nothing typed yet: every client first when the field takes it, then each client.
    expect(clientChoices('', clients, 'every client')).toEqual([
      { value: '*', label: 'every client' },
      { value: 'acme-telecom', label: 'Acme Telecom' },
      { value: 'jade-bank', label: '玉山銀行' },
      { value: 'kite', label: 'Kite Air' },
    ]);
    // What is being typed after the last comma is what the list completes; ids before it stay as typed, spaces tidied.
    expect(clientChoices('jade-bank ,ac', clients, 'every client')).toEqual([
      { value: 'jade-bank, acme-telecom', label: 'Acme Telecom' },
      { value: 'jade-bank, kite', label: 'Kite Air' },
    ]);
    expect(clientChoices('kite, jade-bank, ', clients, null)).toEqual([{ value: 'kite, jade-bank, acme-telecom', label: 'Acme Telecom' }]);
    // A field that may not take '*' (a manager's, a display's) never offers it; after '*' nothing more.
    expect(clientChoices('', clients, null).map((c) => c.value)).toEqual(['acme-telecom', 'jade-bank', 'kite']);
    expect(clientChoices('*, ', clients, 'every client')).toEqual([]);
    expect(clientChoices('', [], null)).toEqual([]);
  });
});
