/**
 * Name order as `localeCompare` has it (the same default locale). Not faster in general: sorting
 * 20,000 names took 38-42 ms against localeCompare's 40-73 ms for Chinese ones, but 33-42 ms
 * against 16-24 ms for ASCII ones (Node 20, one process, 2026-12-02).
 */
export const byName = new Intl.Collator().compare;
