import { StringDecoder } from 'node:string_decoder';

/** The longest line any reader accepts (characters); longer ones are skipped with an error. */
export const MAX_LINE_CHARS = 1024 * 1024;

/** One line of a stream and its 1-based number, or why the line was skipped. */
export interface NumberedLine {
  line: string;
  lineNo: number;
  /** Set when the line could not be taken (too long); `line` is then empty. */
  error?: string;
  /** The line's value when it came already parsed (a record of a JSON array body). */
  value?: unknown;
}

/** The error line for a line over the limit. */
export function tooLong(lineNo: number, limit = MAX_LINE_CHARS): NumberedLine {
  return { line: '', lineNo, error: `line ${lineNo}: longer than the limit of ${limit} characters; skipped` };
}

/**
 * Lines of a byte stream as they arrive, a chunk's worth at a time, without holding the whole
 * stream: only the current chunk and an unfinished last line are in memory. `head` is bytes
 * already read from it. Time is linear in the stream: each chunk is searched for newlines
 * once, and a line longer than `maxLine` is dropped as it grows (reported, then skipped to its
 * newline) instead of being held.
 */
export async function* readLineBatches(
  stream: AsyncIterable<Buffer | string>,
  head: Buffer[] = [],
  maxBytes = Infinity,
  maxLine = MAX_LINE_CHARS,
): AsyncGenerator<NumberedLine[]> {
  const decoder = new StringDecoder('utf8');
  let pieces: string[] = [];
  let pending = 0;
  let skipping = false;
  let lineNo = 0;
  let bytes = 0;
  async function* chunks() {
    yield* head;
    yield* stream;
  }
  const finish = (tail: string): NumberedLine => {
    lineNo++;
    if (skipping || pending + tail.length > maxLine) {
      skipping = false;
      pieces = [];
      pending = 0;
      return tooLong(lineNo, maxLine);
    }
    const line = pieces.length ? pieces.join('') + tail : tail;
    pieces = [];
    pending = 0;
    return { line, lineNo };
  };
  for await (const chunk of chunks()) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > maxBytes) throw new StreamTooLarge(maxBytes);
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const batch: NumberedLine[] = [];
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      batch.push(finish(text.slice(start, nl)));
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (!skipping && rest.length) {
      pending += rest.length;
      if (pending > maxLine) {
        skipping = true;
        pieces = [];
      } else pieces.push(rest);
    }
    if (batch.length) yield batch;
  }
  const last = decoder.end();
  if (pieces.length || last.length || skipping) yield [finish(last)];
}

/** The same, one line at a time. */
export async function* readLines(stream: AsyncIterable<Buffer | string>, head: Buffer[] = [], maxBytes = Infinity): AsyncGenerator<NumberedLine> {
  for await (const batch of readLineBatches(stream, head, maxBytes)) yield* batch;
}

export class StreamTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`stream is larger than the limit of ${limit} bytes`);
  }
}
