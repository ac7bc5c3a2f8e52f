/**
 * A plan as a file: which format a request wants (path or Accept), in which
 * language (?locale=, else Accept-Language, else the plan's own), and the
 * body with its headers. Only completed plans have a result to export.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Locale } from '../contract/common.js';
import type { PlanJob } from '../contract/plan-job.js';
import type { PlanResult } from '../contract/plan-result.js';
import { toCsv } from '../export/csv.js';
import { toGeoJson } from '../export/geojson.js';
import { toICalendar } from '../export/ics.js';
import { weekMap } from '../export/map.js';
import { ServiceError } from './errors.js';
import { preferredLocale } from './negotiate.js';

export const MEDIA_TYPES = {
  ics: 'text/calendar',
  csv: 'text/csv',
  geojson: 'application/geo+json',
  map: 'text/html',
} as const;
export type ExportFormat = keyof typeof MEDIA_TYPES;

export const ExportQuery = z.object({
  locale: Locale.optional().meta({ description: 'Language of the export\'s own text (headers, labels); default: `Accept-Language`, else the plan\'s language.' }),
  break: z.enum(['true', 'false']).optional().meta({ description: 'iCalendar: also add the lunch breaks as events. Default: `false`.' }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export interface ExportRequest {
  readonly query: ExportQuery;
  readonly acceptLanguage: string | undefined;
}

export interface Rendered {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

function resultOf(job: PlanJob): PlanResult {
  if (job.result !== undefined) return job.result;
  const when = job.status === 'queued' || job.status === 'active' ? 'once it has completed' : 'only from a completed plan';
  throw new ServiceError('not_completed', `Plan ${job.id} is ${job.status}; exports are available ${when}.`);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function renderPlan(job: PlanJob, format: ExportFormat, request: ExportRequest, download: boolean): Rendered {
  const result = resultOf(job);
  const locale = request.query.locale ?? preferredLocale(request.acceptLanguage) ?? result.locale;
  const common = { 'content-language': locale, ...(download ? { 'content-disposition': `attachment; filename="${job.id}.${format === 'map' ? 'html' : format}"` } : {}) };
  switch (format) {
    case 'ics': {
      const body = toICalendar(result, { locale, withBreak: request.query.break === 'true', revisedAt: Date.parse(job.createdAt) });
      return { body: Buffer.from(body), headers: { ...common, 'content-type': 'text/calendar; charset=utf-8' } };
    }
    case 'csv':
      return { body: Buffer.from(toCsv(result, locale)), headers: { ...common, 'content-type': 'text/csv; charset=utf-8; header=present' } };
    case 'geojson':
      return { body: Buffer.from(JSON.stringify(toGeoJson(result))), headers: { ...common, 'content-type': 'application/geo+json' } };
    case 'map': {
      const page = weekMap(result, locale);
      // The page's own inline style and script, and nothing else: no network, no other inline code.
      const policy = `default-src 'none'; style-src ${sha256(page.style)}; script-src ${sha256(page.script)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
      return { body: Buffer.from(page.html), headers: { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy } };
    }
  }
}
