import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Relative imports of a file that exist at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => m[1]);
  return found.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

/** Every relative import of a file, type-only ones included: layering holds for types too. */
function allImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => m[1]);
  return found.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

const graph = new Map(sources(SRC).map((f) => [f, runtimeImports(f)]));
const layers = new Map(sources(SRC).map((f) => [f, allImports(f)]));
const name = (f: string) => relative(SRC, f);

describe('module structure', () => {
  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the solver free of everything outside it', () => {
    const outside = [...graph].flatMap(([file, imports]) =>
      name(file).startsWith('solver/') ? imports.filter((i) => !name(i).startsWith('solver/')).map((i) => `${name(file)} → ${name(i)}`) : [],
    );
    expect(outside).toEqual([]);
  });

  it('keeps the contract on the ground floor: it imports nothing of the project', () => {
    const bad = [...layers].flatMap(([file, imports]) =>
      name(file).startsWith('contract/') ? imports.filter((i) => !name(i).startsWith('contract/')).map((i) => `${name(file)} → ${name(i)}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it('lets no layer below the API import from it', () => {
    const bad = [...layers].flatMap(([file, imports]) =>
      /^(api|bin)\//.test(name(file)) ? [] : imports.filter((i) => name(i).startsWith('api/')).map((i) => `${name(file)} → ${name(i)}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the portfolio analysis pure: it reads only the contract, the domain and itself', () => {
    const bad = [...layers].flatMap(([file, imports]) =>
      name(file).startsWith('portfolio/') ? imports.filter((i) => !/^(contract|domain|portfolio)\//.test(name(i))).map((i) => `${name(file)} → ${name(i)}`) : [],
    );
    expect(bad).toEqual([]);
    const packages = [...sources(SRC)].flatMap((file) =>
      name(file).startsWith('portfolio/') ? [...readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*?from\s+'([^.][^']*)'/gm)].map((m) => `${name(file)} → ${m[1]}`) : [],
    );
    expect(packages).toEqual([]);
  });

  it('keeps the domain free of I/O layers', () => {
    const io = /^(queue|matrix|bin|api)\//;
    const bad = [...layers].flatMap(([file, imports]) =>
      name(file).startsWith('domain/') ? imports.filter((i) => io.test(name(i))).map((i) => `${name(file)} → ${name(i)}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it('keeps the exports pure: they read the contract and the domain only', () => {
    const bad = [...layers].flatMap(([file, imports]) =>
      name(file).startsWith('export/') ? imports.filter((i) => !/^(export|contract|domain)\//.test(name(i))).map((i) => `${name(file)} → ${name(i)}`) : [],
    );
    expect(bad).toEqual([]);
  });
});
