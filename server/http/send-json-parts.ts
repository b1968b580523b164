import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { SlicedWork } from '../realtime/sliced.ts';
import { stepsInTurns, untilClosed } from './sliced-import.ts';

/**
 * The JSON text `parts` (joined, as built over turns) encoded as UTF-8 a part a step, with the
 * weak ETag Express gives an answer by default (the etag package's: the length in bytes in hex
 * and the SHA-1 in base64, cut to 27).
 */
export function* jsonBodySteps(parts: readonly string[]): Generator<void, { body: Buffer; etag: string }> {
  const hash = createHash('sha1');
  const buffers: Buffer[] = [];
  let bytes = 0;
  for (const part of parts) {
    const b = Buffer.from(part, 'utf8');
    hash.update(b);
    buffers.push(b);
    bytes += b.length;
    yield;
  }
  return { body: Buffer.concat(buffers, bytes), etag: `W/"${bytes.toString(16)}-${hash.digest('base64').substring(0, 27)}"` };
}

/**
 * Answers the JSON text `parts` as `res.json` would answer its value: the same Content-Type and
 * the app's default weak ETag (a matching If-None-Match still gets 304), but encoded and hashed a
 * part a job of `work`, in the turns and the budget imports and schedule reads share: for a 16 MB
 * body, the one `Buffer.from` and SHA-1 of `res.send` alone held the loop 35-45 ms. With a budget
 * of its own (8 ms a turn per read), reads asked at once each took their 8 ms in the same turn.
 */
export async function sendJsonParts(res: Response, work: SlicedWork, parts: readonly string[]): Promise<void> {
  // Nothing is encoded or sent once `res` is closed (its caller gone).
  const encoded = await stepsInTurns(work, untilClosed(res, jsonBodySteps(parts)));
  if (encoded) sendEncoded(res, encoded);
}

/** Answers JSON already encoded by `jsonBodySteps`, as `res.json` would (Content-Type, the weak ETag, 304 when fresh). */
export function sendEncoded(res: Response, { body, etag }: { body: Buffer; etag: string }): void {
  res.type('json');
  if (res.app.enabled('etag')) res.set('ETag', etag);
  // With the ETag set, send neither hashes nor encodes the body again; it answers 304 when fresh.
  res.send(body);
}
