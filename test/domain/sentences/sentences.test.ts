import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/contract/common.js';
import { dayNumber } from '../../../src/domain/calendar.js';
import { sentences, type Sentences } from '../../../src/domain/sentences/sentences.js';

const d = dayNumber;
const span = { from: d('2026-11-30'), to: d('2026-12-01'), end: d('2026-12-04') };
const past = { from: d('2026-12-05'), to: d('2026-12-04'), end: d('2026-12-04') };

/** Every sentence of a language, with the same facts. */
function all(say: Sentences): string[] {
  return [
    say.unreachable('Cave', 'the nearest road is 2.2 km from its location'),
    say.appointmentsOutsideHours('Cave', [d('2026-12-01')]),
    say.appointmentsOnDaysOff('Cave', [d('2026-12-05'), d('2026-12-06')]),
    say.appointmentCollision('Cave', d('2026-12-01'), '10:00', 'Morel', '10:15'),
    say.appointmentsOverfull('Cave', d('2026-12-01'), '10:00', 'max_drive'),
    say.noDayHolds(),
    say.spacing('Cave', 3, 4, d('2026-11-30'), span, true),
    say.spacing('Cave', 3, 4, d('2026-11-30'), past, false),
    say.noWorkingDay('Cave', past),
    say.notOpen('Cave', 50, span),
    say.noRoom('Cave', span),
    say.tooFar('Cave', 50, span),
    say.maxVisits(1, span),
    say.maxDrive('Cave', 240, span),
    say.full('Cave', 50, span),
    say.noBreak(d('2026-12-01'), 45, '12:00', '13:30'),
  ];
}

describe('sentences', () => {
  it.each(LOCALES)('%s: every sentence is one sentence, closed by one period', (locale) => {
    for (const text of all(sentences(locale))) {
      expect(text).toMatch(/^\S.*[^.]\.$/);
      expect(text).not.toMatch(/undefined|NaN|\.\./);
    }
  });

  it('French: days and months from Intl, the first of the month as "1er", no English left', () => {
    const fr = all(sentences('fr'));
    expect(fr[3]).toBe('Le rendez-vous avec Cave le mar. 1er déc. à 10:00 chevauche le rendez-vous avec Morel à 10:15, qui est conservé : le commercial ne peut pas être aux deux.');
    expect(fr[9]).toBe("Cave n'est ouvert 50 minutes d'affilée aucun jour travaillé entre le 30 nov. et le 1er déc.");
    expect(fr[8]).toBe("Le commercial ne travaille pas d'ici la fin du plan, le 4 déc., quand la visite chez Cave est due.");
    for (const text of fr.slice(1)) expect(text).not.toMatch(/\b(the|and|between|Nov|Dec|Mon|Tue)\b/);
  });

  it('English: as before, "between 30 Nov and 1 Dec"', () => {
    expect(all(sentences('en'))[9]).toBe('Cave is not open for 50 minutes on any working day between 30 Nov and 1 Dec.');
  });
});
