import { StringDecoder } from 'node:string_decoder';

/** One line of a stream and its 1-based number. */
export interface NumberedLine {
  line: string;
  lineNo: number;
}

/**
 * Lines of a byte stream as they arrive, a chunk's worth at a time, without holding the whole
 * stream: only the current chunk and an unfinished last line are in memory. `head` is bytes
 * already read from it.
 */
export async function* readLineBatches(stream: AsyncIterable<Buffer | string>, head: Buffer[] = [], maxBytes = Infinity): AsyncGenerator<NumberedLine[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  let bytes = 0;
  async function* chunks() {
    yield* head;
    yield* stream;
  }
  for await (const chunk of chunks()) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > maxBytes) throw new StreamTooLarge(maxBytes);
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl: number;
    let start = 0;
    const batch: NumberedLine[] = [];
    while ((nl = rest.indexOf('\n', start)) >= 0) {
      batch.push({ line: rest.slice(start, nl), lineNo: ++lineNo });
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (batch.length) yield batch;
  }
  rest += decoder.end();
  if (rest.length) yield [{ line: rest, lineNo: ++lineNo }];
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
