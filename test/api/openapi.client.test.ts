/**
 * A client generated from the committed document by openapi-typescript, with
 * its default flags, type-checks a minimal request and reads a result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'tournee-client-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const USE = `
import type { components, paths } from './api.js';
type Body = paths['/v1/plans']['post']['requestBody']['content']['application/json'];
type Plan = paths['/v1/plans/{id}']['get']['responses'][200]['content']['application/json'];
type Problem = paths['/v1/plans/{id}']['get']['responses'][404]['content']['application/problem+json'];
export const body: Body = {
  rep: { id: 'rep-1', start: { lat: 48.11, lon: -1.68 }, workingHours: [{ days: ['mon', 'tue'], start: '08:00', end: '18:00' }] },
  accounts: [{ id: 'a1', location: { lat: 48.1, lon: -1.6 }, visitMinutes: 45, frequency: { visits: 1, perWeeks: 1 } }],
};
export function stops(plan: Plan): number {
  return plan.result?.days.reduce((n, day) => n + day.stops.length, 0) ?? 0;
}
export function reasons(result: components['schemas']['PlanResult']): string[] {
  return result.unplanned.map((u) => u.reason);
}
export function where(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.pointer ?? e.header ?? e.parameter ?? '');
}
`;

function diagnostics(source: string): string[] {
  writeFileSync(join(dir, 'use.ts'), source);
  const program = ts.createProgram([join(dir, 'use.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a client generated from openapi/openapi.json', () => {
  it('type-checks a minimal request and reads the result, with default flags', async () => {
    const ast = await openapiTS(new URL('../../openapi/openapi.json', import.meta.url));
    writeFileSync(join(dir, 'api.ts'), astToString(ast));
    expect(diagnostics(USE)).toEqual([]);
  });

  it('still refuses a request without its required fields', () => {
    const broken = USE.replace(/accounts: \[.*\],\n/, '');
    expect(diagnostics(broken).join('\n')).toMatch(/accounts/);
  });
});
