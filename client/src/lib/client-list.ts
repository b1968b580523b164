// Lists of clients (tenant ids, '*' for every client) as the People page shows and takes them.
// Pure, the words passed in, so the unit tests read it without the Svelte runtime.

/** A client of the reader's floor: its id and the name it is shown by. */
export interface ClientRef {
  id: string;
  name: string;
}

/**
 * A list of client ids as people read it: each by its name in `names` (the reader's own
 * clients' only, so another client shows as its id, never its name), in the list's order;
 * `every` (the page's words for it) when the list holds '*'.
 */
export function clientList(ids: readonly string[], names: Readonly<Record<string, string>>, every: string): string {
  return ids.includes('*') ? every : ids.map((id) => names[id] ?? id).join(', ');
}

/** The ids of a list of clients, '*' (every client, no id) left out. */
export function clientIds(ids: readonly string[]): string[] {
  return ids.filter((id) => id !== '*');
}

/**
 * What a field of comma-separated client ids offers as its value is typed (a datalist): the
 * ids typed before the last comma with one more of `clients` after them, each labelled by that
 * client's name, in the order given; `every` ('*', labelled so) first when nothing is typed
 * before it and the field may take it (null: it may not).
 */
export function clientChoices(typed: string, clients: readonly ClientRef[], every: string | null): { value: string; label: string }[] {
  const comma = typed.lastIndexOf(',');
  const chosen = comma < 0 ? [] : typed.slice(0, comma).split(',').map((id) => id.trim()).filter(Boolean);
  if (chosen.includes('*')) return [];
  const more = clients.filter((c) => !chosen.includes(c.id)).map((c) => ({ value: [...chosen, c.id].join(', '), label: c.name }));
  return every !== null && chosen.length === 0 ? [{ value: '*', label: every }, ...more] : more;
}
