import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { SlicedWork } from '../realtime/sliced.ts';
import { stepsInTurns, untilClosed } from './sliced-import.ts';

/** A JSON answer encoded a part at a time: its UTF-8 parts in order, their length in bytes, and their weak ETag. */
export interface EncodedParts {
  parts: Buffer[];
  bytes: number;
  etag: string;
}

const NOTHING = Buffer.alloc(0);

/**
 * The JSON text `parts` (joined, as built over turns) encoded as UTF-8 a part a step, with the
 * weak ETag Express gives an answer by default (the etag package's: the length in bytes in hex
 * and the SHA-1 in base64, cut to 27). Each part's text is dropped from `parts` (left '') once
 * it is encoded, so the whole text and the whole bytes are never held together: a
 * 120,000-segment day is 16 MB of each.
 */
export function* encodedPartsSteps(parts: string[]): Generator<void, EncodedParts> {
  const hash = createHash('sha1');
  const buffers: Buffer[] = [];
  let bytes = 0;
  for (let i = 0; i < parts.length; i++) {
    const b = Buffer.from(parts[i], 'utf8');
    parts[i] = '';
    hash.update(b);
    buffers.push(b);
    bytes += b.length;
    yield;
  }
  return { parts: buffers, bytes, etag: `W/"${bytes.toString(16)}-${hash.digest('base64').substring(0, 27)}"` };
}

/** `encodedPartsSteps`, the parts joined into one body (a GET /snapshot body is kept whole for the next asks). */
export function* jsonBodySteps(parts: string[]): Generator<void, { body: Buffer; etag: string }> {
  const { parts: buffers, bytes, etag } = yield* encodedPartsSteps(parts);
  return { body: Buffer.concat(buffers, bytes), etag };
}

/**
 * Answers the JSON text `parts` as `res.json` would answer its value: the same bytes, Content-Type
 * and the app's default weak ETag (a matching If-None-Match still gets 304), but encoded and
 * hashed a part a job of `work`, in the turns and the budget imports and schedule reads share:
 * for a 16 MB body, the one `Buffer.from` and SHA-1 of `res.send` alone held the loop 35-45 ms.
 * With a budget of its own (8 ms a turn per read), reads asked at once each took their 8 ms in
 * the same turn. Takes `parts` over (it is emptied as it is encoded); the bytes are sent a part
 * at a time as `sendEncodedParts` does. Resolves once the last part is handed to the socket, or
 * its caller is gone.
 */
export async function sendJsonParts(res: Response, work: SlicedWork, parts: string[]): Promise<void> {
  // Nothing is encoded or sent once `res` is closed (its caller gone).
  const encoded = await stepsInTurns(work, untilClosed(res, encodedPartsSteps(parts)));
  if (encoded) await sendEncodedParts(res, encoded);
}

/** Answers JSON already encoded by `jsonBodySteps`, as `res.json` would (Content-Type, the weak ETag, 304 when fresh). */
export function sendEncoded(res: Response, { body, etag }: { body: Buffer; etag: string }): void {
  res.type('json');
  if (res.app.enabled('etag')) res.set('ETag', etag);
  // With the ETag set, send neither hashes nor encodes the body again; it answers 304 when fresh.
  res.send(body);
}

/**
 * Answers JSON encoded by `encodedPartsSteps` as `res.send` answers the parts joined (the same
 * Content-Type, Content-Length and ETag; 304 with no body when fresh; no body to HEAD), writing
 * a part only once the socket has taken the one before, and dropping each from `encoded` as it
 * is written: joined, the parts were a second copy of the body (16 MB for 120,000 segments),
 * and all of it waited in the socket's buffers for a caller reading slowly. Resolves once the
 * last part is handed to the socket, or its caller is gone.
 */
export async function sendEncodedParts(res: Response, encoded: EncodedParts): Promise<void> {
  res.type('json');
  if (res.app.enabled('etag')) res.set('ETag', encoded.etag);
  // As res.send answers a request whose If-None-Match holds this ETag: 304, without the body or its type.
  if (res.req.fresh) {
    res.status(304).removeHeader('Content-Type');
    res.end();
    return;
  }
  res.set('Content-Length', String(encoded.bytes));
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  const { parts } = encoded;
  for (let i = 0; i < parts.length; i++) {
    if (res.destroyed) return;
    const part = parts[i];
    parts[i] = NOTHING;
    if (!res.write(part) && !res.destroyed) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end();
}

/** Resolves at `res`'s next 'drain' (its socket took what was written) or 'close' (its caller gone). */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
