import { z } from 'zod';

/** Decimal text as a person or a spreadsheet writes a number: "12", "-0.5", ".5", "1e3", spaces around allowed. */
const DECIMAL_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * A number field of an import row or a query: a JSON number, or decimal text (a CSV cell and a
 * query parameter are always text); `error` is the refusal's message.
 * `z.coerce.number` read null, "", " " and [] as 0, [7] as 7, true as 1 and "0x10" as 16; here
 * anything but a finite number or decimal text is "must be a number".
 */
export function numberField(error = 'must be a number') {
  return z.preprocess((v) => (typeof v === 'string' && DECIMAL_TEXT.test(v) ? Number(v) : v), z.number({ error }));
}

/** An optional column's schema that reads an empty CSV cell as the column left out, not as a value. */
export function optionalCell<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}
