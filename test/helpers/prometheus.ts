/**
 * A strict parser of the Prometheus text exposition format (0.0.4): HELP and
 * TYPE once per family and before its samples, every sample in a declared
 * family (histograms as _bucket, _sum, _count), well-formed labels and values,
 * and histograms whose buckets only grow and end at +Inf equal to _count.
 * Anything else throws, naming the line.
 */

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const isType = (t: string): t is Family['type'] => TYPES.has(t);

export function parsePrometheus(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, Family>();
  const helps = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    const where = `line ${String(i + 1)}: ${line}`;
    if (line === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name = '', rest = ''] = meta;
      if (!NAME.test(name)) throw new Error(`bad metric name, ${where}`);
      if (kind === 'HELP') {
        if (helps.has(name)) throw new Error(`second HELP, ${where}`);
        helps.set(name, rest);
        return;
      }
      if (families.has(name)) throw new Error(`second TYPE, ${where}`);
      if (!isType(rest)) throw new Error(`unknown type, ${where}`);
      families.set(name, { name, type: rest, help: helps.get(name) ?? '', samples: [] });
      return;
    }
    if (line.startsWith('#')) return;
    const sample = parseSample(line, where);
    const family = familyOf(families, sample.name);
    if (!family) throw new Error(`sample of an undeclared family, ${where}`);
    family.samples.push(sample);
  });
  for (const family of families.values()) {
    family.help = helps.get(family.name) ?? '';
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

function parseSample(line: string, where: string): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) throw new Error(`bad sample, ${where}`);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const match = LABEL.exec(rest);
      if (!match) throw new Error(`bad label, ${where}`);
      const [all, key = '', value = ''] = match;
      if (key in labels) throw new Error(`label given twice, ${where}`);
      labels[key] = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      rest = rest.slice(all.length);
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new Error(`bad label list, ${where}`);
    }
    rest = rest.slice(1);
  }
  const value = /^ (\S+)(?: -?\d+)?$/.exec(rest)?.[1];
  if (value === undefined) throw new Error(`bad value, ${where}`);
  const number = value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : value === 'NaN' ? NaN : Number(value);
  if (Number.isNaN(number) && value !== 'NaN') throw new Error(`bad value, ${where}`);
  return { name, labels, value: number };
}

function familyOf(families: Map<string, Family>, sample: string): Family | undefined {
  const own = families.get(sample);
  if (own) return own;
  const base = /^(.*)_(bucket|sum|count)$/.exec(sample)?.[1];
  const family = base === undefined ? undefined : families.get(base);
  return family && (family.type === 'histogram' || family.type === 'summary') ? family : undefined;
}

function checkHistogram(family: Family): void {
  const series = new Map<string, Sample[]>();
  for (const s of family.samples) {
    const rest = Object.fromEntries(Object.entries(s.labels).filter(([k]) => k !== 'le'));
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, samples] of series) {
    const buckets = samples.filter((s) => s.name === `${family.name}_bucket`);
    const count = samples.find((s) => s.name === `${family.name}_count`);
    const sum = samples.find((s) => s.name === `${family.name}_sum`);
    if (!count || !sum || buckets.length === 0) throw new Error(`${family.name}${key}: a histogram needs buckets, _sum and _count`);
    const bounds = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
    for (let i = 1; i < buckets.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) throw new Error(`${family.name}${key}: bucket bounds out of order`);
      if (buckets[i].value < buckets[i - 1].value) throw new Error(`${family.name}${key}: a bucket holds less than the one before`);
    }
    if (bounds.at(-1) !== Infinity || buckets.at(-1)?.value !== count.value) throw new Error(`${family.name}${key}: the +Inf bucket must equal _count`);
  }
}

/** The value of one sample, or undefined; labels must match exactly. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = familyOf(families, name);
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return family?.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted)?.value;
}
