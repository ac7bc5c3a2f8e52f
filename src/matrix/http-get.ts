/**
 * One GET over Node's http or https module, on kept-alive connections, with the
 * body read as UTF-8 text. Node's `fetch` spent about a third of the client's CPU
 * time on a 1,000-point matrix (100 answers of 160 kB through its web streams);
 * this plain path reads the same answers in a fraction of that.
 */
import { Agent as HttpAgent, get as getHttp, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, get as getHttps } from 'node:https';

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** The status and body of a GET; rejects on a network error, or with the signal's reason once it aborts. */
export function getText(url: string, signal: AbortSignal): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const read = (response: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    };
    const headers = { accept: 'application/json' };
    const request = url.startsWith('https:') ? getHttps(url, { agent: httpsAgent, signal, headers }, read) : getHttp(url, { agent: httpAgent, signal, headers }, read);
    request.on('error', reject);
  });
}
