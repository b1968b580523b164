import { Decoder } from 'socket.io-parser';
import { nestsTooDeep, TOO_DEEP } from '../ingest/json-depth.ts';
import { preEncodingParser } from './pre-encoded.ts';

/**
 * Socket.IO's decoder, except that a text packet nested too deep is refused before it is
 * parsed: Socket.IO parses every packet, a connection's first CONNECT included (before any
 * sign-in), and a 0.9 MB packet of nested arrays held the event loop 240 ms in JSON.parse.
 * Socket.IO answers a packet its decoder refuses by closing the connection.
 */
export class DepthCheckedDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && nestsTooDeep(obj)) throw new Error(`socket packet ${TOO_DEEP}`);
    super.add(obj);
  }
}

/** The `parser` option of the Socket.IO server: encodes with PreEncoded texts, decodes with the depth check. */
export const socketParser = { ...preEncodingParser, Decoder: DepthCheckedDecoder };
