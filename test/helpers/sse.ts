/** A strict reader of a text/event-stream response over a real socket, event by event. */
import { get, type IncomingMessage } from 'node:http';

export interface SseMessage {
  /** `comment` for a line starting with ":", `retry` for a retry field, else the event's name. */
  readonly event: string;
  readonly id?: string;
  readonly data?: string;
  readonly comment?: string;
}

export interface SseReader {
  readonly response: IncomingMessage;
  /** Every message so far, in order. */
  readonly messages: SseMessage[];
  /** The next message not yet taken; rejects if the stream ends first. */
  next(): Promise<SseMessage>;
  /** Takes messages until one matches, and returns it. */
  until(match: (m: SseMessage) => boolean): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** Parses one block (the lines between blank lines); refuses fields the format does not have. */
export function parseBlock(block: string): SseMessage {
  const fields = new Map<string, string>();
  let comment: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      comment = line.slice(1).trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not an SSE field: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon);
    if (!['id', 'event', 'data', 'retry'].includes(name)) throw new Error(`unknown SSE field ${name}`);
    if (fields.has(name)) throw new Error(`field ${name} given twice in one event`);
    fields.set(name, line.slice(colon + 1).replace(/^ /, ''));
  }
  if (comment !== undefined && fields.size === 0) return { event: 'comment', comment };
  if (fields.has('retry') && fields.size === 1) return { event: 'retry', data: fields.get('retry') ?? '' };
  const id = fields.get('id');
  const data = fields.get('data');
  return { event: fields.get('event') ?? 'message', ...(id === undefined ? {} : { id }), ...(data === undefined ? {} : { data }) };
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const messages: SseMessage[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      let done = false;
      let taken = 0;
      const wakeAll = () => {
        for (const w of waiters.splice(0)) w();
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          messages.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
        wakeAll();
      });
      const ended = new Promise<void>((settle) => {
        response.on('end', () => {
          done = true;
          wakeAll();
          settle();
        });
        response.on('close', () => {
          done = true;
          wakeAll();
          settle();
        });
      });
      const next = async (): Promise<SseMessage> => {
        for (;;) {
          const message = messages.at(taken);
          if (message !== undefined) {
            taken++;
            return message;
          }
          if (done) throw new Error('the stream ended');
          await new Promise<void>((wake) => waiters.push(wake));
        }
      };
      resolve({
        response,
        messages,
        next,
        async until(match) {
          for (;;) {
            const message = await next();
            if (match(message)) return message;
          }
        },
        ended,
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
