import type { Request } from 'express';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';
import { clip, quote } from '../validation/quote.ts';
import { HttpError } from './errors.ts';

/** The body encodings a streamed feed may send, and the decompressor of each. */
const DECODERS: Record<string, () => Gunzip | ReturnType<typeof createBrotliDecompress>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

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
 * stops at it). 415 for another charset or encoding, checked before a byte is read: a gzip or
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
  req.pipe(z);
  let read = false;
  try {
    for await (const chunk of z as AsyncIterable<Buffer>) {
      read = true;
      yield chunk;
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    // Decompressed lines not yet read when the damage is found are dropped with the stream, so which came before it is not known.
    throw new HttpError(400, `body: not valid ${encoding} data (${clip((e as Error).message, 60)})${read ? '; some events before it may have been applied: send the batch again whole (repeated ids are skipped)' : ''}`);
  } finally {
    req.unpipe(z);
    z.destroy();
  }
}

/** The rest of an iterator as an iterable (for reading on after a peek). */
export function remaining<T>(it: AsyncIterator<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => it };
}
