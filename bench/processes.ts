/** What the benches that run the service as child processes share. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A TCP port free on 127.0.0.1 when asked. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Resolves once the child prints a line holding `text`. */
export async function until(child: ChildProcess, text: string): Promise<void> {
  if (!child.stdout) throw new Error('no output to watch');
  for await (const line of createInterface({ input: child.stdout })) if (line.includes(text)) return;
  throw new Error(`the process ended before "${text}"`);
}
