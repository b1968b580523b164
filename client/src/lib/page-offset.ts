/** Paging a list the server pages by `offset` and `limit`, where the server clamps an offset past the end. */

/**
 * The offset to show once a page of a list of `count` items came back (`size` a page): `asked`
 * while it starts a page with items; at or past the end (the list shrank under the page, which
 * the server answers with an empty page at `count`) the start of the last page, so rows are
 * shown and "previous" steps back from them, not from past the end. 0 for an empty list.
 */
export function offsetAfterPage(asked: number, count: number, size: number): number {
  if (asked < count) return asked;
  return count > 0 ? Math.floor((count - 1) / size) * size : 0;
}
