import { describe, expect, it } from 'vitest';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { compile, pointsOf } from '../../src/domain/compile.js';
import { createHaversine } from '../../src/matrix/haversine.js';
import { smallRequest } from '../helpers/requests.js';

/** The small request with revenue, potential and a CRM segment on every account. */
function withPortfolioFields() {
  const base = smallRequest();
  return { ...base, accounts: base.accounts.map((a, i) => ({ ...a, revenue: 1000 * (i + 1), potential: 5000, segment: i < 2 ? 'A' : 'C' })) };
}

describe('portfolio fields of an account', () => {
  it('accepts revenue, potential and a CRM segment in a plan request', () => {
    const parsed = PlanRequest.parse(withPortfolioFields());
    expect(parsed.accounts[1]).toMatchObject({ revenue: 2000, potential: 5000, segment: 'A' });
  });

  it('refuses a negative revenue or potential and an empty segment, by path', () => {
    const body = withPortfolioFields();
    const bad = { ...body, accounts: body.accounts.map((a, i) => (i === 0 ? { ...a, revenue: -1, potential: -5, segment: '' } : a)) };
    const paths = PlanRequest.safeParse(bad).error?.issues.map((i) => i.path.join('/'));
    expect(paths).toEqual(['accounts/0/revenue', 'accounts/0/potential', 'accounts/0/segment']);
  });

  it('leaves planning untouched: the solver problem is the same with or without them', async () => {
    const plain = PlanRequest.parse(smallRequest());
    const rich = PlanRequest.parse(withPortfolioFields());
    const matrix = await createHaversine().matrix(pointsOf(plain));
    expect(compile(rich, matrix, { today: '2026-11-23' }).problem).toEqual(compile(plain, matrix, { today: '2026-11-23' }).problem);
  });
});
