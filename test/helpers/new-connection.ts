import { request } from 'node:http';

/**
 * Sends a request on a connection of its own and resolves with its status and body text. A big
 * body sent with fetch may go on a pooled keep-alive connection the server is closing after its
 * idle timeout (5 s): under a loaded CI run, building a 10 MiB body took that long, and the
 * request failed with EPIPE or "other side closed" instead of getting its answer.
 */
export function requestOnNewConnection(url: string, method: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
