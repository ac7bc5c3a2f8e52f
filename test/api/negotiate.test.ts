import { describe, expect, it } from 'vitest';
import { preferredLocale, preferredType } from '../../src/api/negotiate.js';

const OFFERS = ['application/json', 'text/calendar', 'text/csv', 'application/geo+json'] as const;

describe('content negotiation', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['text/calendar', 'text/calendar'],
    ['text/csv;q=0.9, application/geo+json', 'application/geo+json'],
    ['text/*', 'text/calendar'],
    ['text/*;q=0.5, text/csv', 'text/csv'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/json'],
    ['application/xml', 'application/json'],
    ['text/calendar;q=0, */*', 'application/json'],
    ['TEXT/CSV', 'text/csv'],
  ])('Accept %j → %s', (accept, expected) => {
    expect(preferredType(accept, OFFERS)).toBe(expected);
  });

  it.each([
    [undefined, undefined],
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'fr'],
    ['en-GB, fr;q=0.5', 'en'],
    ['de-DE, fr;q=0.3', 'fr'],
    ['de, es', undefined],
    ['fr;q=0, en', 'en'],
    ['*', undefined],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(preferredLocale(header)).toBe(expected);
  });
});
