import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unplannedReasonTable } from '../src/contract/unplanned-reasons.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('explains every unplanned reason code as the API does', () => {
    for (const row of unplannedReasonTable().split('\n').slice(2)) expect(README).toContain(row);
  });
});
