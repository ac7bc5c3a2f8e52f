/**
 * docker/osrm/prepare.sh with stand-ins for the OSRM tools and curl that log their
 * calls: it prepares for CH by default, MLD on request, and prepares again
 * whenever the extract's URL, the profile or the algorithm changed, or an earlier
 * preparation was interrupted; otherwise it goes straight to osrm-routed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../docker/osrm/prepare.sh', import.meta.url));

const STUBS: Record<string, string> = {
  'osrm-extract': '[ "$1" = --version ] && { echo v0.0.0-stub; exit 0; }; log extract "$@"; [ -z "${STUB_FAIL:-}" ] || exit 1; touch "${3%.osm.pbf}.osrm.ebg"',
  'osrm-contract': 'log contract "$@"; touch "$1.hsgr"',
  'osrm-partition': 'log partition "$@"; touch "$1.partition"',
  'osrm-customize': 'log customize "$@"; touch "$1.cell_metrics"',
  'osrm-routed': 'log routed "$@"',
  curl: 'log curl; while [ $# -gt 0 ]; do [ "$1" = -o ] && { out="$2"; shift; }; url="$1"; shift; done; echo "extract from $url" > "$out"',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tournee-prepare-'));
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin, join(dir, 'data')]);
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(bin, name), `#!/bin/sh\nlog() { echo "$*" >> "${join(dir, 'log')}"; }\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(join(dir, 'car.lua'), '-- a profile\n');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the script; returns the tools it called, in order, and its exit status. */
function prepare(env: Record<string, string> = {}): { calls: string[]; status: number | null; stderr: string } {
  rmSync(join(dir, 'log'), { force: true });
  const run = spawnSync('sh', [SCRIPT], {
    env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, OSRM_DATA: join(dir, 'data'), OSRM_PBF_URL: 'https://maps.example/region.osm.pbf', OSRM_PROFILE: join(dir, 'car.lua'), ...env },
    encoding: 'utf8',
  });
  const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
  return { calls: log.split('\n').filter((line) => line !== '').map((line) => line.split(' ')[0] ?? ''), status: run.status, stderr: run.stderr };
}

const routedArgs = (): string => readFileSync(join(dir, 'log'), 'utf8').split('\n').find((line) => line.startsWith('routed')) ?? '';

describe('OSRM preparation (docker/osrm/prepare.sh)', () => {
  it('prepares for CH by default and serves with --algorithm ch', () => {
    expect(prepare().calls).toEqual(['curl', 'extract', 'contract', 'routed']);
    expect(routedArgs()).toContain('--algorithm ch --max-table-size 100');
    expect(existsSync(join(dir, 'data', 'region.osrm.hsgr'))).toBe(true);
  });

  it('goes straight to osrm-routed when nothing changed', () => {
    prepare();
    expect(prepare().calls).toEqual(['routed']);
  });

  it('prepares again for MLD, removing the CH files', () => {
    prepare();
    expect(prepare({ OSRM_ALGORITHM: 'mld' }).calls).toEqual(['extract', 'partition', 'customize', 'routed']);
    expect(routedArgs()).toContain('--algorithm mld');
    expect(existsSync(join(dir, 'data', 'region.osrm.hsgr'))).toBe(false);
    expect(existsSync(join(dir, 'data', 'region.osrm.partition'))).toBe(true);
    expect(prepare({ OSRM_ALGORITHM: 'mld' }).calls).toEqual(['routed']);
  });

  it('prepares again when the profile changes, even in place', () => {
    prepare();
    writeFileSync(join(dir, 'car.lua'), '-- a faster profile\n');
    expect(prepare().calls).toEqual(['extract', 'contract', 'routed']);
  });

  it('downloads and prepares again when the extract URL changes, even to a file of the same name', () => {
    prepare();
    expect(prepare({ OSRM_PBF_URL: 'https://mirror.example/region.osm.pbf' }).calls).toEqual(['curl', 'extract', 'contract', 'routed']);
    expect(readFileSync(join(dir, 'data', 'region.osm.pbf'), 'utf8')).toContain('mirror.example');
  });

  it('starts over after an interrupted preparation', () => {
    expect(prepare({ STUB_FAIL: '1' }).status).not.toBe(0);
    expect(prepare().calls).toEqual(['extract', 'contract', 'routed']);
  });

  it('refuses an unknown algorithm', () => {
    const run = prepare({ OSRM_ALGORITHM: 'dijkstra' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('OSRM_ALGORITHM must be ch or mld');
  });
});
