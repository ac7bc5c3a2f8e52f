/**
 * Content negotiation (RFC 9110 §12.5): which offered media type an Accept
 * header prefers, and which of our languages an Accept-Language prefers.
 * Quality values decide; among equals, the more specific range and then the
 * earlier offer win. A header that accepts none of the offers gets the first.
 */
import { LOCALES, type Locale } from '../contract/common.js';

interface Range {
  readonly value: string;
  readonly q: number;
}

function ranges(header: string): Range[] {
  return header.split(',').flatMap((part) => {
    const [value = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (value === '') return [];
    const q = params.find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(quality) ? [{ value, q: Math.min(1, Math.max(0, quality)) }] : [];
  });
}

/** How well `range` matches `type` (3 exact, 2 "text/*", 1 "*\/*"), or 0. */
function specificity(range: string, type: string): number {
  if (range === type) return 3;
  if (range === '*/*') return 1;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1)) ? 2 : 0;
}

/** The offered media type the Accept header prefers; the first offer without a header or a match. */
export function preferredType<T extends string>(accept: string | undefined, offers: readonly [T, ...T[]]): T {
  if (accept === undefined || accept.trim() === '') return offers[0];
  const given = ranges(accept);
  let best: { offer: T; q: number; specificity: number } | undefined;
  for (const offer of offers) {
    // The most specific range that matches an offer sets its quality.
    const match = given
      .map((r) => ({ q: r.q, specificity: specificity(r.value, offer) }))
      .filter((m) => m.specificity > 0)
      .sort((a, b) => b.specificity - a.specificity)
      .at(0);
    if (match === undefined || match.q === 0) continue;
    if (best === undefined || match.q > best.q || (match.q === best.q && match.specificity > best.specificity)) best = { offer, ...match };
  }
  return best?.offer ?? offers[0];
}

/** The first of our languages the Accept-Language header asks for ("fr-FR" counts as "fr"), by quality. */
export function preferredLocale(header: string | undefined): Locale | undefined {
  if (header === undefined) return undefined;
  const wanted = ranges(header)
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const range of wanted) {
    const language = range.value.split('-')[0];
    const found = LOCALES.find((l) => l === language);
    if (found !== undefined) return found;
  }
  return undefined;
}
