/**
 * How deeply outside JSON may nest before it is parsed. V8's JSON.parse takes about 0.25-0.5 ms
 * per thousand levels of `[[[...]]]` in one go (a 1 MB line of them held the event loop 240-480
 * ms), while no event, record or socket message of ours nests past a handful of levels. Text
 * shorter than SCAN_FROM characters cannot nest deeply enough to matter and is not scanned, so
 * the ordinary event pays nothing.
 */
export const MAX_JSON_DEPTH = 64;

/** Characters under which text is parsed without a depth scan: at most 2,048 levels, under a millisecond. */
const SCAN_FROM = 4096;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_SQUARE = 0x5b;
const OPEN_CURLY = 0x7b;
const CLOSE_SQUARE = 0x5d;
const CLOSE_CURLY = 0x7d;

/**
 * Whether JSON text is too deep to parse: at least SCAN_FROM characters long and nesting arrays
 * and objects deeper than `max` levels, brackets within strings not counted. Shorter text is
 * never too deep, whatever its nesting (its parse is cheap). Text that is not JSON is judged the
 * same way; JSON.parse refuses it afterwards. Linear in the text's length (about 2 ms a megabyte).
 */
export function nestsTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  if (text.length < SCAN_FROM) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) depth--;
  }
  return false;
}

/** The words of a refusal for text `nestsTooDeep` judged too deep. */
export const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels`;
