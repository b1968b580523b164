/**
 * The WebSocket per-message deflate settings for a threshold (bytes; 0: no compression, the
 * default: see DEFAULT_DEFLATE_THRESHOLD). Messages under the threshold go as they are. No context takeover and a 4 KB window keep
 * each socket's zlib state small (it stays allocated once a socket has sent one large
 * message): a few KB instead of about 300 KB with zlib's defaults, which 1,000 screens would
 * turn into 300 MB.
 */
export function deflateOptions(threshold: number): false | { threshold: number; serverNoContextTakeover: true; serverMaxWindowBits: number; zlibDeflateOptions: { memLevel: number; level: number } } {
  if (threshold <= 0) return false;
  return { threshold, serverNoContextTakeover: true, serverMaxWindowBits: 12, zlibDeflateOptions: { memLevel: 4, level: 6 } };
}
