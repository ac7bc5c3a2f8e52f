import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { outageLog } from '../src/logger.js';

function capture() {
  const lines: { msg: string; failures?: number; downForMs?: number }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { msg: string }) });
  return { logger, lines };
}

describe('outage log', () => {
  it('logs a dependency going down once, then one summary per interval, then its return', () => {
    const { logger, lines } = capture();
    let t = 0;
    const log = outageLog(logger, 'redis', 60_000, () => t);
    for (t = 0; t < 150_000; t += 500) log.failed(new Error('ECONNREFUSED'));
    log.recovered();
    expect(lines.map((l) => l.msg)).toEqual([
      'redis is unreachable',
      'redis is still unreachable',
      'redis is still unreachable',
      'redis is reachable again',
    ]);
    expect(lines[1]?.failures).toBe(120);
    expect(lines[3]?.downForMs).toBe(150_000);
  });

  it('starts afresh after a recovery and says nothing when all is well', () => {
    const { logger, lines } = capture();
    const log = outageLog(logger, 'redis', 60_000, () => 0);
    log.recovered();
    log.failed(new Error('down'));
    log.recovered();
    log.failed(new Error('down again'));
    expect(lines.map((l) => l.msg)).toEqual(['redis is unreachable', 'redis is reachable again', 'redis is unreachable']);
  });
});
