import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { weekMap } from '../../src/export/map.js';
import { planned } from '../helpers/planned.js';

describe('map page', () => {
  let result: PlanResult;
  beforeAll(async () => {
    ({ result } = await planned());
  });

  it('is one page that loads nothing: no src, href or url() anywhere', () => {
    const { html, style, script } = weekMap(result, 'en');
    expect(html).toContain(`<style>${style}</style>`);
    expect(html).toContain(`<script>${script}</script>`);
    expect(html).not.toMatch(/\s(src|href)=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('escapes the request\'s text: a name with markup stays text', () => {
    const { html } = weekMap(result, 'en');
    expect(result.unplanned.some((u) => u.name?.includes('<b>') === true)).toBe(true);
    expect(html).not.toContain('<b>Saint-Malo</b>');
    expect(html).toContain('&#60;b&#62;Saint-Malo&#60;/b&#62;');
  });

  it('draws one tour and one legend entry per day, in French when asked', () => {
    const { html } = weekMap(result, 'fr');
    expect(html.match(/<path class="tour /g)).toHaveLength(result.days.length);
    expect(html.match(/<button type="button" data-day=/g)).toHaveLength(result.days.length);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Non planifié');
  });
});
