import { describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from './prometheus.js';

const GOOD = [
  '# HELP jobs_total Jobs.',
  '# TYPE jobs_total counter',
  'jobs_total{outcome="completed"} 3',
  '# HELP t_seconds Time.',
  '# TYPE t_seconds histogram',
  't_seconds_bucket{le="1"} 1',
  't_seconds_bucket{le="+Inf"} 2',
  't_seconds_sum 2.5',
  't_seconds_count 2',
  '',
].join('\n');

describe('the strict Prometheus parser of the tests', () => {
  it('reads a well-formed exposition', () => {
    const families = parsePrometheus(GOOD);
    expect(sampleValue(families, 'jobs_total', { outcome: 'completed' })).toBe(3);
    expect(sampleValue(families, 't_seconds_count')).toBe(2);
    expect(families.get('t_seconds')?.help).toBe('Time.');
  });

  it('refuses samples of undeclared families, bad labels and inconsistent histograms', () => {
    expect(() => parsePrometheus('jobs_total 1\n')).toThrow(/undeclared/);
    expect(() => parsePrometheus('# TYPE a counter\na{x=1} 1\n')).toThrow(/bad label/);
    expect(() => parsePrometheus(GOOD.replace('t_seconds_count 2', 't_seconds_count 3'))).toThrow(/\+Inf/);
    expect(() => parsePrometheus(GOOD.replace('le="1"} 1', 'le="1"} 5'))).toThrow(/less than/);
    expect(() => parsePrometheus(GOOD.trimEnd())).toThrow(/newline/);
  });
});
