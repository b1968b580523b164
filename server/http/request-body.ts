import type { Request } from 'express';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';
import { clip, quote } from '../validation/quote.ts';
import { StreamTooLarge } from '../ingest/read-lines.ts';
import { HttpError } from './errors.ts';

/** The body encodings a streamed feed may send, and the decompressor of each. */
const DECODERS: Record<string, () => Gunzip | ReturnType<typeof createBrotliDecompress>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * How many times its compressed size a feed body may inflate to. Real feeds stay far below: a
 * simulated day of NDJSON (5.6 MB) is 14.8x in gzip -9 and 19x in brotli 11, its most repetitive
 * kind alone (dial attempts) 18x and 27.6x; the queue_log and Amazon Connect fixtures 2.6-8x.
 * A bomb is far above: gzip reaches about 1,000x, brotli 600,000x (436 bytes to 256 MB), so 1.5 MB
 * of gzip inflated to 1 GiB, 134 M lines, 73 s of CPU. At 100x it stops at 150 MB.
 */
export const MAX_INFLATE_RATIO = 100;

/**
 * Bytes a compressed body may inflate to whatever its ratio, so a batch is never judged by the
 * first chunks zlib hands on: 8 MiB of NDJSON take about 0.5 s to apply, what a bomb may cost.
 */
export const INFLATE_FREE_BYTES = 8 * 1024 * 1024;

/** A compressed body that inflates past MAX_INFLATE_RATIO times what has arrived of it: refused like one past the size limit (413). */
export class InflationTooHigh extends StreamTooLarge {
  constructor(encoding: string, inflated: number, compressed: number) {
    super(MAX_INFLATE_RATIO * compressed);
    this.message = `${encoding} body inflates to more than ${MAX_INFLATE_RATIO} times its compressed size (${inflated.toLocaleString('en-US')} bytes from ${compressed.toLocaleString('en-US')}), more than a feed compresses`;
  }
}

/** Charsets that are UTF-8 as bytes: what the feed parsers read. */
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/** The content type's charset parameter, lower case and unquoted; null when it names none. */
function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return m ? m[2].toLowerCase() : null;
}

/**
 * The body of a streamed feed post as UTF-8 bytes, decompressed as it arrives when the feed
 * sent it gzip, deflate or br (so a size limit applies to what is decompressed, and a bomb
 * stops at it, or sooner at MAX_INFLATE_RATIO: InflationTooHigh, a StreamTooLarge). 415 for another charset or encoding, checked before a byte is read: a gzip or
 * UTF-16 body was read as text and answered "no line is valid JSON". A corrupt compressed body
 * is 400 when its bad part is reached; events read before it stay applied, and ids make a resend safe.
 */
export function feedBody(req: Request): AsyncIterator<Buffer> {
  const charset = charsetOf(req.get('content-type'));
  if (charset !== null && !UTF8_CHARSETS.has(charset)) throw new HttpError(415, `content-type: charset ${quote(charset)} is not supported here; send UTF-8`);
  const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const decoder = DECODERS[encoding];
  if (!decoder) throw new HttpError(415, `content-encoding: ${quote(encoding)} is not supported; send identity, gzip, deflate or br`);
  return decoded(req, decoder(), encoding);
}

async function* decoded(req: Request, z: Gunzip | ReturnType<typeof createBrotliDecompress>, encoding: string): AsyncGenerator<Buffer> {
  let compressed = 0;
  const count = (c: Buffer) => {
    compressed += c.length;
  };
  req.on('data', count);
  req.pipe(z);
  let read = false;
  let inflated = 0;
  try {
    for await (const chunk of z as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > INFLATE_FREE_BYTES && inflated > MAX_INFLATE_RATIO * compressed)
        throw new InflationTooHigh(encoding, inflated, compressed);
      read = true;
      yield chunk;
    }
  } catch (e) {
    if (e instanceof HttpError || e instanceof StreamTooLarge) throw e;
    // Decompressed lines not yet read when the damage is found are dropped with the stream, so which came before it is not known.
    throw new HttpError(400, `body: not valid ${encoding} data (${clip((e as Error).message, 60)})${read ? '; some events before it may have been applied: send the batch again whole (repeated ids are skipped)' : ''}`);
  } finally {
    req.off('data', count);
    req.unpipe(z);
    z.destroy();
  }
}

/** The rest of an iterator as an iterable (for reading on after a peek). */
export function remaining<T>(it: AsyncIterator<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => it };
}
