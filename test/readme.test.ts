import { readFileSync } from 'node:fs';
import { ConfigSchema } from '../src/config.js';
import { describe, expect, it } from 'vitest';
import { changeReasonTable } from '../src/contract/changes.js';
import { unplannedReasonTable } from '../src/contract/unplanned-reasons.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('explains every unplanned reason code as the API does', () => {
    for (const row of unplannedReasonTable().split('\n').slice(2)) expect(README).toContain(row);
  });

  it('explains every replan change reason as the API does', () => {
    for (const row of changeReasonTable().split('\n').slice(2)) expect(README).toContain(row);
  });

  it('lists every setting in its configuration table', () => {
    for (const name of Object.keys(ConfigSchema.shape)) expect(README).toMatch(new RegExp(`\\| [^|]*\`${name}\``));
  });
});
