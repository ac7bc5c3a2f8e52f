/**
 * Reading a request URL the way osrm-routed does: `/{service}/v1/{profile}/{coordinates}?{options}`,
 * with its refusals. A malformed query is refused with `InvalidQuery` naming the
 * position (from the start of the URL path) where osrm-routed's parser stops: the
 * start of a bad value, the separator before a bad list item, or the `&` before an
 * unknown option.
 */

export type Coordinate = readonly [lon: number, lat: number];

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export const refuse = (code: string, message: string): Reply => ({ status: 400, body: { code, message } });

export interface OsrmQuery {
  readonly service: string;
  readonly profile: string;
  readonly coordinates: readonly Coordinate[];
  /** Options by name, as given (the last one wins). */
  readonly options: ReadonlyMap<string, string>;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const flag = /^(?:true|false)$/;

/** An option's grammar: a single value, or items joined by a separator. */
interface Grammar {
  readonly item: RegExp;
  readonly separator?: string;
  /** Whole values accepted besides the list, e.g. `all`, or a valid list checked in one go. */
  readonly whole?: RegExp;
}

const list = (item: RegExp, separator: string, whole?: RegExp): Grammar => (whole ? { item, separator, whole } : { item, separator });
/** Indices: lists of a thousand are common, so a valid one is matched at once. */
const indices = (whole: RegExp): Grammar => list(/^\d+$/, ';', whole);

const COMMON: Record<string, Grammar> = {
  bearings: list(/^(?:\d+,\d+)?$/, ';'),
  radiuses: list(/^(?:unlimited|[-+]?\d+(?:\.\d*)?)?$/, ';'),
  hints: list(/^[\w-]*$/, ';'),
  approaches: list(/^(?:curb|opposite|unrestricted)?$/, ';'),
  exclude: list(/^\w+$/, ','),
  generate_hints: { item: flag },
  skip_waypoints: { item: flag },
  snapping: { item: /^(?:default|any)$/ },
};

const BY_SERVICE: Record<string, Record<string, Grammar>> = {
  table: {
    sources: indices(/^(?:all|\d+(?:;\d+)*)$/),
    destinations: indices(/^(?:all|\d+(?:;\d+)*)$/),
    annotations: list(/^(?:duration|distance)$/, ',', flag),
    fallback_speed: { item: NUMBER },
    fallback_coordinate: { item: /^(?:input|snapped)$/ },
    scale_factor: { item: NUMBER },
  },
  route: {
    alternatives: { item: /^(?:true|false|\d+)$/ },
    steps: { item: flag },
    annotations: list(/^(?:duration|nodes|distance|weight|datasources|speed)$/, ',', flag),
    geometries: { item: /^(?:polyline|polyline6|geojson)$/ },
    overview: { item: /^(?:simplified|full|false)$/ },
    continue_straight: { item: /^(?:default|true|false)$/ },
    waypoints: indices(/^\d+(?:;\d+)*$/),
  },
  nearest: { number: { item: /^\d+$/ } },
};

/** Where in `value` the grammar stops matching, or -1 when it matches whole. */
function stopsAt(value: string, grammar: Grammar): number {
  if (grammar.whole?.test(value) || (!grammar.separator && grammar.item.test(value))) return -1;
  if (!grammar.separator) return 0;
  let offset = 0;
  for (const [k, item] of value.split(grammar.separator).entries()) {
    if (!grammar.item.test(item)) return k === 0 ? 0 : offset - 1;
    offset += item.length + 1;
  }
  return -1;
}

function malformed(position: number): Reply {
  return refuse('InvalidQuery', `Query string malformed close to position ${position}`);
}

function parseCoordinates(text: string, at: number): Coordinate[] | Reply {
  const out: Coordinate[] = [];
  let offset = 0;
  for (const [k, pair] of text.split(';').entries()) {
    const [lon = '', lat = ''] = pair.split(',');
    if (!NUMBER.test(lon) || !NUMBER.test(lat) || pair !== `${lon},${lat}`) return malformed(at + (k === 0 ? 0 : offset - 1));
    out.push([Number(lon), Number(lat)]);
    offset += pair.length + 1;
  }
  return out;
}

function parseOptions(text: string, at: number, grammars: Record<string, Grammar>): Map<string, string> | Reply {
  const options = new Map<string, string>();
  let offset = 0;
  for (const [k, part] of text.split('&').entries()) {
    const equals = part.indexOf('=');
    const name = part.slice(0, Math.max(0, equals));
    const grammar = equals > 0 && Object.hasOwn(grammars, name) ? grammars[name] : undefined;
    // An unknown option ends the list before its `&`; the first one fails right after the `?`.
    if (grammar === undefined) return malformed(at + (k === 0 ? 0 : offset - 1));
    const value = part.slice(equals + 1);
    const stop = stopsAt(value, grammar);
    if (stop >= 0) return malformed(at + offset + equals + 1 + stop);
    options.set(name, value);
    offset += part.length + 1;
  }
  return options;
}

/** The request, or osrm-routed's refusal of its URL. */
export function parseQuery(pathAndQuery: string): OsrmQuery | Reply {
  const text = decodeURIComponent(pathAndQuery);
  const question = text.indexOf('?');
  const path = question < 0 ? text : text.slice(0, question);
  const match = /^\/([^/]+)\/([^/]+)\/([^/]+)\/(.*)$/.exec(path);
  if (!match) return refuse('InvalidUrl', `URL string malformed close to position ${text.length}: "${text}"`);
  const [, service = '', version = '', profile = '', coordinates = ''] = match;
  const prefix = service.length + version.length + profile.length + 4;
  const grammars = Object.hasOwn(BY_SERVICE, service) ? BY_SERVICE[service] : undefined;
  if (grammars === undefined) return refuse('InvalidService', `Service ${service} not found!`);
  if (version !== 'v1') return refuse('InvalidVersion', `Service ${service} not found!`);
  const parsed = parseCoordinates(coordinates, prefix);
  if (!Array.isArray(parsed)) return parsed;
  const parsedOptions = question < 0 ? new Map<string, string>() : parseOptions(text.slice(question + 1), question + 1, { ...COMMON, ...grammars });
  if (!(parsedOptions instanceof Map)) return parsedOptions;
  return { service, profile, coordinates: parsed, options: parsedOptions };
}

/** The indices a `sources`/`destinations` option names; every coordinate when absent or `all`. */
export function indicesOf(value: string | undefined, count: number): number[] {
  if (value === undefined || value === 'all') return Array.from({ length: count }, (_, i) => i);
  return value.split(';').map(Number);
}

/** Per-coordinate `radiuses`, `undefined` where unlimited or not given. */
export function radiusesOf(value: string | undefined): (number | undefined)[] | undefined {
  return value?.split(';').map((r) => (r === '' || r === 'unlimited' ? undefined : Number(r)));
}
