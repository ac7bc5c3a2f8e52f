import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PortfolioAnalysis } from '../../src/contract/portfolio-analysis.js';

const CLI = fileURLToPath(new URL('../../dist/src/bin/cli.js', import.meta.url));
const PORTFOLIO = fileURLToPath(new URL('../../examples/portfolio.json', import.meta.url));
const run = promisify(execFile);

describe('tournee analyse', () => {
  it('prints the analysis of a portfolio file as JSON', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'analyse', PORTFOLIO, '--json']);
    const analysis = PortfolioAnalysis.parse(JSON.parse(stdout));
    expect(analysis.accounts).toHaveLength(70);
    expect(analysis.time.period).toMatchObject({ start: '2027-01-04', end: '2028-01-02' });
  });

  it('prints a readable summary by default', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'analyse', PORTFOLIO]);
    expect(stdout).toMatch(/^Portfolio of 70 accounts, rep rep-vitre-01/);
    expect(stdout).toMatch(/^ {2}A +\d+ accounts \(\d+ %\) {2}revenue [\d,]+ \(\d+ %\)/m);
    expect(stdout).toMatch(/^Capacity at the current frequencies\n {2}[\d.]+ visits a week: /m);
    expect(stdout).toMatch(/^Suggested frequencies$/m);
    expect(stdout).toMatch(/^ {2}total +[\d,]+ visits [\d,]+ \(/m);
  });

  it('exits 1 on a file that is not a portfolio, 2 on bad usage', async () => {
    await expect(run(process.execPath, [CLI, 'analyse', CLI])).rejects.toMatchObject({ code: 1 });
    await expect(run(process.execPath, [CLI, 'analyse'])).rejects.toMatchObject({ code: 2 });
    await expect(run(process.execPath, [CLI, 'analyse', PORTFOLIO, '--frobnicate'])).rejects.toMatchObject({ code: 2 });
  });
});
