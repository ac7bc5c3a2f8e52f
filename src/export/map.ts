/**
 * The map of the week as one self-contained HTML page: the SVG drawing, a
 * legend that shows and hides each day, and the unplanned accounts listed
 * with their reasons. Nothing is fetched: the style and the script are
 * inline and returned apart, so that the server can allow exactly them in
 * its Content-Security-Policy (by hash).
 */
import type { Locale } from '../contract/common.js';
import type { PlanResult } from '../contract/plan-result.js';
import { dayNumber, longDate } from '../domain/calendar.js';
import { decimal, labels } from './labels.js';
import { visitsOf } from './geojson.js';
import { dayColour, escapeXml, weekSvg } from './map-svg.js';

export interface MapPage {
  readonly html: string;
  /** The page's only style and script, verbatim. */
  readonly style: string;
  readonly script: string;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header, main { max-width: 1280px; margin: 0 auto; padding: 8px 16px; }
h1 { font-size: 20px; margin: 8px 0 0; } h2 { font-size: 16px; }
main { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
#map { flex: 3 1 600px; background: #fff; border: 1px solid #ddd; }
aside { flex: 1 1 260px; }
.ground { fill: #f3f5f7; }
.tour { fill: none; stroke-width: 3; stroke-linejoin: round; stroke-linecap: round; opacity: 0.85; }
.tour.straight { stroke-dasharray: 8 5; }
.stop circle { stroke: #fff; stroke-width: 2; }
.stop.prospect circle { stroke: #1d1d1f; stroke-dasharray: 3 2; }
.stop text { fill: #fff; font-size: 11px; font-weight: 700; text-anchor: middle; dominant-baseline: central; stroke: rgba(0,0,0,0.35); stroke-width: 0.6px; pointer-events: none; }
.place rect { fill: #1d1d1f; stroke: #fff; stroke-width: 2; }
.unplanned circle { fill: #fff; stroke: #b00020; stroke-width: 2; }
.unplanned path { stroke: #b00020; stroke-width: 2.5; }
.hidden { display: none; }
ul { list-style: none; padding: 0; margin: 0; }
li { margin: 4px 0; }
button { font: inherit; display: flex; gap: 8px; align-items: center; width: 100%; text-align: left; background: #fff; border: 1px solid #ccc; border-radius: 4px; padding: 4px 8px; cursor: pointer; }
button[aria-pressed="false"] { opacity: 0.45; }
.note { color: #555; font-size: 12px; }
.key li { display: flex; gap: 6px; align-items: center; }
`;

const SCRIPT = `
for (const button of document.querySelectorAll('button[data-day]')) {
  button.addEventListener('click', () => {
    const shown = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(shown));
    document.getElementById(button.dataset.day).classList.toggle('hidden', !shown);
  });
}
`;

/** The markers' shapes, as the map draws them, with their labels. */
const KEY = [
  ['<g class="place"><rect x="-7" y="-7" width="14" height="14"/></g>', 'start'],
  ['<g class="stop prospect"><circle r="8" fill="#888"/></g>', 'prospect'],
  ['<g class="unplanned"><circle r="8"/><path d="M-4 -4L4 4M-4 4L4 -4"/></g>', 'notPlanned'],
] as const;

export function weekMap(result: PlanResult, locale: Locale): MapPage {
  const words = labels(locale);
  const title = escapeXml(words.mapTitle(result.rep.id));
  const s = result.summary;
  const legend = result.days.map((day, i) => {
    const text = `${longDate(dayNumber(day.date), locale)}: ${words.daySummary(visitsOf(day).length, day.driveMinutes, decimal(day.driveKm, locale))}`;
    return `<li><button type="button" data-day="day-${day.date}" aria-pressed="true"><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${dayColour(i)}"/></svg>${escapeXml(text)}</button></li>`;
  });
  const straight = result.days.some((d) => d.geometry === undefined);
  const unplanned = result.unplanned.map((u) => `<li><b>${escapeXml(u.name ?? u.accountId)}</b>: ${escapeXml(u.message)}</li>`);
  const html = [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${title}</h1><p>${escapeXml(words.weekSummary(s.visitsPlanned, s.visitsRequired, decimal(s.driveKm, locale)))}</p></header>`,
    '<main>',
    weekSvg(result, locale),
    '<aside>',
    `<ul class="legend">${legend.join('')}</ul>`,
    straight ? `<p class="note">- - - ${escapeXml(words.straight)}</p>` : '',
    `<ul class="key">${KEY.map(([shape, label]) => `<li><svg width="20" height="20" viewBox="-10 -10 20 20" aria-hidden="true">${shape}</svg> ${escapeXml(words[label])}</li>`).join('')}</ul>`,
    unplanned.length > 0 ? `<h2>${escapeXml(words.notPlanned)} (${String(unplanned.length)})</h2><ul class="unplanned-list">${unplanned.join('')}</ul>` : '',
    '</aside>',
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { html, style: STYLE, script: SCRIPT };
}
