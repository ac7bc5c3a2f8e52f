/**
 * The week drawn as SVG, with no tiles: positions projected onto the plane
 * (equirectangular, scaled by the cosine of the mean latitude, which is
 * true enough over a rep's territory), each day's tour in its colour, the
 * visits numbered in order, the start and the unplanned accounts marked.
 * Every marker has an SVG <title>, which browsers show on hover.
 */
import type { Locale } from '../contract/common.js';
import type { PlanResult } from '../contract/plan-result.js';
import { dayNumber, longDate } from '../domain/calendar.js';
import { tourLine, visitsOf } from './geojson.js';
import { labels } from './labels.js';

/** Distinct colours, readable with the common colour-vision deficiencies first; they repeat past twelve days. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7F3C8D', '#3969AC', '#E73F74', '#80BA5A', '#008695', '#A5AA99'];

export const WIDTH = 960;
const MAX_HEIGHT = 720;
const PAD = 40;

export function dayColour(index: number): string {
  return PALETTE[index % PALETTE.length];
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

type Project = (lon: number, lat: number) => string;

/** Fits every position into the width, keeping the aspect of the ground. */
function fit(positions: readonly (readonly [number, number])[]): { project: Project; height: number } {
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * kx, 1e-3);
  const spanY = Math.max(north - south, 1e-3);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (MAX_HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const height = Math.ceil(spanY * scale + 2 * PAD);
  const project: Project = (lon, lat) => `${((lon - west) * kx * scale + offsetX).toFixed(1)} ${((north - lat) * scale + PAD).toFixed(1)}`;
  return { project, height };
}

export function weekSvg(result: PlanResult, locale: Locale): string {
  const words = labels(locale);
  const lines = result.days.map((day) => tourLine(result, day));
  const { start, end } = result.rep;
  const positions = [
    ...lines.flatMap((l) => l.coordinates),
    [start.lon, start.lat] as const,
    [end.lon, end.lat] as const,
    ...result.unplanned.map((u) => [u.lon, u.lat] as const),
  ];
  const { project, height } = fit(positions);
  const title = (text: string) => `<title>${escapeXml(text)}</title>`;
  // An account visited on several days would hide its earlier markers: each later one moves aside.
  const seen = new Map<string, number>();
  const marker = (lon: number, lat: number) => {
    const at = project(lon, lat);
    const count = seen.get(at) ?? 0;
    seen.set(at, count + 1);
    if (count === 0) return at;
    const [x, y] = at.split(' ').map(Number);
    const angle = (count * Math.PI) / 3;
    return `${(x + 20 * Math.cos(angle)).toFixed(1)} ${(y - 20 * Math.sin(angle)).toFixed(1)}`;
  };

  const days = result.days.map((day, index) => {
    const colour = dayColour(index);
    const date = longDate(dayNumber(day.date), locale);
    const line = lines[index];
    const d = line.coordinates.map(([lon, lat], i) => `${i === 0 ? 'M' : 'L'}${project(lon, lat)}`).join(' ');
    const stops = visitsOf(day).map((stop, i) => {
      const name = stop.name ?? stop.id ?? '';
      const tag = stop.appointment === true ? ` · ${words.appointment}` : stop.kind === 'prospect' ? ` · ${words.prospect}` : '';
      const hover = `${date} · ${String(i + 1)}. ${name}${tag}\n${words.times(stop.start, stop.end, stop.arrival)}`;
      return `<g class="stop ${stop.kind}" data-order="${String(i + 1)}" data-id="${escapeXml(stop.id ?? '')}" transform="translate(${marker(stop.lon, stop.lat)})">${title(hover)}<circle r="10" fill="${colour}"/><text>${String(i + 1)}</text></g>`;
    });
    return `<g class="day" id="day-${day.date}" data-date="${day.date}"><path class="tour ${line.route}" d="${d}" stroke="${colour}"/>${stops.join('')}</g>`;
  });

  const home = (kind: 'start' | 'end', at: { lat: number; lon: number }) =>
    `<g class="place ${kind}" transform="translate(${project(at.lon, at.lat)})">${title(`${words[kind]} (${String(at.lat)}, ${String(at.lon)})`)}<rect x="-8" y="-8" width="16" height="16"/></g>`;
  const places = [home('start', start), ...(start.lat === end.lat && start.lon === end.lon ? [] : [home('end', end)])];
  const unplanned = result.unplanned.map(
    (u) =>
      `<g class="unplanned" data-id="${escapeXml(u.accountId)}" transform="translate(${project(u.lon, u.lat)})">${title(`${words.notPlanned}${words.colon}${u.name ?? u.accountId}\n${u.message}`)}<circle r="9"/><path d="M-5 -5L5 5M-5 5L5 -5"/></g>`,
  );

  return [
    `<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(WIDTH)} ${String(height)}" role="img" aria-labelledby="map-title">`,
    `<title id="map-title">${escapeXml(words.mapTitle(result.rep.id))}</title>`,
    `<rect class="ground" width="${String(WIDTH)}" height="${String(height)}"/>`,
    ...days,
    ...unplanned,
    ...places,
    '</svg>',
  ].join('\n');
}
