import { z } from 'zod';
import { IsoDate } from './common.js';

export const CHANGE_KINDS = ['moved', 'added', 'dropped'] as const;

export const CHANGE_REASONS = ['rep_unavailable', 'account_closed', 'appointment', 'outside_window', 'optimised', 'due', 'not_due', 'unplanned', 'account_removed'] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

/** Why a visit changed against the previous plan; the change's sentence says it for the case at hand. */
export const CHANGE_REASON_MEANINGS: Readonly<Record<ChangeReason, string>> = {
  rep_unavailable: 'The rep no longer works on the previous date (unavailable, or no working hours that weekday).',
  account_closed: 'The account is closed on the previous date, or its opening hours leave no room for the visit.',
  appointment: 'An appointment now fixes the visit on the new date.',
  outside_window: 'The previous date is no longer within the days the visit is due (frequency, last visit).',
  optimised: 'Nothing forbids the previous date: moving the visit shortens the week\'s driving or makes room for other visits.',
  due: 'A visit is due in this plan that the previous plan did not hold.',
  not_due: 'Fewer visits are due in this plan than the previous plan held.',
  unplanned: 'The visit is due but could not be planned (see `unplanned`).',
  account_removed: 'The account is no longer in the request.',
};

/** The table as markdown, for descriptions. */
export function changeReasonTable(): string {
  const rows = Object.entries(CHANGE_REASON_MEANINGS).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| reason | meaning |', '|---|---|', ...rows].join('\n');
}

export const VisitChange = z
  .object({
    kind: z.enum(CHANGE_KINDS).meta({ description: 'A visit moved from one date to another, added, or dropped, against `options.previousPlan`.', examples: ['moved'] }),
    accountId: z.string().meta({ description: 'The account visited.', examples: ['acc-0042'] }),
    from: IsoDate.optional().meta({ description: 'The date of the visit in the previous plan (moved, dropped).' }),
    to: IsoDate.optional().meta({ description: 'The date of the visit in this plan (moved, added).' }),
    reason: z.enum(CHANGE_REASONS).meta({ description: `Why:\n\n${changeReasonTable()}`, examples: ['rep_unavailable'] }),
    message: z.string().meta({
      description: 'The change and its reason in a sentence.',
      examples: ['Visit to Boulangerie Morel moved from Thu 26 Nov to Fri 27 Nov: the rep is unavailable on Thu 26 Nov.'],
    }),
  })
  .meta({ id: 'VisitChange', description: 'How a visit differs from the previous plan, and why.' });
export type VisitChange = z.infer<typeof VisitChange>;
