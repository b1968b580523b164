import { Decoder, Encoder, type Packet } from 'socket.io-parser';

/**
 * A message argument already serialised to JSON: built once (a room's snapshot answer in one
 * push cycle) and written into every packet that carries it, instead of Socket.IO calling
 * JSON.stringify (and walking the object for binary parts) once per socket. `T` is the type
 * of what the JSON holds, so handlers stay typed.
 */
export class PreEncoded<T> {
  /** Never set: only carries T for the type checker. */
  declare readonly value?: T;
  constructor(readonly json: string) {}

  /** Encodes `value` once. */
  static of<T>(value: T): PreEncoded<T> {
    return new PreEncoded<T>(JSON.stringify(value));
  }

  /** Socket.IO's binary check calls this: the JSON text holds no binary parts. */
  toJSON(): string {
    return this.json;
  }
}

/**
 * Socket.IO's encoder, except that a packet whose arguments include a PreEncoded is joined
 * from the stored JSON texts (the same bytes as if the object had been encoded). Packets
 * with PreEncoded arguments carry JSON only (no Buffers).
 */
export class PreEncodingEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    if (!Array.isArray(data) || !data.some((d) => d instanceof PreEncoded)) return super.encode(packet);
    let head = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) head += String(packet.id);
    const parts = data.map((d: unknown) => (d instanceof PreEncoded ? d.json : JSON.stringify(d)));
    return [`${head}[${parts.join(',')}]`];
  }
}

/** The `parser` option of the Socket.IO server: the standard decoder, the encoder above. */
export const preEncodingParser = { Encoder: PreEncodingEncoder, Decoder };
